// The Markdown report: a summary, one table row per finding (masked values only, always), and how to remediate
// each kind of secret found. Plain strings in, Markdown out.
import type { RuleSpec } from '../core';
import { describeSummary, positionOf, type FileFinding, type ScanSummary } from './model';

/** A finding for the Markdown report, with where it is already committed when known. */
export interface MarkdownFinding extends FileFinding {
  committed?: { inHead: boolean; commit: string };
}

/** What goes around the table. */
export interface MarkdownOptions {
  /** The rules, for the remediation section (rules without findings are left out). */
  rules?: readonly RuleSpec[];
  /** The totals of the scan, for the summary line. */
  summary?: ScanSummary;
  /** When the report was made (ISO 8601), shown under the title. */
  generated?: string;
}

/** Text for a table cell: pipes escaped, line breaks flattened. */
export function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

/** Text as an inline code span, whatever backticks it holds, safe in a table cell. */
export function code(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ');
  const runs = flat.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/** The whole report, ending with a newline. */
export function formatMarkdown(findings: readonly MarkdownFinding[], options: MarkdownOptions = {}): string {
  const lines: string[] = ['# Leakless report', ''];
  if (options.generated) lines.push(`Generated ${options.generated}.`, '');
  const files = new Set(findings.map((f) => f.file)).size;
  const committed = findings.filter((f) => f.committed).length;
  lines.push(
    options.summary
      ? describeSummary(options.summary)
      : findings.length === 0
        ? 'No secrets found.'
        : `Found ${findings.length} ${findings.length === 1 ? 'secret' : 'secrets'} in ${files} ${files === 1 ? 'file' : 'files'}.`,
    '',
  );
  if (committed > 0) {
    lines.push(`**${committed} of them ${committed === 1 ? 'is' : 'are'} already committed to Git: rotate ${committed === 1 ? 'it' : 'them'}** — removing the line does not remove it from history.`, '');
  }
  if (findings.length === 0) return `${lines.join('\n')}`;
  lines.push('| File | Line | Secret type | Value (masked) | Confidence | Severity | Committed |');
  lines.push('| --- | ---: | --- | --- | --- | --- | --- |');
  for (const f of findings) {
    const { line, column } = positionOf(f.finding);
    const c = f.committed ? `yes (${f.committed.inHead ? 'HEAD, ' : ''}${f.committed.commit})` : '';
    lines.push(
      `| ${cell(f.file)} | ${line}:${column} | ${cell(f.finding.name)} (${code(f.finding.ruleId)}) | ${code(f.finding.masked)} | ${f.finding.confidence} | ${f.committed ? 'error' : f.finding.severity} | ${c} |`,
    );
  }
  const used = new Set(findings.map((f) => f.finding.ruleId));
  const rules = (options.rules ?? []).filter((r) => used.has(r.id)).sort((a, b) => a.name.localeCompare(b.name));
  if (rules.length > 0) {
    lines.push('', '## How to remediate', '');
    for (const r of rules) {
      lines.push(`### ${r.name}`, '', r.remediation.risk, '');
      r.remediation.rotate.forEach((step, i) => lines.push(`${i + 1}. ${step}`));
      if (r.remediation.docs) lines.push('', `Documentation: <${r.remediation.docs}>`);
      lines.push('');
    }
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
