import * as vscode from 'vscode';
import type { Finding } from '../core';
import type { Log } from './log';

/** The committed file that lists secrets ignored in a workspace folder, by fingerprint (never the secret). */
export const IGNORE_FILE = '.leakless/ignore.json';

/** One ignored secret. */
export interface IgnoreEntry {
  fingerprint: string;
  ruleId: string;
  file?: string;
}

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

/** Parses an ignore file; a string is the reason it could not be read. */
export function parseIgnoreFile(text: string): IgnoreEntry[] | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return `not valid JSON (${(e as Error).message})`;
  }
  const list = typeof raw === 'object' && raw !== null ? (raw as { ignore?: unknown }).ignore : undefined;
  if (!Array.isArray(list)) return 'expected { "version": 1, "ignore": [ … ] }';
  const out: IgnoreEntry[] = [];
  for (const [i, item] of list.entries()) {
    const e = item as Partial<Record<keyof IgnoreEntry, unknown>> | null;
    if (!e || typeof e.fingerprint !== 'string' || typeof e.ruleId !== 'string') return `entry ${i + 1} needs "fingerprint" and "ruleId"`;
    out.push({ fingerprint: e.fingerprint, ruleId: e.ruleId, ...(typeof e.file === 'string' ? { file: e.file } : {}) });
  }
  return out;
}

/** The ignore file's new text with one more entry (unchanged when the fingerprint is already there). */
export function addIgnoreEntry(existing: string | undefined, finding: Finding, file: string): string | undefined {
  const parsed = existing === undefined ? [] : parseIgnoreFile(existing);
  const entries = typeof parsed === 'string' ? undefined : parsed;
  if (!entries) return undefined;
  if (entries.some((e) => e.fingerprint === finding.fingerprint)) return existing;
  entries.push({ fingerprint: finding.fingerprint, ruleId: finding.ruleId, file });
  return `${JSON.stringify({ version: 1, ignore: entries }, null, 2)}\n`;
}
