import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { expandFakes, type Finding } from '../../src/core';
import { assertIncrementalMatchesFull } from '../helpers/edits';
import { builtin } from '../helpers/rules';

/** Line and character of an offset, splitting lines the way VS Code does (\r\n, \r, \n), written independently. */
function referencePosition(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const parts = before.split(/\r\n|\r|\n/);
  // A \r at the very end of `before` followed by \n in the text is one break that the slice has cut in half.
  if (before.endsWith('\r') && text[offset] === '\n') return { line: parts.length - 2, character: parts[parts.length - 2]!.length + 1 };
  return { line: parts.length - 1, character: parts[parts.length - 1]!.length };
}

/** Fake tokens of several providers, from the rules' own positive examples. */
function fakeTokens(): string[] {
  const { rules } = builtin();
  return rules.slice(0, 400).filter((_, i) => i % 7 === 0).map((r, i) => expandFakes(r.examples.positive[0]!.text, `prop-${i}`));
}

const lineBreak = fc.constantFrom('\n', '\r\n', '\r');
const nasty = fc.constantFrom('😀', '𝔘', '\u0000', '\uFEFF', '\u2028', 'é', '\t', '"', "'", '=', ':', '\\', ' ', '//', '#');

/** Text made of random unicode, line-break mixes, long runs and fake tokens. */
function textArb(tokens: readonly string[]): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
    { weight: 3, arbitrary: lineBreak },
    { weight: 3, arbitrary: nasty },
    { weight: 3, arbitrary: fc.constantFrom(...tokens) },
    { weight: 2, arbitrary: fc.constantFrom('password = "', 'token: ', 'api_key=', 'Authorization: Bearer ', 'jira_token = "') },
    { weight: 1, arbitrary: fc.integer({ min: 100, max: 3000 }).map((n) => 'x'.repeat(n)) },
  );
  return fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));
}

function checkFindings(text: string, findings: readonly Finding[]): void {
  let lastEnd = -1;
  for (const f of findings) {
    assert.ok(f.start >= 0 && f.end <= text.length && f.start < f.end, `range ${f.start}-${f.end} inside ${text.length}`);
    assert.equal(text.slice(f.start, f.end), f.secret);
    assert.deepEqual(f.range.start, referencePosition(text, f.start), 'start position agrees with the offset');
    assert.deepEqual(f.range.end, referencePosition(text, f.end), 'end position agrees with the offset');
    assert.ok(f.start >= lastEnd, 'sorted and not overlapping');
    lastEnd = f.end;
    assert.ok(!f.masked.includes(f.secret) || f.secret.length < 4, 'masked hides the secret');
  }
}

describe('property: the engine on random and adversarial text', function () {
  this.timeout(120000);
  const tokens = fakeTokens();

  it('the reference line splitter agrees with itself on CRLF halves', () => {
    assert.deepEqual(referencePosition('a\r\nb', 2), { line: 0, character: 2 });
    assert.deepEqual(referencePosition('a\r\nb', 3), { line: 1, character: 0 });
    assert.deepEqual(referencePosition('a\rb', 2), { line: 1, character: 0 });
  });

  it('detect() never throws; every finding lies inside the text, slices to its secret, and has the right position', () => {
    const { engine } = builtin();
    let found = 0;
    fc.assert(
      fc.property(textArb(tokens), (text) => {
        const findings = engine.detect(text);
        found += findings.length;
        checkFindings(text, findings);
      }),
      { numRuns: 500, seed: 424242 },
    );
    assert.ok(found > 100, `the generated texts hold secrets (${found} found)`);
  });

  it('finds an injected token at the exact offset whatever surrounds it', () => {
    const { engine } = builtin();
    const ghp = expandFakes('[[github:ghp_]]', 'prop-ghp');
    fc.assert(
      fc.property(textArb(tokens), lineBreak, textArb(tokens), (before, br, after) => {
        const text = `${before}${br}token = "${ghp}"${br}${after}`;
        const findings = engine.detect(text);
        checkFindings(text, findings);
        const at = text.indexOf(ghp, before.length);
        assert.ok(findings.some((f) => f.start === at && f.secret === ghp), 'the token is found where it is');
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('DocumentScanner after random edits gives exactly what a full detect() gives', () => {
    const { engine } = builtin();
    const edit = (len: number): fc.Arbitrary<{ at: number; del: number; text: string }> =>
      fc.record({
        at: fc.nat({ max: Math.max(0, len) }),
        del: fc.nat({ max: 40 }),
        text: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), lineBreak, fc.constantFrom(...tokens), fc.constantFrom('"', '\n', 'ghp_', '#', '=')),
      });
    fc.assert(
      fc.property(
        textArb(tokens).chain((start) => fc.tuple(fc.constant(start), fc.array(edit(start.length + 50), { minLength: 1, maxLength: 8 }))),
        ([start, edits]) => assertIncrementalMatchesFull(engine, start, edits),
      ),
      { numRuns: 300, seed: 99 },
    );
  });
});
