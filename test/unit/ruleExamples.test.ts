import * as assert from 'node:assert/strict';
import { expandFakes } from '../../src/core';
import { builtin } from '../helpers/rules';

describe('built-in rules: every example', () => {
  const { rules, engine } = builtin();

  it('has at least 300 rules, each with at least two positive and two negative examples and keywords', () => {
    assert.ok(rules.length >= 300, `${rules.length} rules`);
    const thin = rules.filter((r) => r.examples.positive.length < 2 || r.examples.negative.length < 2).map((r) => r.id);
    assert.deepEqual(thin, []);
    assert.deepEqual(rules.filter((r) => r.keywords.length === 0).map((r) => r.id), []);
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      rule.examples.positive.forEach((example, i) => {
        it(`finds positive example ${i + 1}`, () => {
          const text = expandFakes(example.text, `${rule.id}#p${i}`);
          const found = engine.detect(text, example.path !== undefined ? { path: example.path } : {});
          const own = found.filter((f) => f.ruleId === rule.id);
          assert.equal(own.length, 1, `expected ${rule.id} once in ${JSON.stringify(text.slice(0, 120))}, got ${JSON.stringify(found.map((f) => f.ruleId))}`);
          assert.ok(!own[0]!.masked.includes(own[0]!.secret) || own[0]!.secret.length < 4, 'masked value must not contain the secret');
        });
      });
      rule.examples.negative.forEach((example, i) => {
        it(`ignores negative example ${i + 1}`, () => {
          const text = expandFakes(example.text, `${rule.id}#n${i}`);
          const found = engine.detect(text, example.path !== undefined ? { path: example.path } : {});
          assert.deepEqual(found.map((f) => f.ruleId), [], `expected nothing in ${JSON.stringify(text.slice(0, 120))}`);
        });
      });
    });
  }
});
