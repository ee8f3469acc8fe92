import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** The extension under test. */
export const EXTENSION_ID = 'leakless.leakless';

/** The part of the extension's exported API (LeaklessApi in src/extension.ts) that these tests use. */
export interface TestApi {
  recentLog(): readonly string[];
  ruleCount(): number;
  quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]>;
}

/** Returns the activated extension's API. */
export async function leakless(): Promise<TestApi> {
  const ext = vscode.extensions.getExtension<TestApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  return ext.isActive ? ext.exports : await ext.activate();
}

/** The first workspace folder (the harness opens a throw-away copy of test/fixtures/workspace). */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need an open workspace folder');
  return folder.uri;
}

/** Polls until `check` returns a value other than undefined, or fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() > end) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits a fixed time (to show that something does NOT happen). */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Leakless's diagnostics on a document. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Leakless');
}

/** A fake current-format Atlassian API token, made at run time so no committed literal looks live. */
export function fakeJiraToken(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let body = '';
  for (let i = 0; i < 180; i++) body += chars[Math.floor(Math.random() * chars.length)];
  let check = '';
  for (let i = 0; i < 8; i++) check += '0123456789ABCDEF'[Math.floor(Math.random() * 16)];
  return `ATATT3${body}=${check}`;
}

/** Sets a leakless.* setting in the workspace and returns a function that restores it. */
export async function setSetting(key: string, value: unknown): Promise<() => Promise<void>> {
  const config = vscode.workspace.getConfiguration('leakless');
  const before = config.inspect(key)?.workspaceValue;
  await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  return async () => {
    await vscode.workspace.getConfiguration('leakless').update(key, before, vscode.ConfigurationTarget.Workspace);
  };
}

/** Writes a file into the workspace and opens it in an editor. */
export async function openFile(name: string, content: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), name);
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc);
}

/** Types text at the end of a document, as one edit (like a paste). */
export async function append(editor: vscode.TextEditor, text: string): Promise<void> {
  const doc = editor.document;
  const end = doc.lineAt(doc.lineCount - 1).range.end;
  const ok = await editor.edit((b) => b.insert(end, text));
  assert.ok(ok, 'the edit was not applied');
}

/** Closes every editor and reverts unsaved changes, so that tests do not leak into each other. */
export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
