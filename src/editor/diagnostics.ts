import * as vscode from 'vscode';
import type { Finding, Severity } from '../core';
import { CommandId } from './commandIds';
import type { CommitStatus } from '../node/git';
import type { LeaklessConfig } from './config';

/** The diagnostic `source` shown in the Problems panel. */
export const DIAGNOSTIC_SOURCE = 'Leakless';

const LEVELS: Readonly<Record<Severity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** The editor range of a finding's secret. */
export function findingRange(f: Finding): vscode.Range {
  return new vscode.Range(f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character);
}

/** The link behind a diagnostic's code: our remediation guide for the rule, opened inside the editor. */
export function ruleDocsUri(ruleId: string): vscode.Uri {
  return vscode.Uri.parse(`command:${CommandId.showRemediation}?${encodeURIComponent(JSON.stringify([ruleId]))}`);
}

/** The severity a finding gets after the settings; undefined when its rule is turned off. */
export function effectiveSeverity(f: Finding, config: LeaklessConfig): Severity | undefined {
  const override = config.severityOverrides.get(f.ruleId);
  if (override === 'off') return undefined;
  if (override) return override;
  return config.severity === 'default' ? f.severity : config.severity;
}

/**
 * One diagnostic for a finding: on the secret, masked, linked to its rule's guide. A secret already committed to Git
 * (`committed`) says so and is an error whatever the settings say, since it must be rotated.
 */
export function toDiagnostic(f: Finding, config: LeaklessConfig, committed?: CommitStatus): vscode.Diagnostic | undefined {
  const severity = effectiveSeverity(f, config);
  if (!severity) return undefined;
  const message = `Hardcoded ${f.name}: ${f.masked} (${f.confidence} confidence)${committed ? ` — ${committedText(committed)}` : ''}`;
  const d = new vscode.Diagnostic(findingRange(f), message, committed ? vscode.DiagnosticSeverity.Error : LEVELS[severity]);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: f.ruleId, target: ruleDocsUri(f.ruleId) };
  return d;
}

/** "already committed (HEAD, commit abc1234) — rotate it": what a diagnostic, hover or view says about a committed secret. */
export function committedText(s: CommitStatus): string {
  return `already committed (${s.inHead ? 'HEAD, ' : ''}commit ${s.commit}) — rotate it`;
}
