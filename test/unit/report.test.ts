import * as assert from 'node:assert/strict';
import type { Finding, RuleSpec } from '../../src/core';
import { formatJson, toJsonFinding } from '../../src/report/json';
import { describeSkipped, describeSummary, emptySummary, formatBytes, type FileFinding } from '../../src/report/model';
import { buildSarif, helpMarkdown, helpText, toUriReference } from '../../src/report/sarif';
import { formatText, formatTextFinding } from '../../src/report/text';

// Not a credential format of any provider: a made-up value for formatter tests.
const SECRET = 'zz-not-a-real-secret-value-0001';

function finding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'demo-token', name: 'Demo token', provider: 'Demo', severity: 'warning', confidence: 'high',
    start: 10, end: 10 + SECRET.length,
    range: { start: { line: 2, character: 4 }, end: { line: 2, character: 4 + SECRET.length } },
    masked: 'zz-n…0001', entropy: 4.1, fingerprint: 'demo-token:0123456789abcdef01234567', secret: SECRET, envVar: 'DEMO_TOKEN',
    ...over,
  };
}

const RULE: RuleSpec = {
  id: 'demo-token', name: 'Demo token', provider: 'Demo', family: 'saas', description: 'A demo token for tests.',
  regex: 'x', flags: 'gd', secretGroup: 0, keywords: [], entropy: 0, severity: 'error', confidence: 'high', generic: false,
  allowlist: { regexes: [], stopwords: [] }, envVar: 'DEMO_TOKEN',
  remediation: { what: 'A demo token.', risk: 'Demo access.', rotate: ['Make a new one.', 'Delete the old one.'], misuse: 'Read the log.', docs: 'https://example.com/demo' },
  examples: { positive: [], negative: [] }, source: { file: 'rules/demo.yaml', line: 1 },
};

describe('report formatters', () => {
  const located: FileFinding = { file: 'src/a b/config#1.ts', finding: finding() };

  it('JSON: 1-based positions, end column one past the secret, no secret unless asked', () => {
    const row = toJsonFinding(located, false);
    assert.deepEqual(row, {
      file: 'src/a b/config#1.ts', line: 3, column: 5, endLine: 3, endColumn: 5 + SECRET.length,
      ruleId: 'demo-token', name: 'Demo token', severity: 'warning', confidence: 'high',
      fingerprint: 'demo-token:0123456789abcdef01234567', masked: 'zz-n…0001',
    });
    assert.equal(toJsonFinding(located, true).secret, SECRET);
    assert.ok(!formatJson([located], false).includes(SECRET));
    assert.equal(formatJson([], false), '[]\n');
  });

  it('text: the documented line shape, masked, colour only when asked', () => {
    const line = formatTextFinding('src/x.ts', finding(), { color: false, showSecrets: false });
    assert.equal(line, 'src/x.ts:3:5  warning  Demo token (demo-token)  zz-n…0001  [high]');
    assert.ok(formatTextFinding('src/x.ts', finding(), { color: false, showSecrets: true }).includes(SECRET));
    assert.ok(formatTextFinding('src/x.ts', finding(), { color: true, showSecrets: false }).includes('\u001b[33m'));
    const summary = { ...emptySummary(1024 * 1024), filesScanned: 4, filesWithFindings: 2, findings: 3 };
    const report = formatText(
      [{ file: 'a.ts', findings: [finding(), finding()] }, { file: 'b.ts', findings: [finding()] }],
      summary, { color: false, showSecrets: false },
    );
    assert.equal(report.split('\n').filter((l) => l.startsWith('a.ts:')).length, 2);
    assert.ok(report.endsWith('Found 3 secrets in 2 files (scanned 4 files).\n'));
    assert.ok(!report.includes(SECRET));
  });

  it('summaries say what was skipped, with the size limit', () => {
    const s = emptySummary(500 * 1024);
    assert.equal(describeSkipped(s), undefined);
    assert.equal(describeSummary({ ...s, filesScanned: 1 }), 'No secrets found (scanned 1 file).');
    assert.equal(describeSkipped({ ...s, skippedBinary: 1 }), 'skipped 1 binary file');
    assert.equal(describeSkipped({ ...s, skippedBinary: 2, skippedTooLarge: 1 }), 'skipped 2 binary files and 1 file larger than 500 KB');
    assert.equal(
      describeSkipped({ ...s, skippedBinary: 2, skippedTooLarge: 3, skippedUnreadable: 1 }),
      'skipped 2 binary files, 3 files larger than 500 KB and 1 unreadable file',
    );
    assert.equal(formatBytes(1024 * 1024), '1 MB');
    assert.equal(formatBytes(1536), '1.5 KB');
    assert.equal(formatBytes(1000), '1000 bytes');
  });

  it('SARIF: rules referenced by index, levels, help from the remediation, encoded relative URIs', () => {
    const { docs: _docs, ...withoutDocs } = RULE.remediation;
    const other: RuleSpec = { ...RULE, id: 'another-token', name: 'Another token', severity: 'info', remediation: withoutDocs };
    const findings: FileFinding[] = [
      located,
      { file: 'b.ts', finding: finding({ ruleId: 'another-token', name: 'Another token', severity: 'info' }) },
    ];
    const log = buildSarif(findings, [RULE, other], { version: '1.2.3', informationUri: 'https://example.com/leakless' }) as {
      version: string;
      runs: { columnKind: string; tool: { driver: { rules: { id: string; defaultConfiguration: { level: string }; properties: Record<string, unknown>; helpUri?: string }[] } }; results: { ruleIndex: number; ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0]!;
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.deepEqual(run.tool.driver.rules.map((r) => r.id), ['another-token', 'demo-token']);
    for (const res of run.results) assert.equal(run.tool.driver.rules[res.ruleIndex]!.id, res.ruleId);
    assert.deepEqual(run.results.map((r) => r.level), ['warning', 'note'], 'a result takes the level of its finding');
    assert.deepEqual(run.tool.driver.rules.map((r) => r.defaultConfiguration.level), ['note', 'error']);
    assert.equal(run.tool.driver.rules[1]!.properties['security-severity'], '9.0');
    assert.equal(run.tool.driver.rules[1]!.helpUri, 'https://example.com/demo');
    assert.equal(run.tool.driver.rules[0]!.helpUri, undefined);
    assert.equal(run.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri, 'src/a%20b/config%231.ts');
    assert.ok(!JSON.stringify(log).includes(SECRET));
  });

  it('SARIF help lists the rotation steps in order', () => {
    assert.match(helpText(RULE.remediation), /To rotate:\n1\. Make a new one\.\n2\. Delete the old one\./);
    assert.match(helpMarkdown(RULE.remediation), /\*\*To rotate:\*\*\n\n1\. Make a new one\.\n2\. Delete the old one\./);
    assert.match(helpMarkdown(RULE.remediation), /\[Documentation\]\(https:\/\/example\.com\/demo\)/);
  });

  it('URI references keep .. and encode each segment', () => {
    assert.equal(toUriReference('../x/ü.txt'), '../x/%C3%BC.txt');
  });
});
