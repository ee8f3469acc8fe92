import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import type { Log } from './log';
import type { LiveScanner } from './liveScanner';
import { showRemediation } from './remediationView';
import type { RuleHost } from './ruleHost';

/** What the command handlers need. */
export interface CommandDeps {
  rules: RuleHost;
  log: Log;
  live: LiveScanner;
}

/** Registers every command in CommandId, in one place. */
export function registerCommands(deps: CommandDeps): vscode.Disposable {
  const handlers: Record<(typeof CommandId)[keyof typeof CommandId], (...args: unknown[]) => unknown> = {
    [CommandId.showRemediation]: async (ruleId: unknown) => {
      const rule = typeof ruleId === 'string' ? deps.rules.engine.rule(ruleId) : undefined;
      if (!rule) {
        void vscode.window.showWarningMessage(`Leakless: no rule named ${JSON.stringify(ruleId)}.`);
        return;
      }
      await showRemediation(rule);
    },
    [CommandId.showOutput]: () => deps.log.show(),
    [CommandId.rescanOpenEditors]: () => deps.live.rescanAll(),
  };
  return vscode.Disposable.from(
    ...Object.entries(handlers).map(([id, fn]) => vscode.commands.registerCommand(id, fn)),
  );
}
