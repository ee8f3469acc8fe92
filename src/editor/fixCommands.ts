import * as vscode from 'vscode';
import type { AfterFixArgs } from './codeActions';
import type { Log } from './log';

/** After a fix's WorkspaceEdit is applied: saves the side files it edited and logs its notes. */
export async function afterFix(log: Log, raw: unknown): Promise<void> {
  const args = raw as Partial<AfterFixArgs> | undefined;
  if (!args || !Array.isArray(args.save)) return;
  for (const s of args.save) {
    const uri = vscode.Uri.parse(s);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc?.isDirty && !(await doc.save())) {
      const message = `Leakless: could not save ${vscode.workspace.asRelativePath(uri)}; the change is still in the unsaved editor. Save it before closing.`;
      log.error(message);
      void vscode.window.showErrorMessage(message);
    }
  }
  for (const note of args.notes ?? []) log.info(note);
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
