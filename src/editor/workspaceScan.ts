import * as vscode from 'vscode';
import type { RuleSpec } from '../core';
import type { SarifTool } from '../report/sarif';
import type { CommittedTracker } from './committed';
import type { LeaklessConfig } from './config';
import { exportReport, type ExportDeps, type ReportFormat } from './exportReport';
import type { FindingsStore } from './findingsStore';
import { FindingsView, type FindingsTreeProvider } from './findingsView';
import type { Log } from './log';
import type { RuleHost } from './ruleHost';
import { WorkspaceFindings } from './workspaceFindings';
import { WorkspaceScanner, type ScanOptions, type ScanProgress, type WorkspaceScanOutcome } from './workspaceScanner';
import { WorkspaceWatcher } from './workspaceWatcher';

/** What the workspace scan feature needs. */
export interface WorkspaceScanDeps {
  rules: RuleHost;
  builtinRules: readonly RuleSpec[];
  store: FindingsStore;
  log: Log;
  config: () => LeaklessConfig;
  onConfigChange: vscode.Event<void>;
  committed: CommittedTracker;
  /** Where the view remembers its grouping. */
  memento: vscode.Memento;
  /** dist/scanWorker.js. */
  workerPath: string;
  /** Name and version for SARIF reports. */
  tool: SarifTool;
  /** Fingerprints ignored in the workspace (.leakless/ignore.json). */
  ignored?: () => ReadonlySet<string>;
}

/** The workspace scan, its results in the Problems panel and the Leakless view, and the watcher that keeps them current. */
export class WorkspaceScan implements vscode.Disposable {
  readonly results: WorkspaceFindings;
  readonly scanner: WorkspaceScanner;
  readonly watcher: WorkspaceWatcher;
  readonly view: FindingsView;
  readonly exportDeps: ExportDeps;
  private readonly disposables: vscode.Disposable[];
  /** How many times the results were cleared: a scan that ends after a clear does not restart watching. */
  private clears = 0;

  constructor(deps: WorkspaceScanDeps) {
    this.results = new WorkspaceFindings({ live: deps.store, committed: deps.committed, config: deps.config });
    this.scanner = new WorkspaceScanner({
      rules: deps.rules, builtinRules: deps.builtinRules, log: deps.log, config: deps.config, results: this.results,
      committed: deps.committed, workerPath: deps.workerPath, ...(deps.ignored ? { ignored: deps.ignored } : {}),
    });
    this.watcher = new WorkspaceWatcher(this.scanner, this.results, deps.log);
    this.view = new FindingsView(this.results, deps.committed, deps.memento);
    this.exportDeps = {
      results: this.results, committed: deps.committed, tool: deps.tool,
      rules: () => deps.rules.engine.rules.map((r) => r.spec),
      summary: () => this.scanner.last?.summary,
    };
    this.disposables = [
      this.results, this.scanner, this.watcher, this.view,
      deps.onConfigChange(() => {
        deps.committed.reset();
        this.results.republishAll();
      }),
    ];
  }

  /** Scans every workspace folder, then keeps the results current as files change. */
  async scan(options: ScanOptions = {}): Promise<WorkspaceScanOutcome> {
    const cleared = this.clears;
    const outcome = await this.scanner.scanWorkspace(options);
    // Cleared while it ran: stay cleared, without watching.
    if (cleared === this.clears) this.watcher.start();
    return outcome;
  }

  /** Drops the scan results (Problems panel and view), cancels a running scan and stops watching. */
  clear(): void {
    this.clears++;
    this.scanner.discard();
    this.watcher.stop();
    this.results.clear();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** Creates the workspace scan feature; dispose it to stop everything it started. */
export function registerWorkspaceScan(deps: WorkspaceScanDeps): WorkspaceScan {
  return new WorkspaceScan(deps);
}

/** The workspace scan's part of the extension API (for other extensions and the integration tests). */
export interface WorkspaceScanApi {
  /** Runs Scan Workspace; `token` cancels it as the notification's button does. */
  scanWorkspace(token?: vscode.CancellationToken, onProgress?: (p: ScanProgress) => void): Promise<WorkspaceScanOutcome>;
  /** The Leakless view's tree. */
  findingsTree(): FindingsTreeProvider;
  /** Writes a report without dialogs. */
  exportReport(format: ReportFormat, target: vscode.Uri): Promise<vscode.Uri | undefined>;
  /** Resolves when the re-scans of changed files started so far are done. */
  rescansSettled(): Promise<void>;
}

/** The API over a WorkspaceScan. */
export function workspaceScanApi(ws: WorkspaceScan): WorkspaceScanApi {
  return {
    scanWorkspace: (token, onProgress) => ws.scan({ ...(token ? { token } : {}), ...(onProgress ? { onProgress } : {}) }),
    findingsTree: () => ws.view.provider,
    exportReport: (format, target) => exportReport(ws.exportDeps, format, target),
    rescansSettled: () => ws.watcher.idle,
  };
}
