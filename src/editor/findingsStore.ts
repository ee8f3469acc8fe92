import * as vscode from 'vscode';
import type { Finding } from '../core';

interface Entry {
  version: number;
  findings: readonly Finding[];
}

/** The current findings per document, read by diagnostics, hovers, code actions, the status bar and views. */
export class FindingsStore implements vscode.Disposable {
  private readonly byUri = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** Records findings for a document version; an older version than the one stored is dropped. */
  set(uri: vscode.Uri, version: number, findings: readonly Finding[]): boolean {
    const key = uri.toString();
    const prev = this.byUri.get(key);
    if (prev && prev.version > version) return false;
    this.byUri.set(key, { version, findings });
    this.changed.fire(uri);
    return true;
  }

  delete(uri: vscode.Uri): void {
    if (this.byUri.delete(uri.toString())) this.changed.fire(uri);
  }

  get(uri: vscode.Uri): readonly Finding[] {
    return this.byUri.get(uri.toString())?.findings ?? [];
  }

  /** The finding whose secret covers a position, if any. */
  at(uri: vscode.Uri, position: vscode.Position): Finding | undefined {
    return this.get(uri).find((f) => {
      const start = new vscode.Position(f.range.start.line, f.range.start.character);
      const end = new vscode.Position(f.range.end.line, f.range.end.character);
      return position.isAfterOrEqual(start) && position.isBeforeOrEqual(end);
    });
  }

  /** How many findings all tracked documents hold. */
  total(): number {
    let n = 0;
    for (const e of this.byUri.values()) n += e.findings.length;
    return n;
  }

  clear(): void {
    const uris = [...this.byUri.keys()];
    this.byUri.clear();
    for (const u of uris) this.changed.fire(vscode.Uri.parse(u));
  }

  dispose(): void {
    this.changed.dispose();
  }
}
