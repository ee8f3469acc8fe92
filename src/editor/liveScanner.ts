import * as vscode from 'vscode';
import { DocumentScanner, type Engine, type Finding, type TextChange } from '../core';
import { toDiagnostic } from './diagnostics';
import { KeyedTimers } from './keyedTimers';
import type { LeaklessConfig } from './config';
import type { CommittedTracker } from './committed';
import type { Log } from './log';
import type { FindingsStore } from './findingsStore';
import type { RuleHost } from './ruleHost';

/** What the live scanner needs from the rest of the extension. */
export interface LiveScannerDeps {
  rules: RuleHost;
  store: FindingsStore;
  log: Log;
  config: () => LeaklessConfig;
  onConfigChange: vscode.Event<void>;
  /** Marks findings whose secret is already committed (optional: without it nothing is marked). */
  committed?: CommittedTracker;
  /** Fingerprints ignored in the workspace (.leakless/ignore.json), and when they change. */
  ignores?: { current: ReadonlySet<string>; onDidChange: vscode.Event<void> };
}

/** Scans open documents as the user types (debounced) and publishes one diagnostic per finding. */
export class LiveScanner implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('leakless');
  private readonly timers = new KeyedTimers();
  private readonly skipped = new Set<string>();
  /** Per document: an incremental scanner and the edits it has not seen yet (undefined: needs a full scan). */
  private readonly docs = new Map<string, { scanner: DocumentScanner; engine: Engine; pending: TextChange[] | undefined }>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: LiveScannerDeps) {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        const state = this.docs.get(e.document.uri.toString());
        if (state?.pending) {
          for (const c of e.contentChanges) state.pending.push({ offset: c.rangeOffset, length: c.rangeLength, text: c.text });
        }
        this.schedule(e.document, this.deps.config().debounceMs);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      vscode.window.tabGroups.onDidChangeTabs((e) => this.onTabsChanged(e)),
      deps.onConfigChange(() => this.rescanAll()),
      deps.rules.onDidChange(() => this.rescanAll()),
    );
    if (deps.ignores) this.disposables.push(deps.ignores.onDidChange(() => this.rescanAll()));
    if (deps.committed) this.disposables.push(deps.committed.onDidChange((uri) => this.republish(uri)));
    this.rescanAll();
  }

  /** Rebuilds a document's diagnostics from its stored findings (when what is known about them changed). */
  republish(uri: vscode.Uri): void {
    if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return;
    const config = this.deps.config();
    const findings = this.deps.store.get(uri);
    const diagnostics = findings
      .map((f) => toDiagnostic(f, config, this.deps.committed?.status(uri, f.fingerprint)))
      .filter((d): d is vscode.Diagnostic => d !== undefined);
    this.collection.set(uri, diagnostics);
  }

  /** Re-scans every open document now (after a settings or rules change). */
  rescanAll(): void {
    this.skipped.clear();
    this.docs.clear();
    for (const d of vscode.workspace.textDocuments) this.scan(d);
  }

  /** Scans a document after `delay` ms, replacing any scan already waiting for it. */
  schedule(doc: vscode.TextDocument, delay: number): void {
    this.timers.schedule(doc.uri.toString(), delay, () => {
      if (!doc.isClosed) this.scan(doc);
    });
  }


  /** Scans a document now and publishes its diagnostics, unless a newer version already has results. */
  scan(doc: vscode.TextDocument): void {
    const config = this.deps.config();
    const text = doc.getText(); // read once: each getText() copies the whole document
    const reason = this.skipReason(doc, text, config);
    if (reason) {
      this.docs.delete(doc.uri.toString());
      this.clear(doc.uri);
      if (reason !== 'disabled' && reason !== 'scheme' && !this.skipped.has(doc.uri.toString())) {
        this.skipped.add(doc.uri.toString());
        this.deps.log.info(`Skipped ${describe(doc.uri)}: ${reason}`);
      }
      return;
    }
    this.skipped.delete(doc.uri.toString());
    const version = doc.version;
    const started = Date.now();
    const findings = this.detect(doc, text, config);
    if (doc.isClosed || doc.version !== version) return; // a newer version will be scanned by its own change event
    if (!this.deps.store.set(doc.uri, version, findings)) return;
    const diagnostics = findings.map((f) => toDiagnostic(f, config, this.deps.committed?.status(doc.uri, f.fingerprint))).filter((d): d is vscode.Diagnostic => d !== undefined);
    this.collection.set(doc.uri, diagnostics);
    this.deps.log.trace(`Scanned ${describe(doc.uri)} v${version}: ${findings.length} finding(s) in ${Date.now() - started} ms`);
  }

  /** Re-scans only what changed since the last scan when it can, the whole text otherwise. */
  private detect(doc: vscode.TextDocument, text: string, config: LeaklessConfig): readonly Finding[] {
    const key = doc.uri.toString();
    const engine = this.deps.rules.engine;
    let state = this.docs.get(key);
    if (state && state.engine === engine && state.pending) {
      const findings = state.scanner.update(text, state.pending);
      state.pending = [];
      return findings;
    }
    const scanner = new DocumentScanner(engine, {
      disabledRules: config.disabledRules,
      minConfidence: config.minConfidence,
      path: vscode.workspace.asRelativePath(doc.uri, false),
      ...(this.deps.ignores ? { ignoredFingerprints: this.deps.ignores.current } : {}),
    });
    state = { scanner, engine, pending: [] };
    this.docs.set(key, state);
    return scanner.reset(text);
  }

  private skipReason(doc: vscode.TextDocument, text: string, config: LeaklessConfig): string | undefined {
    if (!config.enable) return 'disabled';
    if (!config.schemes.includes(doc.uri.scheme)) return 'scheme';
    if (!config.languages.includes('*') && !config.languages.includes(doc.languageId)) {
      return `language "${doc.languageId}" is not in leakless.languages`;
    }
    for (const pattern of config.exclude) {
      if (vscode.languages.match({ pattern }, doc) > 0) return `matches leakless.exclude pattern "${pattern}"`;
    }
    const size = text.length;
    if (size > config.maxFileSize) {
      return `${size} characters is over leakless.maxFileSize (${config.maxFileSize})`;
    }
    return undefined;
  }

  private onTabsChanged(e: vscode.TabChangeEvent): void {
    for (const tab of e.opened) {
      const input = tab.input;
      if (!(input instanceof vscode.TabInputText)) continue;
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === input.uri.toString());
      if (doc && this.deps.store.get(doc.uri).length === 0) this.schedule(doc, 0);
    }
    const closed = e.closed;
    if (closed.length === 0) return;
    const open = new Set<string>();
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) {
        const input = tab.input;
        if (input instanceof vscode.TabInputText) open.add(input.uri.toString());
        else if (input instanceof vscode.TabInputTextDiff) open.add(input.modified.toString());
      }
    }
    for (const tab of closed) {
      const input = tab.input;
      if (input instanceof vscode.TabInputText && !open.has(input.uri.toString())) this.forget(input.uri);
    }
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.timers.cancel(key);
    this.skipped.delete(key);
    this.docs.delete(key);
    this.clear(uri);
  }

  private clear(uri: vscode.Uri): void {
    this.collection.delete(uri);
    this.deps.store.delete(uri);
  }

  dispose(): void {
    this.timers.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function describe(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? vscode.workspace.asRelativePath(uri) : uri.toString();
}
