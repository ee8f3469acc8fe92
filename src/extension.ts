import * as vscode from 'vscode';
import builtinRules from 'leakless:builtin-rules';
import { registerCommands } from './editor/commands';
import { readConfig, type LeaklessConfig } from './editor/config';
import { FindingsStore } from './editor/findingsStore';
import { FindingHoverProvider } from './editor/hover';
import { LiveScanner } from './editor/liveScanner';
import { Log } from './editor/log';
import { RuleHost } from './editor/ruleHost';
import { registerStatusBar } from './editor/statusBar';

/** What the extension exports to other extensions and to its own integration tests. */
export interface LeaklessApi {
  /** The latest lines of the Leakless output channel (masked values only). */
  recentLog(): readonly string[];
  /** How many rules are active. */
  ruleCount(): number;
}

/** Composes the extension's features; each one is a Disposable in context.subscriptions. */
export function activate(context: vscode.ExtensionContext): LeaklessApi {
  const log = new Log();
  const rules = new RuleHost(builtinRules);
  const store = new FindingsStore();
  const configChanged = new vscode.EventEmitter<void>();
  let config = loadConfig(log);
  context.subscriptions.push(
    log,
    rules,
    store,
    configChanged,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('leakless')) return;
      config = loadConfig(log);
      configChanged.fire();
    }),
  );
  const live = new LiveScanner({ rules, store, log, config: () => config, onConfigChange: configChanged.event });
  context.subscriptions.push(
    live,
    vscode.languages.registerHoverProvider('*', new FindingHoverProvider(store, rules)),
    registerStatusBar(store),
    registerCommands({ rules, log, live }),
  );
  log.info(`Leakless activated with ${builtinRules.length} built-in rules.`);
  return { recentLog: () => log.recent(), ruleCount: () => rules.engine.rules.length };
}

function loadConfig(log: Log): LeaklessConfig {
  const { config, problems } = readConfig();
  for (const p of problems) {
    const message = `Leakless: setting ${p.setting} ignored: ${p.detail}. Using its default.`;
    log.warn(message);
    void vscode.window.showWarningMessage(message);
  }
  return config;
}

export function deactivate(): void {}
