// The SARIF 2.1.0 report, in the shape GitHub code scanning accepts. Messages carry masked values only, always.
import type { Remediation, RuleSpec, Severity } from '../core';
import { positionOf, type FileFinding } from './model';

/** Who made the report, for runs[0].tool.driver. */
export interface SarifTool {
  version: string;
  informationUri: string;
}

/** The SARIF schema this report follows. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The key of our fingerprints in partialFingerprints. */
export const FINGERPRINT_KEY = 'leakless/v1';

type SarifLevel = 'error' | 'warning' | 'note';
const LEVEL: Readonly<Record<Severity, SarifLevel>> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
/** GitHub's bands: ≥ 9 critical, 7–8.9 high, 4–6.9 medium, below 4 low. A leaked secret is at least high. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { error: '9.0', warning: '7.5', info: '5.0', hint: '2.0' };

/** The plain-text help of a rule, from its remediation. */
export function helpText(r: Remediation): string {
  const parts = [r.what, `Risk: ${r.risk}`, `To rotate:\n${r.rotate.map((s, i) => `${i + 1}. ${s}`).join('\n')}`];
  if (r.revoke) parts.push(`To revoke: ${r.revoke}`);
  parts.push(`Check for misuse: ${r.misuse}`);
  if (r.prevention) parts.push(`Prevention: ${r.prevention}`);
  if (r.docs) parts.push(`Documentation: ${r.docs}`);
  return parts.join('\n\n');
}

/** The Markdown help of a rule, from its remediation. */
export function helpMarkdown(r: Remediation): string {
  const parts = [
    r.what,
    `**Risk.** ${r.risk}`,
    `**To rotate:**\n\n${r.rotate.map((s, i) => `${i + 1}. ${s}`).join('\n')}`,
  ];
  if (r.revoke) parts.push(`**To revoke:** ${r.revoke}`);
  parts.push(`**Check for misuse.** ${r.misuse}`);
  if (r.prevention) parts.push(`**Prevention.** ${r.prevention}`);
  if (r.docs) parts.push(`[Documentation](${r.docs})`);
  return parts.join('\n\n');
}

/** A relative path as a URI reference: forward slashes, each segment percent-encoded. */
export function toUriReference(file: string): string {
  return file.split('/').map((seg) => (seg === '..' || seg === '.' ? seg : encodeURIComponent(seg))).join('/');
}

function ruleDescriptor(rule: RuleSpec): Record<string, unknown> {
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.name },
    fullDescription: { text: rule.description },
    ...(rule.remediation.docs ? { helpUri: rule.remediation.docs } : {}),
    help: { text: helpText(rule.remediation), markdown: helpMarkdown(rule.remediation) },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ['security', 'secret'],
      'security-severity': SECURITY_SEVERITY[rule.severity],
      precision: rule.confidence,
    },
  };
}

/**
 * Builds the SARIF log. `rules` is every rule the engine knows; the log lists the ones with results. Columns are
 * 1-based UTF-16 code units, as the run's columnKind says.
 */
export function buildSarif(findings: readonly FileFinding[], rules: readonly RuleSpec[], tool: SarifTool): Record<string, unknown> {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const usedIds = [...new Set(findings.map((f) => f.finding.ruleId))].sort();
  const used = usedIds.map((id): RuleSpec => {
    const rule = byId.get(id);
    if (!rule) throw new Error(`finding for unknown rule ${id}`);
    return rule;
  });
  const index = new Map(usedIds.map((id, i) => [id, i]));
  const results = findings.map(({ file, finding: f, commit }) => {
    const pos = positionOf(f);
    return {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId)!,
      level: LEVEL[f.severity],
      message: { text: `${f.name} found: ${f.masked}. Move it out of the code and rotate it.` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: toUriReference(file), uriBaseId: '%SRCROOT%' },
            region: { startLine: pos.line, startColumn: pos.column, endLine: pos.endLine, endColumn: pos.endColumn },
          },
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
      ...(commit !== undefined ? { properties: { commit } } : {}),
      properties: { confidence: f.confidence },
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Leakless',
            informationUri: tool.informationUri,
            version: tool.version,
            semanticVersion: tool.version,
            rules: used.map(ruleDescriptor),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

/** The SARIF report as text, ending with a newline. */
export function formatSarif(findings: readonly FileFinding[], rules: readonly RuleSpec[], tool: SarifTool): string {
  return `${JSON.stringify(buildSarif(findings, rules, tool), null, 2)}\n`;
}
