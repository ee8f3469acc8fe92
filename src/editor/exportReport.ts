import * as vscode from 'vscode';
import type { RuleSpec } from '../core';
import { formatJson } from '../report/json';
import { formatMarkdown, type MarkdownFinding } from '../report/markdown';
import type { ScanSummary } from '../report/model';
import { formatSarif, type SarifTool } from '../report/sarif';
import type { CommittedTracker } from './committed';
import type { WorkspaceFindings } from './workspaceFindings';

/** The report formats Export Report writes. */
export const REPORT_FORMATS = ['sarif', 'json', 'markdown'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const EXTENSIONS: Readonly<Record<ReportFormat, string>> = { sarif: 'sarif', json: 'json', markdown: 'md' };
const LABELS: Readonly<Record<ReportFormat, string>> = { sarif: 'SARIF 2.1.0', json: 'JSON', markdown: 'Markdown' };

/** What an export needs. */
export interface ExportDeps {
  results: WorkspaceFindings;
  committed: CommittedTracker;
  rules: () => readonly RuleSpec[];
  tool: SarifTool;
  /** The totals of the last workspace scan, if any. */
  summary: () => ScanSummary | undefined;
}

/** The current findings as a report in the given format; masked values only. */
export function buildReport(deps: ExportDeps, format: ReportFormat): string {
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  const findings: MarkdownFinding[] = [];
  for (const file of deps.results.current()) {
    const name = file.uri.scheme === 'file' ? vscode.workspace.asRelativePath(file.uri, multiRoot) : file.uri.toString();
    for (const finding of file.findings) {
      const committed = deps.committed.status(file.uri, finding.fingerprint);
      findings.push({ file: name, finding, ...(committed ? { committed } : {}) });
    }
  }
  if (format === 'json') return formatJson(findings, false);
  if (format === 'sarif') return formatSarif(findings, deps.rules(), deps.tool);
  const summary = deps.summary();
  return formatMarkdown(findings, { rules: deps.rules(), generated: new Date().toISOString(), ...(summary ? { summary } : {}) });
}

/**
 * Export Report: asks for the format and the file (standard dialogs) unless given, writes the report, and offers to
 * open it. Returns where it was written, or undefined if the user cancelled.
 */
export async function exportReport(deps: ExportDeps, formatArg?: unknown, targetArg?: unknown): Promise<vscode.Uri | undefined> {
  let format = (REPORT_FORMATS as readonly unknown[]).includes(formatArg) ? (formatArg as ReportFormat) : undefined;
  if (!format) {
    const pick = await vscode.window.showQuickPick(
      REPORT_FORMATS.map((f) => ({ label: LABELS[f], description: `.${EXTENSIONS[f]}`, format: f })),
      { title: 'Leakless: export report', placeHolder: 'Report format (secrets are always masked)' },
    );
    if (!pick) return undefined;
    format = pick.format;
  }
  let target = targetArg instanceof vscode.Uri ? targetArg : undefined;
  if (!target) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `leakless-report.${EXTENSIONS[format]}`;
    target = await vscode.window.showSaveDialog({
      title: 'Leakless: save the report',
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
      filters: { [LABELS[format]]: [EXTENSIONS[format]] },
    });
    if (!target) return undefined;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(buildReport(deps, format)));
  if (targetArg === undefined) {
    void vscode.window.showInformationMessage(`Leakless: report written to ${vscode.workspace.asRelativePath(target)}.`, 'Open').then((c) => {
      if (c === 'Open') void vscode.window.showTextDocument(target);
    });
  }
  return target;
}
