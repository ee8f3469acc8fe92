import * as vscode from 'vscode';
import bundledRules from 'leakless:builtin-rules';
import * as path from 'node:path';
import { secretFileRules } from './core';
import { LeaklessCodeActions } from './editor/codeActions';
import { registerCommands } from './editor/commands';
import { CustomRules } from './editor/customRules';
import { CommittedTracker } from './editor/committed';
import { readConfig, type LeaklessConfig } from './editor/config';
import { reportConfigProblems } from './editor/configProblems';
import { FindingsStore } from './editor/findingsStore';
import { FindingHoverProvider } from './editor/hover';
import { WorkspaceIgnores } from './editor/ignoreFile';
import { LiveScanner } from './editor/liveScanner';
import { Log } from './editor/log';
import { registerRemediationView } from './editor/remediationView';
import { RuleHost } from './editor/ruleHost';
import { registerStatusBar } from './editor/statusBar';
import { registerWorkspaceScan, workspaceScanApi, type WorkspaceScanApi } from './editor/workspaceScan';

/** The rules from rules/*.yaml plus the file kinds that are secrets by name (key stores). */
const builtinRules = [...bundledRules, ...secretFileRules()];

/** What the extension exports to other extensions and to its own integration tests. */
export interface LeaklessApi extends WorkspaceScanApi {
  /** The latest lines of the Leakless output channel (masked values only). */
  recentLog(): readonly string[];
  /** How many rules are active. */
  ruleCount(): number;
  /** The quick fixes Leakless offers at a range of a document, disabled ones (with the reason) included. */
  quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]>;
}

/** Composes the extension's features; each one is a Disposable in context.subscriptions. */
export function activate(context: vscode.ExtensionContext): LeaklessApi {
  const log = new Log();
  const rules = new RuleHost(builtinRules, {
    ruleMs: 250,
    perMegabyteMs: 250,
    onSlowRule: (rule, ms) => {
      const message = `Leakless: rule ${rule.id} (${rule.source.file}:${rule.source.line}) took ${Math.round(ms)} ms on one document and has been switched off until the rules are reloaded.`;
      log.warn(message);
      void vscode.window.showWarningMessage(message);
    },
  });
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
  const ignores = new WorkspaceIgnores(log);
  const committed = new CommittedTracker({ store, log, historyDepth: () => config.gitHistoryDepth });
  const customRules = new CustomRules({ rules, builtinRules, log, config: () => config, onConfigChange: configChanged.event });
  const codeActions = new LeaklessCodeActions({ store, config: () => config, log });
  const live = new LiveScanner({ rules, store, log, config: () => config, onConfigChange: configChanged.event, committed, ignores });
  const workspace = registerWorkspaceScan({
    rules, builtinRules, store, log, config: () => config, onConfigChange: configChanged.event, committed,
    ignored: () => ignores.current,
    memento: context.workspaceState, workerPath: path.join(__dirname, 'scanWorker.js'),
    tool: { version: String(context.extension.packageJSON.version), informationUri: 'https://github.com/leakless/leakless' },
  });
  // Findings ignored in the workspace leave the scan results too, not only the open editors.
  const dropIgnored = ignores.onDidChange(() => {
    for (const uri of workspace.results.scannedUris()) {
      const kept = workspace.results.get(uri).filter((f) => !ignores.current.has(f.fingerprint));
      if (kept.length !== workspace.results.get(uri).length) workspace.results.set(uri, kept);
    }
  });
  context.subscriptions.push(
    dropIgnored,
    committed,
    ignores,
    customRules,
    live,
    vscode.languages.registerCodeActionsProvider('*', codeActions, {
      providedCodeActionKinds: LeaklessCodeActions.providedCodeActionKinds,
    }),
    registerRemediationView(rules),
    workspace,
    vscode.languages.registerHoverProvider('*', new FindingHoverProvider(store, rules, committed)),
    registerStatusBar(store, workspace.results),
    registerCommands({ rules, log, store, config: () => config, live, workspace, customRules, extensionPath: context.extensionPath }),
  );
  log.info(`Leakless activated with ${builtinRules.length} built-in rules.`);
  return {
    recentLog: () => log.recent(),
    ruleCount: () => rules.engine.rules.length,
    quickFixes: (uri, range) => codeActions.quickFixesAt(uri, range),
    ...workspaceScanApi(workspace),
  };
}

function loadConfig(log: Log): LeaklessConfig {
  const { config, problems } = readConfig();
  void reportConfigProblems(problems, log);
  return config;
}

export function deactivate(): void {}
