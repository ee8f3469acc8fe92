import * as assert from 'node:assert/strict';
import { expandFakes } from '../../src/core';
import { code, formatMarkdown } from '../../src/report/markdown';
import { builtin } from '../helpers/rules';

describe('Markdown report', () => {
  it('lists each finding masked, marks committed ones, and explains how to remediate each type', () => {
    const { engine, rules } = builtin();
    const secret = expandFakes('ATATT3[[b64url:186]]', 'md');
    const [finding] = engine.detect(`const t = "${secret}";\n`);
    assert.ok(finding);
    const md = formatMarkdown(
      [
        { file: 'src/a|b.js', finding },
        { file: 'src/c.js', finding, committed: { inHead: true, commit: 'abc1234' } },
      ],
      { rules },
    );
    assert.ok(!md.includes(secret), 'the raw secret must never appear');
    assert.match(md, /^# Leakless report/);
    assert.match(md, /Found 2 secrets in 2 files\./);
    assert.match(md, /1 of them is already committed to Git: rotate it/);
    assert.ok(md.includes('| src/a\\|b.js | 1:12 |'), md);
    assert.ok(md.includes(`\`${finding.masked}\``));
    assert.match(md, /\| src\/c\.js \| 1:12 \|.*\| error \| yes \(HEAD, abc1234\) \|/);
    assert.match(md, /## How to remediate\n\n### Atlassian API token/);
  });

  it('says so when nothing was found, and keeps backticks inside code spans', () => {
    assert.match(formatMarkdown([]), /No secrets found\./);
    assert.equal(code('a`b'), '``a`b``');
  });
});
