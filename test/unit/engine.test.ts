import * as assert from 'node:assert/strict';
import { Engine, expandFakes, fingerprintOf, maskSecret, parseRuleFile, type RuleSpec } from '../../src/core';
import { builtin } from '../helpers/rules';

const YAML = `provider: Test
family: saas
remediation:
  what: A test credential.
  risk: It grants access.
  rotate: [Make a new one.]
  misuse: Read the audit log.
rules:
  - id: tst-token
    name: Test token
    description: A prefixed token.
    regex: '(?:^|[^a-z0-9_])(tst_[a-z0-9]{24})(?:[^a-z0-9_]|$)'
    keywords: [tst_]
    entropy: 3
    confidence: high
    examples: { positive: ['tst_[[lower:24]]'], negative: ['x'] }
  - id: generic-assign
    name: Generic secret
    description: A secret-named assignment.
    generic: true
    regex: '(?i)(?:secret|token)\\s{0,3}=\\s{0,3}"([^"\\s]{12,80})"'
    keywords: [secret, token]
    entropy: 3
    confidence: low
    examples: { positive: ['token = "[[alnum:20]]"'], negative: ['x'] }
  - id: pem-key
    name: Private key
    description: A PEM block.
    regex: '(-----BEGIN PRIVATE KEY-----[\\s\\S]{20,4000}?-----END PRIVATE KEY-----)'
    keywords: ['-----begin private key']
    severity: error
    confidence: high
    examples: { positive: ['x'], negative: ['y'] }
`;

function engine(): { engine: Engine; rules: RuleSpec[] } {
  const { rules, errors } = parseRuleFile(YAML, 'test.yaml');
  assert.deepEqual(errors, []);
  return { engine: new Engine(rules), rules };
}

const token = (seed: string): string => expandFakes('tst_[[lower:24]]', seed);

