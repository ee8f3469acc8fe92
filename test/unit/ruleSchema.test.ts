import * as assert from 'node:assert/strict';
import { checkRuleSet, parseRuleFile } from '../../src/core';

const REMEDIATION = `remediation:
  what: A test credential.
  risk: It grants access.
  rotate: [Make a new one., Revoke the old one.]
  misuse: Read the audit log.
`;

function file(rules: string): string {
  return `provider: Test\nfamily: saas\n${REMEDIATION}rules:\n${rules}`;
}

const GOOD = `  - id: test-token
    name: Test token
    description: A token for tests.
    regex: 'tst_([a-z0-9]{20})'
    keywords: [tst_]
    examples:
      positive: ['t = "tst_[[lower:20]]"']
      negative: ['t = "tst_short"']
`;

describe('rule files: validation messages name the file, line, rule and field', () => {
  it('accepts a well-formed file and fills in defaults', () => {
    const { rules, errors } = parseRuleFile(file(GOOD), 'rules/test.yaml');
    assert.deepEqual(errors, []);
    assert.equal(rules.length, 1);
    const r = rules[0]!;
    assert.equal(r.secretGroup, 1);
    assert.equal(r.severity, 'warning');
    assert.equal(r.confidence, 'medium');
    assert.equal(r.envVar, 'TEST_TOKEN');
    assert.deepEqual(r.source, { file: 'rules/test.yaml', line: 9 });
  });

  it('reports malformed YAML with its line', () => {
    const { errors } = parseRuleFile('provider: Test\nrules:\n  - id: [unclosed\n', 'rules/bad.yaml');
    assert.equal(errors.length > 0, true);
    assert.match(errors[0]!.message, /^rules\/bad\.yaml:\d+: file: malformed YAML/);
  });

  it('names an unknown field', () => {
    const { errors } = parseRuleFile(file(GOOD.replace('    keywords:', '    colour: red\n    keywords:')), 'r.yaml');
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.message, 'r.yaml:13: rule "test-token", field "colour": unknown field (allowed: id, provider, name, description, regex, secretGroup, keywords, entropy, severity, confidence, generic, path, validator, allowlist, envVar, remediation, examples)');
  });

  it('names a regex that does not compile, on the regex line', () => {
    const { errors } = parseRuleFile(file(GOOD.replace("'tst_([a-z0-9]{20})'", "'tst_([a-z0-9]{20}'")), 'r.yaml');
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.line, 12);
    assert.equal(errors[0]!.ruleId, 'test-token');
    assert.equal(errors[0]!.field, 'regex');
    assert.match(errors[0]!.message, /does not compile/);
  });

  it('requires examples, both kinds', () => {
    const noExamples = GOOD.slice(0, GOOD.indexOf('    examples:'));
    const { errors } = parseRuleFile(file(noExamples), 'r.yaml');
    assert.deepEqual(errors.map((e) => e.field), ['examples']);
    const noNegative = GOOD.replace(/\n {6}negative:.*\n/, '\n');
    const second = parseRuleFile(file(noNegative), 'r.yaml');
    assert.deepEqual(second.errors.map((e) => e.field), ['examples.negative']);
  });

  it('rejects ids that are not kebab-case, bad enums and bad entropy', () => {
    const bad = GOOD.replace('id: test-token', 'id: Test_Token').replace('    keywords:', '    severity: fatal\n    entropy: 12\n    keywords:');
    const { errors } = parseRuleFile(file(bad), 'r.yaml');
    assert.deepEqual(errors.map((e) => e.field).sort(), ['entropy', 'id', 'severity']);
  });

  it('finds duplicate ids across files', () => {
    const a = parseRuleFile(file(GOOD), 'a.yaml').rules;
    const b = parseRuleFile(file(GOOD), 'b.yaml').rules;
    const errors = checkRuleSet([...a, ...b]);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /^b\.yaml:9: rule "test-token", field "id": duplicate id \(first defined at a\.yaml:9\)/);
  });

  it('requires a remediation on the rule or the file', () => {
    const text = `provider: Test\nfamily: saas\nrules:\n${GOOD}`;
    const { errors } = parseRuleFile(text, 'r.yaml');
    assert.deepEqual(errors.map((e) => e.field), ['remediation']);
  });

  it('rejects a secretGroup beyond the regex groups and an unknown validator', () => {
    const bad = GOOD.replace('    keywords:', '    secretGroup: 2\n    validator: magic\n    keywords:');
    const { errors } = parseRuleFile(file(bad), 'r.yaml');
    assert.deepEqual(errors.map((e) => e.field).sort(), ['secretGroup', 'validator']);
  });
});
