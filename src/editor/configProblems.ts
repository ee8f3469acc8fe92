import * as vscode from 'vscode';
import type { ConfigProblem } from './config';
import type { Log } from './log';

/** Where a setting's value comes from: the settings file and the 1-based line, when it can be found. */
export async function locateSetting(setting: string): Promise<string> {
  const [section, ...rest] = setting.split('.');
  const key = rest.join('.').split('.')[0] ?? '';
  const inspected = vscode.workspace.getConfiguration(section).inspect(key);
  const candidates: Array<{ uri: vscode.Uri | undefined; label: string }> = [];
  if (inspected?.workspaceFolderValue !== undefined || inspected?.workspaceValue !== undefined) {
    const file = vscode.workspace.workspaceFile;
    if (inspected.workspaceValue !== undefined && file && file.scheme !== 'untitled') candidates.push({ uri: file, label: 'workspace file' });
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      candidates.push({ uri: vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json'), label: 'folder settings' });
    }
  }
  for (const { uri } of candidates) {
    if (!uri) continue;
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const lines = text.split(/\r\n|\r|\n/);
      const i = lines.findIndex((l) => l.includes(`"${section}.${key}"`));
      if (i >= 0) return `${vscode.workspace.asRelativePath(uri)}:${i + 1}`;
    } catch {
      // not there: try the next place
    }
  }
  return inspected?.globalValue !== undefined ? 'User settings' : candidates[0]?.label ?? 'settings';
}

/** Tells the user about settings that could not be used: where they are, which field, and what was expected. */
export async function reportConfigProblems(problems: readonly ConfigProblem[], log: Log): Promise<void> {
  for (const p of problems) {
    const where = await locateSetting(p.setting);
    const message = `Leakless: ${where}: setting "${p.setting}" ignored: ${p.detail}. Using its default.`;
    log.warn(message);
    void vscode.window.showWarningMessage(message);
  }
}