describe('engine: detect()', () => {
  const { engine: e } = engine();

  it('reports the secret with its exact range, line and column, masked value and fingerprint', () => {
    const t = token('a');
    const text = `line one\nconst key = "${t}";\n`;
    const [f, ...rest] = e.detect(text);
    assert.equal(rest.length, 0);
    assert.ok(f);
    assert.equal(f.ruleId, 'tst-token');
    assert.equal(text.slice(f.start, f.end), t);
    assert.deepEqual(f.range, { start: { line: 1, character: 13 }, end: { line: 1, character: 13 + t.length } });
    assert.equal(f.masked, `${t.slice(0, 4)}…${t.slice(-4)}`);
    assert.equal(f.fingerprint, fingerprintOf('tst-token', t));
    assert.ok(!f.fingerprint.includes(t));
    assert.equal(f.confidence, 'high');
  });

  it('counts columns in UTF-16 code units after emoji and astral characters, and lines across CRLF and CR', () => {
    const t = token('b');
    const text = `a\r\nb\rc\n😀𝒳 = "${t}"`;
    const [f] = e.detect(text);
    assert.ok(f);
    assert.equal(text.slice(f.start, f.end), t);
    assert.deepEqual(f.range.start, { line: 3, character: 8 });
  });

  it('keeps the fingerprint when the secret moves', () => {
    const t = token('c');
    const a = e.detect(`x = "${t}"`)[0]!;
    const b = e.detect(`\n\n\n    y = "${t}"`)[0]!;
    assert.equal(a.fingerprint, b.fingerprint);
  });

  it('lets the specific rule win over the generic one on the same text', () => {
    const t = token('d');
    const found = e.detect(`token = "${t}"`);
    assert.deepEqual(found.map((f) => f.ruleId), ['tst-token']);
  });

  it('reports the generic rule when no specific one matches', () => {
    const v = expandFakes('[[alnum:24]]', 'g');
    assert.deepEqual(e.detect(`secret = "${v}"`).map((f) => f.ruleId), ['generic-assign']);
  });

  it('skips placeholders and templates', () => {
    for (const v of ['your_api_key_here', 'xxxxxxxxxxxxxxxxxxxxxxxx', '${SECRET_TOKEN_VALUE}', '{{ secret_token }}', '%SECRET_TOKEN%',
      'process.env.SECRET_TOKEN', '<secret-token-value>', 'EXAMPLEEXAMPLE1234', 'aaaaaaaaaaaaaaaaaaaa']) {
      assert.deepEqual(e.detect(`secret = "${v}"`), [], v);
    }
  });

  it('honours allow markers on the line and on the line before, ours and other tools\'', () => {
    const t = token('e');
    for (const marker of ['// leakless:allow', '# gitleaks:allow', '# pragma: allowlist secret', '// secretlint-disable-line', '# trufflehog:ignore']) {
      assert.deepEqual(e.detect(`k = "${t}" ${marker}`), [], marker);
    }
    assert.deepEqual(e.detect(`// leakless:allow-next-line\nk = "${t}"`), []);
    assert.deepEqual(e.detect(`# pragma: allowlist nextline secret\r\nk = "${t}"`), []);
    assert.equal(e.detect(`// leakless:allow-next-line\n\nk = "${t}"`).length, 1, 'the marker covers the next line only');
  });

  it('drops findings under the minimum confidence, of disabled rules and of ignored fingerprints', () => {
    const v = expandFakes('[[alnum:24]]', 'h');
    const t = token('i');
    const text = `secret = "${v}"\nk = "${t}"`;
    assert.deepEqual(e.detect(text, { minConfidence: 'medium' }).map((f) => f.ruleId), ['tst-token']);
    assert.deepEqual(e.detect(text, { disabledRules: new Set(['tst-token']) }).map((f) => f.ruleId), ['generic-assign']);
    assert.deepEqual(e.detect(text, { ignoredFingerprints: new Set([fingerprintOf('tst-token', t)]) }).map((f) => f.ruleId), ['generic-assign']);
  });

  it('finds multi-line secrets', () => {
    const body = expandFakes('[[b64:64]]\n[[b64:64]]\n[[b64:20]]', 'pem');
    const block = `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`;
    const [f] = e.detect(`key = """\n${block}\n"""`);
    assert.ok(f);
    assert.equal(f.ruleId, 'pem-key');
    assert.deepEqual([f.range.start.line, f.range.end.line], [1, 5]);
    assert.equal(f.severity, 'error');
  });

  it('collapses duplicates: one finding per secret', () => {
    const t = token('j');
    assert.equal(e.detect(`token = "${t}"; token = "${t}"`).length, 2, 'two occurrences are two findings');
    assert.equal(e.detect(`k = "${t}"`).length, 1);
  });

  it('costs nothing for rules whose keywords are absent', () => {
    assert.deepEqual(e.detect('const answer = 42;\n'.repeat(1000)), []);
  });

  it('runs exactly the rules whose keywords the text holds, from one text to the next', () => {
    const yaml = `provider: Test
family: saas
remediation: { what: w, risk: r, rotate: [x], misuse: m }
rules:
  - id: acme-id
    name: Acme id
    description: An id that only counts where Acme is named.
    regex: '(zq[0-9]{14})'
    keywords: [acme]
    entropy: 2
    examples: { positive: ['acme zq[[digits:14]]'], negative: ['c'] }
`;
    const { rules, errors } = parseRuleFile(yaml, 'test.yaml');
    assert.deepEqual(errors, []);
    const [first, ...others] = engine().rules;
    const gated = new Engine([first!, ...rules, ...others]);
    const id = expandFakes('zq[[digits:14]]', 'gated');
    const found = (text: string): string[] => gated.detect(text).map((f) => f.ruleId);
    // The same engine over texts that hold, lose and regain the keyword (next to other rules' keywords): what one
    // text held must not carry over.
    assert.deepEqual(found(`ACME ${id}`), ['acme-id']);
    assert.deepEqual(found(`${id}`), []);
    assert.deepEqual(found(`x ${id} acme tst_ token`), ['acme-id']);
    assert.deepEqual(found(`${id} acm tst_ token ----BEGIN`), []);
  });

  it('runs a rule whose keyword is not ASCII when the text holds it in any case', () => {
    const yaml = YAML.replace('keywords: [tst_]', "keywords: ['clé']");
    const { rules, errors } = parseRuleFile(yaml, 'test.yaml');
    assert.deepEqual(errors, []);
    const withAccent = new Engine(rules);
    const t = token('l');
    assert.deepEqual(withAccent.detect(`CLÉ = "${t}"`).map((f) => f.ruleId), ['tst-token']);
    assert.deepEqual(withAccent.detect(`CLE = "${t}"`), []);
  });
});

describe('masking', () => {
  it('never shows more than 8 characters of a long secret', () => {
    assert.equal(maskSecret('ABCDEFGHIJKLMNOPQRSTUVWXYZ'), 'ABCD…WXYZ');
  });
  it('shows at most 4 characters of a medium secret and none of a short one', () => {
    assert.equal(maskSecret('abcdefghijkl'), 'ab…kl');
    assert.ok(!/[a-z]/.test(maskSecret('hunter2')));
  });
});

