import * as vscode from 'vscode';
import type { Finding } from '../core';
import type { CommittedTracker } from './committed';
import type { LeaklessConfig } from './config';
import { toDiagnostic } from './diagnostics';
import type { FindingsStore } from './findingsStore';

/** What the workspace results need. */
export interface WorkspaceFindingsDeps {
  /** The live findings of open documents, which take precedence over scan results for the same file. */
  live: FindingsStore;
  committed: CommittedTracker;
  config: () => LeaklessConfig;
}

/** One file's current findings, from the workspace scan or (for an open document) the live scan. */
export interface FileFindings {
  uri: vscode.Uri;
  findings: readonly Finding[];
  /** True when the findings come from the open document rather than the file on disk. */
  live: boolean;
}

/**
 * The findings of workspace scans, per file on disk, published in their own diagnostic collection for the files that
 * are not open: an open document shows its live diagnostics only, so no file ever shows a finding twice.
 */
export class WorkspaceFindings implements vscode.Disposable {
  private readonly byUri = new Map<string, { uri: vscode.Uri; findings: readonly Finding[] }>();
  private readonly collection = vscode.languages.createDiagnosticCollection('leakless-workspace');
  /** Documents still loaded whose last tab closed: the live scanner has let them go, so scan results show again. */
  private readonly tabClosed = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  private fireTimer: NodeJS.Timeout | undefined;
  /** True once a workspace scan has run (until Clear Results). */
  scanned = false;
  /** Fires (coalesced) when any file's current findings may have changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly deps: WorkspaceFindingsDeps) {
    this.disposables.push(
      this.collection,
      this.changed,
      deps.live.onDidChange(() => this.fireSoon()),
      deps.committed.onDidChange((uri) => {
        this.publish(uri);
        this.fireSoon();
      }),
      vscode.workspace.onDidOpenTextDocument((d) => {
        this.tabClosed.delete(d.uri.toString());
        this.publish(d.uri);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.tabClosed.delete(d.uri.toString());
        this.publish(d.uri);
        this.fireSoon();
      }),
      vscode.window.tabGroups.onDidChangeTabs((e) => this.onTabsChanged(e)),
    );
  }

  /** Records a file's findings from disk (an empty list removes the file). */
  set(uri: vscode.Uri, findings: readonly Finding[]): void {
    const key = uri.toString();
    if (findings.length === 0) {
      if (!this.byUri.delete(key)) return;
    } else this.byUri.set(key, { uri, findings });
    this.publish(uri);
    this.fireSoon();
  }

  /** Forgets a file, or every file under a folder that was deleted. */
  delete(uri: vscode.Uri): void {
    const prefix = `${uri.toString()}/`;
    for (const [key, entry] of this.byUri) {
      if (key === uri.toString() || key.startsWith(prefix)) {
        this.byUri.delete(key);
        this.collection.delete(entry.uri);
      }
    }
    this.fireSoon();
  }

  /** The files with scan results (from disk). */
  scannedUris(): vscode.Uri[] {
    return [...this.byUri.values()].map((e) => e.uri);
  }

  /** The scan findings of a file on disk. */
  get(uri: vscode.Uri): readonly Finding[] {
    return this.byUri.get(uri.toString())?.findings ?? [];
  }

  /** Drops every scan result and its diagnostics. */
  clear(): void {
    this.byUri.clear();
    this.collection.clear();
    this.scanned = false;
    this.fireSoon();
  }

  /** True when the open document's live results stand for this file. */
  isLive(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return !this.tabClosed.has(key) && vscode.workspace.textDocuments.some((d) => d.uri.toString() === key);
  }

  /** Every file's current findings: live for open documents, from the scan otherwise; sorted by path. */
  current(): FileFindings[] {
    const out = new Map<string, FileFindings>();
    for (const [key, e] of this.byUri) {
      const live = this.isLive(e.uri);
      const findings = live ? this.deps.live.get(e.uri) : e.findings;
      if (findings.length > 0) out.set(key, { uri: e.uri, findings, live });
    }
    for (const d of vscode.workspace.textDocuments) {
      const key = d.uri.toString();
      if (out.has(key) || !this.isLive(d.uri)) continue;
      const findings = this.deps.live.get(d.uri);
      if (findings.length > 0) out.set(key, { uri: d.uri, findings, live: true });
    }
    return [...out.values()].sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()));
  }

  /** How many findings `current()` holds. */
  total(): number {
    return this.current().reduce((n, f) => n + f.findings.length, 0);
  }

  /** Re-publishes every file's diagnostics (after a settings change). */
  republishAll(): void {
    for (const e of this.byUri.values()) this.publish(e.uri);
  }

  private publish(uri: vscode.Uri): void {
    const entry = this.byUri.get(uri.toString());
    if (!entry || this.isLive(uri)) {
      this.collection.delete(uri);
      return;
    }
    const config = this.deps.config();
    const diagnostics = entry.findings
      .map((f) => toDiagnostic(f, config, this.deps.committed.status(uri, f.fingerprint)))
      .filter((d): d is vscode.Diagnostic => d !== undefined);
    this.collection.set(uri, diagnostics);
  }

  private onTabsChanged(e: vscode.TabChangeEvent): void {
    for (const tab of e.opened) {
      if (tab.input instanceof vscode.TabInputText && this.tabClosed.delete(tab.input.uri.toString())) this.publish(tab.input.uri);
    }
    if (e.closed.length === 0) return;
    const open = new Set<string>();
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) {
        if (tab.input instanceof vscode.TabInputText) open.add(tab.input.uri.toString());
        else if (tab.input instanceof vscode.TabInputTextDiff) open.add(tab.input.modified.toString());
      }
    }
    for (const tab of e.closed) {
      if (!(tab.input instanceof vscode.TabInputText) || open.has(tab.input.uri.toString())) continue;
      this.tabClosed.add(tab.input.uri.toString());
      this.publish(tab.input.uri);
    }
    this.fireSoon();
  }

  private fireSoon(): void {
    if (this.fireTimer) return;
    this.fireTimer = setTimeout(() => {
      this.fireTimer = undefined;
      this.changed.fire();
    }, 50);
  }

  dispose(): void {
    if (this.fireTimer) clearTimeout(this.fireTimer);
    for (const d of this.disposables) d.dispose();
  }
}
