import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { AfterFixArgs } from './codeActions';
import type { Log } from './log';

/** After a fix's WorkspaceEdit is applied: owner-only .env, save the side files, warn about a tracked .env. */
export async function afterFix(log: Log, raw: unknown): Promise<void> {
  const args = raw as Partial<AfterFixArgs> | undefined;
  if (!args || !Array.isArray(args.save)) return;
  if (typeof args.restrict === 'string') {
    const uri = vscode.Uri.parse(args.restrict);
    if (uri.scheme === 'file') {
      try {
        await fs.promises.chmod(uri.fsPath, 0o600);
      } catch (e) {
        log.warn(`Could not make ${vscode.workspace.asRelativePath(uri)} owner-only: ${(e as Error).message}`);
      }
    }
  }
  for (const s of args.save) {
    const uri = vscode.Uri.parse(s);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc?.isDirty && !(await doc.save())) {
      const message = `Leakless: could not save ${vscode.workspace.asRelativePath(uri)}; the value is still in the unsaved editor. Save it before closing.`;
      log.error(message);
      void vscode.window.showErrorMessage(message);
    }
  }
  for (const note of args.notes ?? []) log.info(note);
  if (typeof args.trackedEnv === 'string') {
    void vscode.window.showWarningMessage(
      `Leakless: ${args.trackedEnv} is tracked by git, so the secret would be committed with it. Run "git rm --cached ${args.trackedEnv}" and commit, then rotate any secret it already held.`,
    );
  }
}

/** Adds a rule to leakless.disabledRules in the workspace settings. */
export async function disableRule(ruleId: unknown): Promise<void> {
  if (typeof ruleId !== 'string') return;
  const config = vscode.workspace.getConfiguration('leakless');
  const current = config.get<unknown>('disabledRules');
  const list = Array.isArray(current) ? current.filter((x): x is string => typeof x === 'string') : [];
  if (list.includes(ruleId)) return;
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update('disabledRules', [...list, ruleId], target);
  void vscode.window.showInformationMessage(`Leakless: rule ${ruleId} is disabled (leakless.disabledRules).`);
}
