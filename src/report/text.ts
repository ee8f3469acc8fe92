// The human-readable report: one line per finding, grouped by file, then a summary. Secrets are masked unless the
// caller explicitly asks for them.
import type { Finding, Severity } from '../core';
import { describeSummary, positionOf, type ScanSummary } from './model';

/** Options for the text report. */
export interface TextOptions {
  /** ANSI colours (only for a terminal). */
  color: boolean;
  /** Print raw secrets instead of masked ones (--show-secrets). */
  showSecrets: boolean;
}

type Style = 'bold' | 'dim' | 'red' | 'yellow' | 'blue' | 'cyan' | 'green';
const CODES: Readonly<Record<Style, [number, number]>> = {
  bold: [1, 22], dim: [2, 22], red: [31, 39], yellow: [33, 39], blue: [34, 39], cyan: [36, 39], green: [32, 39],
};
const SEVERITY_STYLE: Readonly<Record<Severity, Style>> = { error: 'red', warning: 'yellow', info: 'blue', hint: 'dim' };

function paint(on: boolean, style: Style, s: string): string {
  if (!on) return s;
  const [open, close] = CODES[style];
  return `\u001b[${open}m${s}\u001b[${close}m`;
}

/** One line: `path:line:col  severity  name (ruleId)  masked  [confidence]`. */
export function formatTextFinding(file: string, f: Finding, opts: TextOptions): string {
  const { line, column } = positionOf(f);
  const c = opts.color;
  const value = opts.showSecrets ? f.secret : f.masked;
  return [
    paint(c, 'cyan', `${file}:${line}:${column}`),
    paint(c, SEVERITY_STYLE[f.severity], f.severity.padEnd(7)),
    `${paint(c, 'bold', f.name)} ${paint(c, 'dim', `(${f.ruleId})`)}`,
    value,
    paint(c, 'dim', `[${f.confidence}]`),
  ].join('  ');
}

/** The block for one file's findings, ending with a blank line; empty when there are none. */
export function formatTextFile(file: string, findings: readonly Finding[], opts: TextOptions): string {
  if (findings.length === 0) return '';
  return `${findings.map((f) => formatTextFinding(file, f, opts)).join('\n')}\n\n`;
}

/** The closing summary line. */
export function formatTextSummary(summary: ScanSummary, opts: Pick<TextOptions, 'color'>): string {
  const text = describeSummary(summary);
  return `${paint(opts.color, summary.findings > 0 ? 'red' : 'green', text)}\n`;
}

/** A whole text report from findings grouped by file, in the order given. */
export function formatText(
  files: readonly { file: string; findings: readonly Finding[] }[], summary: ScanSummary, opts: TextOptions,
): string {
  return files.map((g) => formatTextFile(g.file, g.findings, opts)).join('') + formatTextSummary(summary, opts);
}
