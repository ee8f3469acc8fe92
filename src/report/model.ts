// What the report formatters take: findings tied to the file they were found in, and the totals of a scan.
import type { Finding } from '../core';

/** A finding and the file it is in (relative to the current folder, forward slashes). */
export interface FileFinding {
  file: string;
  finding: Finding;
  /** With --git-history: the short sha of the commit that added the line. */
  commit?: string;
}

/** The totals of a scan, for the summary line and the skipped-files notice. */
export interface ScanSummary {
  filesScanned: number;
  filesWithFindings: number;
  findings: number;
  skippedBinary: number;
  skippedTooLarge: number;
  skippedUnreadable: number;
  /** The --max-file-size in bytes, to say what "too large" meant. */
  maxFileSize: number;
}

/** An empty summary to count into. */
export function emptySummary(maxFileSize: number): ScanSummary {
  return {
    filesScanned: 0, filesWithFindings: 0, findings: 0, skippedBinary: 0, skippedTooLarge: 0, skippedUnreadable: 0,
    maxFileSize,
  };
}

/** 1-based line and column (UTF-16 code units) of a finding; the end column is one past the last character. */
export function positionOf(f: Finding): { line: number; column: number; endLine: number; endColumn: number } {
  return {
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
  };
}

/** A byte count as people write it: 1 MB, 500 KB, 12 bytes (1 KB = 1024 bytes). */
export function formatBytes(n: number): string {
  const units: [number, string][] = [[1024 ** 3, 'GB'], [1024 ** 2, 'MB'], [1024, 'KB']];
  for (const [size, unit] of units) {
    if (n >= size) {
      const v = n / size;
      return `${Number.isInteger(v) ? v : v.toFixed(1)} ${unit}`;
    }
  }
  return `${n} ${n === 1 ? 'byte' : 'bytes'}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "skipped 2 binary files and 1 file larger than 1 MB", or undefined when nothing was skipped. */
export function describeSkipped(s: ScanSummary): string | undefined {
  const parts: string[] = [];
  if (s.skippedBinary > 0) parts.push(`${plural(s.skippedBinary, 'binary file')}`);
  if (s.skippedTooLarge > 0) parts.push(`${plural(s.skippedTooLarge, 'file')} larger than ${formatBytes(s.maxFileSize)}`);
  if (s.skippedUnreadable > 0) parts.push(`${plural(s.skippedUnreadable, 'unreadable file')}`);
  if (parts.length === 0) return undefined;
  const last = parts.pop()!;
  return `skipped ${parts.length > 0 ? `${parts.join(', ')} and ${last}` : last}`;
}

/** "Found 3 secrets in 2 files (scanned 40 files; skipped 1 binary file)." or "No secrets found (scanned 40 files)." */
export function describeSummary(s: ScanSummary): string {
  const skipped = describeSkipped(s);
  const detail = `scanned ${plural(s.filesScanned, 'file')}${skipped ? `; ${skipped}` : ''}`;
  if (s.findings === 0) return `No secrets found (${detail}).`;
  return `Found ${plural(s.findings, 'secret')} in ${plural(s.filesWithFindings, 'file')} (${detail}).`;
}
