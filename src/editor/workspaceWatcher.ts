import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { PathFilter } from '../node/pathFilter';
import type { Log } from './log';
import type { WorkspaceFindings } from './workspaceFindings';
import { excludePatterns, type WorkspaceScanner } from './workspaceScanner';

/** Waits for a burst of file events to settle before re-scanning, in ms. */
const SETTLE_MS = 300;

/**
 * Keeps workspace scan results current: re-scans only the files that were saved, created or renamed, and forgets the
 * ones deleted. Files the full scan would leave out (.gitignore, exclude settings) stay out.
 */
export class WorkspaceWatcher implements vscode.Disposable {
  private watcher: vscode.Disposable | undefined;
  private readonly filters = new Map<string, PathFilter>();
  private readonly pending = new Map<string, { uri: vscode.Uri; deleted: boolean }>();
  private timer: NodeJS.Timeout | undefined;
  private readonly configSub: vscode.Disposable;
  /** Resolves when the re-scans started so far are done (for tests). */
  idle: Promise<void> = Promise.resolve();

  constructor(
    private readonly scanner: WorkspaceScanner,
    private readonly results: WorkspaceFindings,
    private readonly log: Log,
  ) {
    this.configSub = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('leakless') || e.affectsConfiguration('files.exclude') || e.affectsConfiguration('search.exclude')) {
        this.filters.clear();
      }
    });
  }

  /** Starts watching (after a workspace scan); idempotent. */
  start(): void {
    if (this.watcher) return;
    const w = vscode.workspace.createFileSystemWatcher('**/*');
    // The disk watcher sees every change but may start late on a busy machine; what the user does inside the editor
    // (save, Explorer create/delete/rename) is also taken from the editor's own events, at once.
    this.watcher = vscode.Disposable.from(
      w,
      w.onDidCreate((u) => this.queue(u, false)),
      w.onDidChange((u) => this.queue(u, false)),
      w.onDidDelete((u) => this.queue(u, true)),
      vscode.workspace.onDidSaveTextDocument((d) => this.queue(d.uri, false)),
      vscode.workspace.onDidCreateFiles((e) => e.files.forEach((u) => this.queue(u, false))),
      vscode.workspace.onDidDeleteFiles((e) => e.files.forEach((u) => this.queue(u, true))),
      vscode.workspace.onDidRenameFiles((e) => e.files.forEach((f) => {
        this.queue(f.oldUri, true);
        this.queue(f.newUri, false);
      })),
    );
  }

  /** Stops watching (after Clear Results). */
  stop(): void {
    this.watcher?.dispose();
    this.watcher = undefined;
    this.pending.clear();
  }

  private queue(uri: vscode.Uri, deleted: boolean): void {
    if (uri.scheme !== 'file') return;
    if (path.basename(uri.fsPath) === '.gitignore') for (const f of this.filters.values()) f.forget();
    this.pending.set(uri.toString(), { uri, deleted });
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.idle = this.idle.then(() => this.flush());
    }, SETTLE_MS);
  }

  private async flush(): Promise<void> {
    const events = [...this.pending.values()];
    this.pending.clear();
    const toScan: vscode.Uri[] = [];
    for (const { uri, deleted } of events) {
      if (deleted) {
        this.results.delete(uri);
        continue;
      }
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (!folder) continue;
      let st: fs.Stats;
      try {
        st = await fs.promises.stat(uri.fsPath);
      } catch {
        this.results.delete(uri);
        continue;
      }
      if (!st.isFile()) continue;
      if (await this.filter(folder).ignored(uri.fsPath)) {
        this.results.set(uri, []);
        continue;
      }
      toScan.push(uri);
    }
    if (toScan.length === 0) return;
    try {
      const summary = await this.scanner.scanUris(toScan);
      this.log.trace(`Re-scanned ${toScan.length} changed file(s): ${summary.findings} finding(s).`);
    } catch (e) {
      this.log.warn(`Could not re-scan changed files: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private filter(folder: vscode.WorkspaceFolder): PathFilter {
    const key = folder.uri.toString();
    let f = this.filters.get(key);
    if (!f) {
      f = new PathFilter(folder.uri.fsPath, excludePatterns(folder));
      this.filters.set(key, f);
    }
    return f;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.stop();
    this.configSub.dispose();
  }
}
