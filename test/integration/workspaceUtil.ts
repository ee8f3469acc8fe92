// Helpers for the workspace-scan integration tests: the extension's full API, files written without opening them.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import type { LeaklessApi } from '../../src/extension';
import { EXTENSION_ID, workspaceRoot } from './util';

/** The activated extension's API, typed in full. */
export async function api(): Promise<LeaklessApi> {
  const ext = vscode.extensions.getExtension<LeaklessApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  return ext.isActive ? ext.exports : await ext.activate();
}

/** A file in the workspace folder. */
export function wsUri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...rel.split('/'));
}

/** Writes a file on disk without opening it in an editor. */
export async function writeFile(rel: string, content: string | Uint8Array): Promise<vscode.Uri> {
  const uri = wsUri(rel);
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
  await vscode.workspace.fs.writeFile(uri, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  return uri;
}

/** Runs git in a workspace subfolder (the test's own repository). */
export function git(relDir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: wsUri(relDir).fsPath, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
}

/** True when a document for this file is loaded (open files get live diagnostics instead of scan results). */
export function isOpen(uri: vscode.Uri): boolean {
  return vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
}
