import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { ours, waitFor, workspaceRoot } from './util';

/** The quick fixes offered on a document's first Leakless diagnostic. */
export async function fixesFor(doc: vscode.TextDocument): Promise<{ diagnostic: vscode.Diagnostic; actions: vscode.CodeAction[] }> {
  const diagnostic = await waitFor('a Leakless diagnostic', () => ours(doc.uri)[0], 15000);
  // VS Code cancels a code-action request when the document's diagnostics change meanwhile (the menu asks again);
  // so does this helper.
  for (let attempt = 1; ; attempt++) {
    try {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diagnostic.range);
      return { diagnostic, actions };
    } catch (e) {
      if (attempt >= 5 || !(e instanceof Error) || e.message !== 'Canceled') throw e;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Applies a code action as VS Code does: its edit if it has one, then its command with its arguments. */
export async function apply(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `the edit of "${action.title}" was refused`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/** A workspace file's content on disk, or undefined when it does not exist. */
export function onDisk(name: string): string | undefined {
  const p = vscode.Uri.joinPath(workspaceRoot(), name).fsPath;
  return fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined;
}

/** Deletes files through VS Code, so that no stale model of them survives between tests. */
export async function removeFromDisk(...names: string[]): Promise<void> {
  for (const n of names) {
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), n), { recursive: true }).then(undefined, () => undefined);
  }
}
