import * as vscode from 'vscode';
import { IGNORE_FILE, parseIgnoreFile } from '../core';
import type { Log } from './log';

/** Reads and watches every workspace folder's ignore file; fires when the set of ignored fingerprints changes. */
export class WorkspaceIgnores implements vscode.Disposable {
  private fingerprints = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly watcher = vscode.workspace.createFileSystemWatcher(`**/${IGNORE_FILE}`);

  constructor(private readonly log: Log) {
    const reload = (): void => void this.reload();
    this.watcher.onDidChange(reload);
    this.watcher.onDidCreate(reload);
    this.watcher.onDidDelete(reload);
    void this.reload();
  }

  /** The fingerprints ignored anywhere in the workspace. */
  get current(): ReadonlySet<string> {
    return this.fingerprints;
  }

  async reload(): Promise<void> {
    const next = new Set<string>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const uri = vscode.Uri.joinPath(folder.uri, IGNORE_FILE);
      let text: string;
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        continue;
      }
      const parsed = parseIgnoreFile(text);
      if (typeof parsed === 'string') this.log.warn(`${vscode.workspace.asRelativePath(uri)}: ${parsed}; its entries are not applied.`);
      else for (const e of parsed) next.add(e.fingerprint);
    }
    const same = next.size === this.fingerprints.size && [...next].every((f) => this.fingerprints.has(f));
    this.fingerprints = next;
    if (!same) this.changed.fire();
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
  }
}

export { addIgnoreEntry, IGNORE_FILE, parseIgnoreFile, type IgnoreEntry } from '../core';
