import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import type { FindingsStore } from './findingsStore';

/** The status bar item: how many secrets the open editors hold. */
export function registerStatusBar(store: FindingsStore): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('leakless.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Leakless';
  item.command = CommandId.showOutput;
  const update = (): void => {
    const n = store.total();
    item.text = n > 0 ? `$(shield) ${n}` : '$(shield) 0';
    item.tooltip = n === 1 ? 'Leakless: 1 hardcoded secret in the open editors' : `Leakless: ${n} hardcoded secrets in the open editors`;
    item.accessibilityInformation = { label: item.tooltip };
    item.backgroundColor = n > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  };
  update();
  item.show();
  const sub = store.onDidChange(update);
  return vscode.Disposable.from(item, sub);
}
