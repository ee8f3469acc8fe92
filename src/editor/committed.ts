import * as path from 'node:path';
import * as vscode from 'vscode';
import { KeyedTimers } from './keyedTimers';
import type { Finding } from '../core';
import { committedSecrets, repoHead, type CommitStatus, type RepoHead } from '../node/git';
import type { FindingsStore } from './findingsStore';
import type { Log } from './log';

export type { CommitStatus } from '../node/git';

/** What the tracker needs. */
export interface CommittedDeps {
  store: FindingsStore;
  log: Log;
  /** `leakless.git.historyDepth`: commits of a file's history searched besides HEAD (0 = HEAD only). */
  historyDepth: () => number;
}

interface FileEntry {
  head: string;
  depth: number;
  /** Fingerprint → where it is committed, or null when it is not. */
  byFingerprint: Map<string, CommitStatus | null>;
}

/** How long a resolved HEAD is trusted before asking git again, in ms. */
const HEAD_TTL_MS = 2000;
/** git processes run at once. */
const MAX_GIT_JOBS = 2;
/** Delay after a live scan before asking git, so typing never waits on it. */
const LIVE_DELAY_MS = 400;

/**
 * Tells, per finding, whether its secret is already in Git (HEAD, or the recent history of its file). Answers come
 * from a cache keyed by (file, HEAD commit, fingerprint); misses are looked up in the background, after the scan, a
 * couple of git processes at a time, and `onDidChange` fires for the file when answers arrive.
 */
export class CommittedTracker implements vscode.Disposable {
  private readonly files = new Map<string, FileEntry>();
  private readonly heads = new Map<string, { at: number; repo: Promise<RepoHead | undefined> }>();
  private readonly timers = new KeyedTimers();
  private readonly queue: (() => Promise<void>)[] = [];
  private readonly queued = new Map<string, readonly Finding[]>();
  private running = 0;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly subscription: vscode.Disposable;
  private disposed = false;
  readonly onDidChange = this.changed.event;

  constructor(private readonly deps: CommittedDeps) {
    this.subscription = deps.store.onDidChange((uri) => this.afterLiveScan(uri));
  }

  /** Where the finding's secret is committed, when known; undefined when it is not committed or not yet known. */
  status(uri: vscode.Uri, fingerprint: string): CommitStatus | undefined {
    return this.files.get(uri.fsPath)?.byFingerprint.get(fingerprint) ?? undefined;
  }

  /** Asks git about a file's findings (queued); resolves when the answer is in the cache. */
  check(uri: vscode.Uri, findings: readonly Finding[]): Promise<void> {
    if (uri.scheme !== 'file' || findings.length === 0 || this.disposed) return Promise.resolve();
    const key = uri.fsPath;
    const already = this.queued.has(key);
    this.queued.set(key, findings);
    if (already) return Promise.resolve();
    return new Promise((resolve) => {
      this.queue.push(async () => {
        const latest = this.queued.get(key) ?? [];
        this.queued.delete(key);
        try {
          await this.lookup(uri, latest);
        } catch (e) {
          this.deps.log.warn(`Could not ask git about ${vscode.workspace.asRelativePath(uri)}: ${e instanceof Error ? e.message : String(e)}`);
        }
        resolve();
      });
      this.pump();
    });
  }

  /** Forgets cached answers (after a commit or a settings change the next check asks git again). */
  reset(): void {
    this.files.clear();
    this.heads.clear();
  }

  private afterLiveScan(uri: vscode.Uri): void {
    if (uri.scheme !== 'file') return;
    this.timers.schedule(uri.toString(), LIVE_DELAY_MS, () => void this.check(uri, this.deps.store.get(uri)));
  }

  private pump(): void {
    while (this.running < MAX_GIT_JOBS && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.running++;
      void job().finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private head(dir: string): Promise<RepoHead | undefined> {
    const cached = this.heads.get(dir);
    if (cached && Date.now() - cached.at < HEAD_TTL_MS) return cached.repo;
    const repo = repoHead(dir);
    this.heads.set(dir, { at: Date.now(), repo });
    return repo;
  }

  private async lookup(uri: vscode.Uri, findings: readonly Finding[]): Promise<void> {
    const file = uri.fsPath;
    const repo = await this.head(path.dirname(file));
    if (!repo || this.disposed) return;
    const depth = this.deps.historyDepth();
    let entry = this.files.get(file);
    if (!entry || entry.head !== repo.head || entry.depth !== depth) {
      const hadAnswers = entry !== undefined && [...entry.byFingerprint.values()].some((s) => s !== null);
      entry = { head: repo.head, depth, byFingerprint: new Map() };
      this.files.set(file, entry);
      if (hadAnswers) this.changed.fire(uri);
    }
    const missing = findings.filter((f) => !entry.byFingerprint.has(f.fingerprint));
    if (missing.length === 0) return;
    const found = await committedSecrets(file, missing.map((f) => f.secret), depth, repo);
    let anyCommitted = false;
    for (const f of missing) {
      const s = found.get(f.secret) ?? null;
      entry.byFingerprint.set(f.fingerprint, s);
      if (s) anyCommitted = true;
    }
    if (anyCommitted && !this.disposed) {
      this.deps.log.info(`${vscode.workspace.asRelativePath(uri)}: ${[...found.values()].length} secret(s) already committed — rotate them.`);
      this.changed.fire(uri);
    }
  }

  dispose(): void {
    this.disposed = true;
    this.timers.dispose();
    this.subscription.dispose();
    this.changed.dispose();
  }
}
