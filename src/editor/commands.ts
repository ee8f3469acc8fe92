import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import { applyDocumentFix } from './documentFix';
import { applyEnvFix } from './envFix';
import type { LeaklessConfig } from './config';
import type { FindingsStore } from './findingsStore';
import type { Log } from './log';
import type { LiveScanner } from './liveScanner';
import { afterFix, disableRule } from './fixCommands';
import { installPreCommitHook } from './hookCommand';
import { showRemediation } from './remediationView';
import type { CustomRules } from './customRules';
import type { RuleHost } from './ruleHost';
import { workspaceCommandHandlers } from './workspaceCommands';
import type { WorkspaceScan } from './workspaceScan';

/** What the command handlers need. */
export interface CommandDeps {
  rules: RuleHost;
  log: Log;
  store: FindingsStore;
  config: () => LeaklessConfig;
  live: LiveScanner;
  workspace: WorkspaceScan;
  customRules: CustomRules;
  extensionPath: string;
}

/** Registers every command in CommandId, in one place. */
export function registerCommands(deps: CommandDeps): vscode.Disposable {
  const handlers: Record<(typeof CommandId)[keyof typeof CommandId], (...args: unknown[]) => unknown> = {
    // Takes a rule id, or anything carrying one (a finding in the Leakless view).
    [CommandId.showRemediation]: async (arg: unknown) => {
      const ruleId = typeof arg === 'object' && arg !== null ? (arg as { ruleId?: unknown }).ruleId : arg;
      if (typeof ruleId !== 'string') {
        void vscode.window.showWarningMessage('Leakless: no rule given for the remediation guide.');
        return;
      }
      await showRemediation(ruleId);
    },
    [CommandId.showOutput]: () => deps.log.show(),
    [CommandId.rescanOpenEditors]: () => deps.live.rescanAll(),
    [CommandId.installHook]: () => installPreCommitHook(deps.log, deps.extensionPath),
    [CommandId.reloadRules]: () => deps.customRules.schedule(),
    [CommandId.disableRule]: (ruleId: unknown) => disableRule(ruleId),
    [CommandId.afterFix]: (args: unknown) => afterFix(deps.log, args),
    [CommandId.applyEnvFix]: (args: unknown) => applyEnvFix(deps, args),
    [CommandId.applyDocumentFix]: (args: unknown) => applyDocumentFix(deps, args),
    ...workspaceCommandHandlers(deps.workspace, deps.live),
  };
  return vscode.Disposable.from(
    ...Object.entries(handlers).map(([id, fn]) => vscode.commands.registerCommand(id, fn)),
  );
}
