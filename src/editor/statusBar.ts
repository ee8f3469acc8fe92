import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import type { FindingsStore } from './findingsStore';
import type { WorkspaceFindings } from './workspaceFindings';

/** The command that opens the Leakless view container. */
const SHOW_VIEW = 'workbench.view.extension.leakless';

/**
 * The status bar item: how many secrets the open editors hold, or, after a workspace scan, the whole workspace.
 * Clicking it opens the Leakless view.
 */
export function registerStatusBar(store: FindingsStore, workspace?: WorkspaceFindings): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('leakless.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Leakless';
  item.command = workspace ? SHOW_VIEW : CommandId.showOutput;
  const update = (): void => {
    const whole = workspace?.scanned === true;
    const n = whole && workspace ? workspace.total() : store.total();
    const where = whole ? 'in the workspace' : 'in the open editors';
    item.text = n > 0 ? `$(shield) ${n}` : '$(shield) 0';
    item.tooltip = n === 1 ? `Leakless: 1 hardcoded secret ${where}` : `Leakless: ${n} hardcoded secrets ${where}`;
    item.accessibilityInformation = { label: item.tooltip };
    item.backgroundColor = n > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  };
  update();
  item.show();
  const subs = [store.onDidChange(update), ...(workspace ? [workspace.onDidChange(update)] : [])];
  return vscode.Disposable.from(item, ...subs);
}
