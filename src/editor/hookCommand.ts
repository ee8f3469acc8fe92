import * as path from 'node:path';
import * as vscode from 'vscode';
import { HookError, installHook } from '../node/hooks';
import type { Log } from './log';

/**
 * Installs the Git pre-commit hook (`leakless scan --staged`) in a workspace folder's repository, keeping any hook
 * that is already there. The hook falls back on the CLI bundled with this extension, run by `node` from PATH.
 */
export async function installPreCommitHook(log: Log, extensionPath: string): Promise<string | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (folders.length === 0) {
    void vscode.window.showWarningMessage('Leakless: open a folder in a Git repository to install the pre-commit hook.');
    return undefined;
  }
  const folder = folders.length === 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Install the Leakless pre-commit hook in which folder\'s repository?' });
  if (!folder) return undefined;
  try {
    const result = await installHook({ cwd: folder.uri.fsPath, cliPath: path.join(extensionPath, 'dist', 'cli.js'), nodePath: 'node' });
    const chained = result.chained ? ` Your existing hook was kept as ${path.basename(result.chained)} and runs first.` : '';
    const message = `Leakless: pre-commit hook ${result.action} at ${result.hookPath}.${chained}`;
    log.info(message);
    void vscode.window.showInformationMessage(message);
    return result.hookPath;
  } catch (e) {
    const message = e instanceof HookError ? e.message : `could not install the hook: ${(e as Error).message}`;
    log.error(message);
    void vscode.window.showErrorMessage(`Leakless: ${message}`);
    return undefined;
  }
}
