import * as assert from 'node:assert/strict';
import { parseRuleFile } from '../../src/core';
import { checkRegexSafety, checkRegexStructure } from '../../src/core/regexSafety';
import { builtin } from '../helpers/rules';

describe('regex safety', function () {
  this.timeout(20000);

  const unsafe: [string, RegExp][] = [
    ['(a+)+$', /nested quantifiers/],
    ['(a*)*b', /nested quantifiers/],
    ['(\\w+\\s?)+$', /nested quantifiers/],
    ['(?:x{1,3}){1,30}y', /nested quantifiers/],
    ['(a|a)*c', /alternatives that can match the same text/],
    ['(?:a|b|ab)+c', /alternatives that can match the same text/],
    ['(?:\\\\"|[^"])*"', /alternatives that can match the same text/],
    ['.*.*=.*x', /two unbounded quantifiers/],
    ['key=\\w+_\\w+!', /two unbounded quantifiers/],
    ['(["\'])\\w{8}\\1', /back-reference \(\\1\)/],
    ['(?<q>["\'])\\w{8}\\k<q>', /back-reference \(\\k<q>\)/],
    ['[a-z]+x', /too slow: \d+ ms on \d+ characters/],
  ];
  for (const [source, reason] of unsafe) {
    it(`rejects /${source}/`, () => {
      const why = checkRegexSafety(source);
      assert.ok(why, 'rejected');
      assert.match(why, reason);
    });
  }

  const safe = [
    '(?:^|[^A-Za-z0-9_])(ghp_[A-Za-z0-9]{36})(?:[^A-Za-z0-9_]|$)',
    '(?i)password\\s*[:=]\\s*["\']?([^\\s"\']{8,})',
    '(?:\\\\n|\\\\r|[A-Za-z0-9+/=]){64,8192}',
    '(?:[a-f0-9]{2}:?){6,}',
    '([a-z0-9]{1,20}-){1,5}[a-z0-9]{8}',
    '(?:^|\\s)machine\\s{1,8}[^\\s]{1,200}(?:\\s{1,8}(?:login|account)\\s{1,8}[^\\s]{1,200}){0,2}\\s{1,8}password\\s{1,8}([^\\s]{4,256})',
    '(?i)(?:AKIA|ASIA)[A-Z2-7]{16}',
  ];
  for (const source of safe) {
    it(`accepts /${source.length > 50 ? `${source.slice(0, 47)}...` : source}/`, () => {
      assert.equal(checkRegexSafety(source), undefined);
    });
  }

  it('an exponential pattern is rejected quickly, by the structure check, without running it', () => {
    const t0 = performance.now();
    assert.ok(checkRegexSafety('^(([a-z])+.)+[A-Z]([a-z])+$'));
    assert.ok(performance.now() - t0 < 100);
  });

  it('every built-in rule passes the structure check', () => {
    const { rules } = builtin();
    const failing = rules
      .map((r) => ({ id: r.id, why: checkRegexStructure(r.regex, r.flags) }))
      .filter((x) => x.why !== undefined);
    assert.deepEqual(failing, []);
  });

  describe('untrusted rule files', () => {
    const file = (regex: string, extra = ''): string => `provider: Acme
family: saas
remediation:
  what: A token.
  risk: Access.
  rotate: [Revoke it.]
  misuse: Check the logs.
rules:
  - id: acme-token
    name: Acme token
    description: A token.
    regex: '${regex}'
${extra}    examples:
      positive: ['acme_[[alnum:24]]']
      negative: ['acme_x']
`;

    it('rejects an unsafe regex only when untrusted, naming file, line, rule and field "regex"', () => {
      const text = file('(acme_(?:[a-z0-9]+)+)$');
      assert.deepEqual(parseRuleFile(text, 'rules.yaml').errors, []);
      const { rules, errors } = parseRuleFile(text, '.leakless/rules.yaml', { untrusted: true });
      assert.deepEqual(rules, []);
      assert.equal(errors.length, 1);
      assert.match(errors[0]!.message, /^\.leakless\/rules\.yaml:12: rule "acme-token", field "regex": risks catastrophic backtracking/);
    });

    it('checks allowlist regexes and the path regex too', () => {
      const text = file('(acme_[a-z0-9]{24})', "    path: '(a+)+\\.env$'\n    allowlist:\n      regexes: ['(x|x)*y']\n");
      const errors = parseRuleFile(text, 'r.yaml', { untrusted: true }).errors.map((e) => e.field);
      assert.deepEqual(errors.sort(), ['allowlist.regexes', 'path']);
    });

    it('accepts a safe untrusted rule', () => {
      const { rules, errors } = parseRuleFile(file('(acme_[a-z0-9]{24})'), 'r.yaml', { untrusted: true });
      assert.deepEqual(errors, []);
      assert.equal(rules.length, 1);
    });
  });
});
