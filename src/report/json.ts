// The JSON report: an array of findings with 1-based positions; the raw secret only when explicitly asked for.
import type { Confidence, Severity } from '../core';
import { positionOf, type FileFinding } from './model';

/** One finding as written in the JSON report. */
export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  ruleId: string;
  name: string;
  severity: Severity;
  confidence: Confidence;
  fingerprint: string;
  masked: string;
  commit?: string;
  secret?: string;
}

/** The JSON shape of one finding (columns in UTF-16 code units, 1-based; endColumn one past the last character). */
export function toJsonFinding({ file, finding: f, commit }: FileFinding, showSecrets: boolean): JsonFinding {
  return {
    file,
    ...positionOf(f),
    ruleId: f.ruleId,
    name: f.name,
    severity: f.severity,
    confidence: f.confidence,
    fingerprint: f.fingerprint,
    masked: f.masked,
    ...(commit !== undefined ? { commit } : {}),
    ...(showSecrets ? { secret: f.secret } : {}),
  };
}

/** The whole JSON report, pretty-printed, ending with a newline. */
export function formatJson(findings: readonly FileFinding[], showSecrets: boolean): string {
  return `${JSON.stringify(findings.map((f) => toJsonFinding(f, showSecrets)), null, 2)}\n`;
}
