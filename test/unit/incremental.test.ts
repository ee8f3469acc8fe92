import * as assert from 'node:assert/strict';
import { DocumentScanner, expandFakes, LineMap, prng as prngFor, regexReach, type Finding, type TextChange } from '../../src/core';
import { builtin } from '../helpers/rules';

/** What a user can see of a finding: rule, where, which secret. */
function view(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.ruleId}@${f.start}-${f.end}:${f.range.start.line}.${f.range.start.character}-${f.range.end.line}.${f.range.end.character}:${f.fingerprint}`);
}

describe('incremental re-scan', () => {
  const { engine, rules } = builtin();

  it('every built-in rule has a bounded reach (no unbounded quantifier)', () => {
    const unbounded = rules.filter((r) => !Number.isFinite(regexReach(r.regex))).map((r) => r.id);
    assert.deepEqual(unbounded, []);
  });

  it('measures regex reach', () => {
    assert.equal(regexReach('ab{2,5}c'), 7);
    assert.equal(regexReach('(?:x|yy){3}'), 6);
    assert.equal(regexReach('a+'), Infinity);
    assert.equal(regexReach('[a-z]{4}(?=[^a-z]|$)'), 5);
    assert.equal(regexReach('\\bfoo\\b'), 3);
  });

  it('keeps the line map right across CRLF, CR and LF edits', () => {
    const rnd = prngFor('lines');
    const pieces = ['a', 'bc', '\n', '\r', '\r\n', 'xyz', ''];
    let text = 'start\r\nmiddle\rend\n';
    const map = new LineMap(text);
    for (let i = 0; i < 2000; i++) {
      const at = Math.floor(rnd() * (text.length + 1));
      const len = Math.floor(rnd() * Math.min(4, text.length - at + 1));
      const ins = pieces[Math.floor(rnd() * pieces.length)]!;
      const next = text.slice(0, at) + ins + text.slice(at + len);
      map.applyEdit(next, at, at + len, at + ins.length);
      text = next;
      const fresh = new LineMap(text);
      assert.equal(map.lineCount, fresh.lineCount, `line count after edit ${i}`);
      for (let o = 0; o <= text.length; o += 3) assert.deepEqual(map.positionAt(o), fresh.positionAt(o));
    }
  });

  it('replaces a secret at the very start of a document with shorter text (regression: looped forever)', () => {
    const token = expandFakes('ATATT3[[b64url:186]]', 'start');
    const before = `t = "${token}"\n`;
    const scanner = new DocumentScanner(engine);
    assert.equal(scanner.reset(before).length, 1);
    const at = before.indexOf(token);
    const after = `${before.slice(0, at)}process.env.JIRA_API_TOKEN${before.slice(at + token.length)}`;
    assert.deepEqual(scanner.update(after, [{ offset: at, length: token.length, text: 'process.env.JIRA_API_TOKEN' }]), []);
    assert.deepEqual(view(scanner.update(before, [{ offset: at, length: 26, text: token }])), view(engine.detect(before)));
  });

  it('moves findings far below an edit that keeps the length but adds or removes a line break', () => {
    const token = expandFakes('ATATT3[[b64url:186]]', 'same-length');
    const text = `const a = 1;x\n${'const b = 2;\n'.repeat(3000)}const t = "${token}";\n`;
    const scanner = new DocumentScanner(engine);
    scanner.reset(text);
    const at = text.indexOf('x');
    const broken = `${text.slice(0, at)}\n${text.slice(at + 1)}`;
    assert.deepEqual(view(scanner.update(broken, [{ offset: at, length: 1, text: '\n' }])), view(engine.detect(broken)));
    assert.deepEqual(view(scanner.update(text, [{ offset: at, length: 1, text: 'x' }])), view(engine.detect(text)));
  });

  it('gives exactly the findings of a full scan after random edits', () => {
    const rnd = prngFor('edits');
    const fragments = [
      'const jira_token = "[[lower:20]][[hex:4]]";\n',
      'token = "ATATT3[[b64url:186]]"\n',
      'const x = 1;\n',
      '// leakless:allow-next-line\n',
      '\r\n',
      'password = "[[alnum:18]]"  # leakless:allow\n',
      'AWS_ACCESS_KEY_ID=AKIA[[b32:16]]\n',
      'url = "postgres://admin:[[alnum:16]]@db.internal:5432/app"\n',
      'secret: [[b64:40]]\n',
      '    \t',
      '"',
      'ghp_',
      '[[github:ghp_]]',
      'sk_live_[[alnum:24]]\n',
      'xoxb-[[digits:11]]-[[digits:12]]-[[alnum:24]]\n',
    ];
    const frag = (seed: string): string => expandFakes(fragments[Math.floor(rnd() * fragments.length)]!, seed);
    for (let doc = 0; doc < 44; doc++) {
      let text = '';
      // The last few documents are long (secrets far from the edits, lines moved by them) and one holds long lines.
      const pieces = doc < 40 ? 30 : 1500;
      for (let i = 0; i < pieces; i++) text += frag(`d${doc}f${i}`) + (doc === 43 && i % 50 === 0 ? 'y'.repeat(5000) : '');
      const scanner = new DocumentScanner(engine);
      scanner.reset(text);
      for (let step = 0; step < 25; step++) {
        const changes: TextChange[] = [];
        let next = text;
        const n = 1 + Math.floor(rnd() * 2);
        for (let k = 0; k < n; k++) {
          const offset = Math.floor(rnd() * (next.length + 1));
          const length = Math.floor(rnd() * Math.min(rnd() < 0.2 ? 400 : 40, next.length - offset + 1));
          // Sometimes the same length back, with line breaks where there were none (or none where there were).
          const sameLength = rnd() < 0.15;
          const ins = sameLength
            ? Array.from({ length }, () => ['\n', '\r', 'a', ' '][Math.floor(rnd() * 4)]!).join('')
            : rnd() < 0.5 ? frag(`d${doc}s${step}k${k}`) : rnd() < 0.5 ? '' : 'x';
          next = next.slice(0, offset) + ins + next.slice(offset + length);
          changes.push({ offset, length, text: ins });
        }
        const got = scanner.update(next, changes);
        const want = engine.detect(next);
        assert.deepEqual(view(got), view(want), `document ${doc}, step ${step}`);
        text = next;
      }
    }
  });
});
