// The ignore file (.leakless/ignore.json): secrets a project has decided to keep, listed by fingerprint, never by
// value. Read by the editor and the CLI alike.
import type { Finding } from './types';

/** The committed file that lists secrets ignored in a workspace folder, by fingerprint (never the secret). */
export const IGNORE_FILE = '.leakless/ignore.json';

/** One ignored secret. */
export interface IgnoreEntry {
  fingerprint: string;
  ruleId: string;
  file?: string;
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
