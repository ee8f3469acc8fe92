import * as vscode from 'vscode';
import type { RuleSpec } from '../core';
import { globToIgnorePatterns, enabledGlobs } from '../node/pathFilter';
import { runScanJob } from '../node/scanJob';
import { defaultWorkerCount, ScanPool, type WorkerInit } from '../node/scanPool';
import { walkFiles } from '../node/walk';
import type { FileScanResult } from '../node/fileScan';
import { describeSummary, emptySummary, formatBytes, type ScanSummary } from '../report/model';
import type { CommittedTracker } from './committed';
import type { LeaklessConfig } from './config';
import type { Log } from './log';
import type { RuleHost } from './ruleHost';
import type { WorkspaceFindings } from './workspaceFindings';

/** What the workspace scanner needs. */
export interface WorkspaceScannerDeps {
  rules: RuleHost;
  /** The rules built into the workers: when the engine runs exactly these, they are not sent to the workers. */
  builtinRules: readonly RuleSpec[];
  log: Log;
  config: () => LeaklessConfig;
  results: WorkspaceFindings;
  committed: CommittedTracker;
  /** dist/scanWorker.js. */
  workerPath: string;
  /** Fingerprints ignored in the workspace (.leakless/ignore.json). */
  ignored?: () => ReadonlySet<string>;
}

/** Where a scan is at. */
export interface ScanProgress {
  done: number;
  /** Files found so far; final once `walking` is false. */
  total: number;
  walking: boolean;
  findings: number;
}

/** How a workspace scan ended. */
export interface WorkspaceScanOutcome {
  cancelled: boolean;
  summary: ScanSummary;
  /** Files the walk found (scanned or skipped), and how many of them got a result before the end. */
  discovered: number;
  done: number;
  durationMs: number;
}

/** Options of one scan. */
export interface ScanOptions {
  /** Cancels the scan (as the notification's Cancel button does); what was found is kept. */
  token?: vscode.CancellationToken;
  onProgress?: (p: ScanProgress) => void;
  /** Scan without the progress notification and the closing message. */
  quiet?: boolean;
}

/** A file of a workspace scan. */
interface ScanFile {
  absPath: string;
  uri: vscode.Uri;
}

/** Idle time after which the worker threads stop, in ms. */
const POOL_IDLE_MS = 30000;
/** Paths of skipped files listed in the output channel, at most. */
const LISTED_SKIPS = 50;

/** The glob patterns a scan of a folder leaves out: leakless.exclude, files.exclude and search.exclude. */
export function excludePatterns(folder: vscode.WorkspaceFolder): string[] {
  const leakless = vscode.workspace.getConfiguration('leakless', folder.uri).get<unknown>('exclude');
  const globs = [
    ...(Array.isArray(leakless) ? leakless.filter((g): g is string => typeof g === 'string') : []),
    ...enabledGlobs(vscode.workspace.getConfiguration('files', folder.uri).get<unknown>('exclude')),
    ...enabledGlobs(vscode.workspace.getConfiguration('search', folder.uri).get<unknown>('exclude')),
  ];
  return [...new Set(globs.flatMap(globToIgnorePatterns))];
}

/**
 * Scans workspace folders on worker threads: the walk (which honours .gitignore and the exclude settings) runs here
 * in short slices, the reading and detection in the workers. Results go to WorkspaceFindings as they arrive.
 */
export class WorkspaceScanner implements vscode.Disposable {
  private pool: { pool: ScanPool; key: string } | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private running: Promise<WorkspaceScanOutcome> | undefined;
  private jobs = 0;
  /** Pools replaced (settings changed) while a job still used them; stopped when the jobs end. */
  private retired: ScanPool[] = [];
  /** The outcome of the last full scan. */
  last: WorkspaceScanOutcome | undefined;
  /** Bumped by discard(): results of scans started before it are dropped as they arrive. */
  private generation = 0;
  /** Cancels the running full scan, if any. */
  private cancelRunning: (() => void) | undefined;

  constructor(private readonly deps: WorkspaceScannerDeps) {}