describe('engine: time budget', () => {
  it('switches off a rule that runs over its budget and says which', () => {
    const yaml = `provider: Test
family: saas
remediation: { what: w, risk: r, rotate: [x], misuse: m }
rules:
  - id: slow-rule
    name: Slow rule
    description: Slow on long runs of a.
    regex: '[a-z]{1,200}b'
    examples: { positive: ['ab'], negative: ['c'] }
`;
    const { rules } = parseRuleFile(yaml, 'slow.yaml');
    const told: string[] = [];
    const e = new Engine(rules, { ruleMs: 1, perMegabyteMs: 0, onSlowRule: (r) => told.push(r.id) });
    // A 'b' every 192 characters: the rule has to run over the whole text, and fails slowly at every position.
    const text = `${'a'.repeat(190)} b`.repeat(600);
    e.detect(text);
    assert.deepEqual(told, ['slow-rule']);
    assert.ok(e.slowRules.has('slow-rule'));
    e.detect(text);
    assert.deepEqual(told, ['slow-rule'], 'told once');
  });
});

describe('engine: placeholder filter on random tokens', () => {
  it('does not take a long random token for a placeholder because it happens to contain a filler word', () => {
    const { engine: e } = engine();
    for (const word of ['todo', 'here', 'your', 'xxxxx', 'dummy', 'FIXME', 'Sample']) {
      const value = expandFakes(`[[alnum:25]]${word}[[alnum:25]]`, word);
      assert.deepEqual(e.detect(`secret = "${value}"`).map((f) => f.ruleId), ['generic-assign'], word);
    }
  });
  it('still skips documented example keys and short filler', () => {
    const { engine: e } = engine();
    assert.deepEqual(e.detect('secret = "your_secret_token_here"'), []);
    assert.deepEqual(e.detect('secret = "AKIAIOSFODNN7EXAMPLE-wJalrXUtnFEMI"'), []);
  });
});

describe('engine: secrets on consecutive lines', () => {
  it('finds every one, for every rule whose first example fits on one line', () => {
    const { rules, engine: e } = builtin();
    const missed: string[] = [];
    for (const r of rules) {
      const ex = r.examples.positive[0];
      if (!ex) continue;
      const lines = [0, 1, 2].map((i) => expandFakes(ex.text, `${r.id}#adjacent${i}`));
      if (lines.some((l) => l.includes('\n'))) continue;
      const found = e.detect(`${lines.join('\n')}\n`, ex.path !== undefined ? { path: ex.path } : {}).filter((f) => f.ruleId === r.id);
      if (found.length !== 3) missed.push(`${r.id} (${found.length} of 3)`);
    }
    assert.deepEqual(missed, []);
  });
});

describe('engine: our own fingerprints', () => {
  it('are not taken for secrets in ignore files, baselines and reports, while the same hex after another name is', () => {
    const { engine: e } = builtin();
    const hex = expandFakes('[[hex:24]]', 'fingerprint-hex');
    const file = JSON.stringify({ version: 1, ignore: ['atlassian-api-token', 'jira-legacy-api-token', 'generic-secret-assignment'].map((ruleId) => ({ fingerprint: `${ruleId}:${hex}`, ruleId })) }, null, 2);
    assert.deepEqual(e.detect(`// atlassian\n${file}`).map((f) => f.ruleId), []);
    assert.deepEqual(e.detect(`jira_token:${hex}`).map((f) => f.ruleId), ['jira-legacy-api-token']);
  });
});

describe('engine: placeholders written with source escapes', () => {
  it('skips a placeholder with an escape in the middle, and still reports a real value that holds escapes', () => {
    const { engine: e } = builtin();
    // A URL parser's test: "pass" with an odd character written in as an escape sequence.
    assert.deepEqual(e.detect("parse('uri://us\\xA0er:pa\\uD7FFss@example.com:123/one')").map((f) => f.ruleId), []);
    assert.deepEqual(e.detect("parse('uri://user:pa\\u{1F600}ssword@example.com/')").map((f) => f.ruleId), []);
    const real = expandFakes('[[alnum:14]]', 'escaped-url-password');
    const found = e.detect(`parse('uri://user:${real.slice(0, 6)}\\u00e9${real.slice(6)}@db.internal/')`);
    assert.deepEqual(found.map((f) => f.ruleId), ['url-credentials-generic']);
    assert.equal(found[0]!.secret, `${real.slice(0, 6)}\\u00e9${real.slice(6)}`);
  });
});