  /** Scans every workspace folder (one scan at a time: a second call while one runs gets the running one). */
  scanWorkspace(options: ScanOptions = {}): Promise<WorkspaceScanOutcome> {
    if (this.running) return this.running;
    const run = options.quiet
      ? this.runScan(options, options.token)
      : Promise.resolve(
          vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: 'Leakless: scanning the workspace', cancellable: true },
            (progress, token) => {
              let reported = 0;
              let lastReport = 0;
              return this.runScan(
                {
                  ...options,
                  onProgress: (p) => {
                    options.onProgress?.(p);
                    const now = Date.now();
                    if (now - lastReport < 100 && (p.walking || p.done < p.total)) return;
                    lastReport = now;
                    const pct = p.total > 0 ? (p.done / p.total) * 100 : 0;
                    const increment = p.walking ? 0 : Math.max(0, pct - reported);
                    reported += increment;
                    const secrets = p.findings === 1 ? '1 secret' : `${p.findings} secrets`;
                    progress.report({ message: `${p.done} / ${p.total}${p.walking ? '+' : ''} files · ${secrets} so far`, increment });
                  },
                },
                token,
                options.token,
              );
            },
          ),
        );
    this.running = run.finally(() => {
      this.running = undefined;
    });
    void this.running.then((o) => this.announce(o), () => undefined);
    return this.running;
  }

  /**
   * Cancels a running scan and drops whatever any scan started so far still delivers (Clear Results): results that
   * arrive from workers after this never reach the Problems panel or the view.
   */
  discard(): void {
    this.generation++;
    this.cancelRunning?.();
  }

  /** The generation a scan belongs to; true while no discard() came after it. */
  private current(generation: number): boolean {
    return generation === this.generation;
  }

  /** Scans some files on disk (changed, created, or asked for) and updates their results; no notification. */
  async scanUris(uris: readonly vscode.Uri[]): Promise<ScanSummary> {
    const config = this.deps.config();
    const summary = emptySummary(config.maxFileSize);
    const files = uris.filter((u) => u.scheme === 'file').map((uri) => ({ absPath: uri.fsPath, uri }));
    if (files.length === 0) return summary;
    const generation = this.generation;
    await this.withPool(async (pool) => {
      await runScanJob(pool, toAsync(files), {
        onResult: (f, r) => {
          if (this.current(generation)) this.record(f, r, summary, undefined);
        },
      });
    });
    return summary;
  }

  private async runScan(options: ScanOptions, ...tokens: (vscode.CancellationToken | undefined)[]): Promise<WorkspaceScanOutcome> {
    const started = Date.now();
    const cts = new vscode.CancellationTokenSource();
    const subs = tokens.filter((t): t is vscode.CancellationToken => t !== undefined).map((t) => {
      if (t.isCancellationRequested) cts.cancel();
      return t.onCancellationRequested(() => cts.cancel());
    });
    const generation = this.generation;
    this.cancelRunning = () => cts.cancel();
    const config = this.deps.config();
    const summary = emptySummary(config.maxFileSize);
    const before = new Set(this.deps.results.scannedUris().map((u) => u.toString()));
    const seen = new Set<string>();
    const skippedPaths: string[] = [];
    const progress: ScanProgress = { done: 0, total: 0, walking: true, findings: 0 };
    const report = (): void => options.onProgress?.({ ...progress });
    const folders = vscode.workspace.workspaceFolders ?? [];
    this.deps.log.info(`Workspace scan started: ${folders.map((f) => f.name).join(', ') || 'no folder open'}.`);
    this.deps.results.scanned = true;
    let outcome: WorkspaceScanOutcome;
    try {
      const job = await this.withPool((pool) =>
        runScanJob(pool, walkFolders(folders, seen, () => {
          progress.walking = false;
          report();
        }), {
          token: cts.token,
          onDiscovered: () => {
            progress.total++;
            report();
          },
          onResult: (file, result) => {
            if (!this.current(generation)) return;
            progress.done++;
            const n = this.record(file, result, summary, skippedPaths);
            progress.findings += n;
            report();
          },
        }),
      );
      progress.walking = false;
      report();
      if (!job.cancelled && this.current(generation)) {
        for (const key of before) if (!seen.has(key)) this.deps.results.set(vscode.Uri.parse(key), []);
      }
      for (const e of job.errors) this.deps.log.error(`Workspace scan: ${e}`);
      outcome = { cancelled: job.cancelled, summary, discovered: job.discovered, done: job.done, durationMs: Date.now() - started };
    } finally {
      for (const s of subs) s.dispose();
      this.cancelRunning = undefined;
      cts.dispose();
    }
    this.last = outcome;
    this.logOutcome(outcome, skippedPaths);
    if (this.current(generation)) this.checkCommitted();
    else this.deps.log.info('Workspace scan results were cleared while it ran; nothing it found was kept.');
    return outcome;
  }

  /** Files a result into the summary and the results; returns how many findings it brought. */
  private record(file: ScanFile, result: FileScanResult, summary: ScanSummary, skippedPaths: string[] | undefined): number {
    const rel = vscode.workspace.asRelativePath(file.uri);
    if (result.kind === 'binary') summary.skippedBinary++;
    else if (result.kind === 'too-large') {
      summary.skippedTooLarge++;
      skippedPaths?.push(`${rel} (${formatBytes(result.size)}, over leakless.maxFileSize)`);
    } else if (result.kind === 'unreadable') {
      summary.skippedUnreadable++;
      skippedPaths?.push(`${rel} (unreadable: ${result.reason})`);
    } else {
      summary.filesScanned++;
      if (result.findings.length > 0) {
        summary.filesWithFindings++;
        summary.findings += result.findings.length;
      }
    }
    const ignored = this.deps.ignored?.();
    const findings = result.kind !== 'text' ? [] : ignored && ignored.size > 0 ? result.findings.filter((f) => !ignored.has(f.fingerprint)) : result.findings;
    this.deps.results.set(file.uri, findings);
    if (!skippedPaths && findings.length > 0) void this.deps.committed.check(file.uri, findings);
    return findings.length;
  }

  private logOutcome(o: WorkspaceScanOutcome, skippedPaths: readonly string[]): void {
    const seconds = (o.durationMs / 1000).toFixed(1);
    const head = o.cancelled ? `Workspace scan cancelled after ${o.done} of ${o.discovered}+ files` : `Workspace scan finished in ${seconds} s`;
    this.deps.log.info(`${head}: ${describeSummary(o.summary)}`);
    if (o.summary.skippedBinary > 0) this.deps.log.info(`Skipped ${o.summary.skippedBinary} binary file(s).`);
    for (const p of skippedPaths.slice(0, LISTED_SKIPS)) this.deps.log.info(`Skipped ${p}`);
    if (skippedPaths.length > LISTED_SKIPS) this.deps.log.info(`… and ${skippedPaths.length - LISTED_SKIPS} more skipped files.`);
  }

  private announce(o: WorkspaceScanOutcome): void {
    const text = o.cancelled
      ? `Leakless: scan cancelled after ${o.done} files; kept what was found. ${describeSummary(o.summary)}`
      : `Leakless: ${describeSummary(o.summary)}`;
    const actions = o.summary.findings > 0 ? ['Show Results', 'Show Output'] : ['Show Output'];
    const show = o.summary.findings > 0 ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void show(text, ...actions).then((choice) => {
      if (choice === 'Show Results') void vscode.commands.executeCommand('workbench.view.extension.leakless');
      if (choice === 'Show Output') this.deps.log.show();
    });
  }

  /** Asks git, in the background, which of the scan's secrets are already committed. */
  private checkCommitted(): void {
    for (const uri of this.deps.results.scannedUris()) void this.deps.committed.check(uri, this.deps.results.get(uri));
  }

  /** Runs work on the (shared, lazily started) worker pool, which stops after a while without work. */
  private async withPool<T>(work: (pool: ScanPool) => Promise<T>): Promise<T> {
    const config = this.deps.config();
    const specs = this.deps.rules.engine.rules.map((r) => r.spec);
    const builtin = this.deps.builtinRules;
    const same = specs.length === builtin.length && specs.every((s, i) => s === builtin[i]);
    const init: WorkerInit = {
      ...(same ? {} : { rules: specs }),
      maxFileSize: config.maxFileSize,
      disabledRules: [...config.disabledRules].sort(),
      minConfidence: config.minConfidence,
      roots: (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath),
    };
    const size = config.scanMaxWorkers > 0 ? config.scanMaxWorkers : defaultWorkerCount();
    const key = JSON.stringify({ ...init, rules: same ? 'builtin' : specs.map((s) => s.id), size });
    if (!this.pool || this.pool.key !== key || !this.pool.pool.usable) {
      if (this.pool) this.retired.push(this.pool.pool);
      this.pool = { pool: new ScanPool(this.deps.workerPath, init, size), key };
    }
    const pool = this.pool.pool;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.jobs++;
    try {
      return await work(pool);
    } finally {
      this.jobs--;
      if (this.jobs === 0) for (const old of this.retired.splice(0)) void old.terminate();
      if (this.jobs === 0) this.idleTimer = setTimeout(() => this.stopPool(), POOL_IDLE_MS);
    }
  }

  private stopPool(): void {
    const p = this.pool;
    this.pool = undefined;
    if (p) void p.pool.terminate();
  }

  dispose(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.stopPool();
  }
}

/** The files of every folder, each once (folders may nest), in the walk's order. */
async function* walkFolders(
  folders: readonly vscode.WorkspaceFolder[], seen: Set<string>, onDone: () => void,
): AsyncGenerator<ScanFile> {
  for (const folder of folders) {
    if (folder.uri.scheme !== 'file') continue;
    const root = folder.uri.fsPath;
    try {
      for await (const f of walkFiles([root], { cwd: root, exclude: excludePatterns(folder) })) {
        const uri = vscode.Uri.file(f.absPath);
        const key = uri.toString();
        if (seen.has(key)) continue;
        seen.add(key);
        yield { absPath: f.absPath, uri };
      }
    } catch {
      // a folder that vanished: nothing to scan there
    }
  }
  onDone();
}

async function* toAsync<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

