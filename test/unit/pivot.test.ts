import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Engine, expandFakes } from '../../src/core';
import { assertIncrementalMatchesFull } from '../helpers/edits';
import { pivotOf } from '../../src/core/pivot';
import { builtin } from '../helpers/rules';

describe('pivots: a fixed punctuation character that every match of a literal-less regex holds', () => {
  it('finds the dot of an xxxxxx.yyyyyy:zzz key, six or seven characters into a match', () => {
    const pivot = pivotOf('(?:^|[^A-Za-z0-9_\\-.])([A-Za-z0-9_\\-]{6}\\.[A-Za-z0-9_\\-]{6}:[A-Za-z0-9_\\-+/=]{38,50})(?=[^A-Za-z0-9_\\-+/=]|$)', 'gd');
    assert.ok(pivot);
    assert.deepEqual([pivot.minBefore, pivot.maxBefore], [6, 7]);
    const re = new RegExp(pivot.source, 'y');
    re.lastIndex = 0;
    assert.ok(re.test(`.abcdef:${'x'.repeat(40)}`));
    re.lastIndex = 0;
    assert.ok(!re.test('.abcdef;'), 'the characters after the dot are part of the pivot');
  });

  it('has none where the regex is already quick to search, unbounded before its character, or all letters', () => {
    assert.equal(pivotOf('(?:^|[^A-Za-z0-9_\\-.])([MNO][A-Za-z0-9_\\-]{23,27}\\.[A-Za-z0-9_\\-]{6}\\.[A-Za-z0-9_\\-]{27,38})', 'gd'), undefined);
    assert.equal(pivotOf('[a-z]+\\.[a-z]{8}', 'g'), undefined);
    assert.equal(pivotOf('[a-z]{4}[0-9]{8}', 'g'), undefined);
    assert.equal(pivotOf('(a)\\1\\.[a-z]{8}', 'g'), undefined);
    assert.equal(pivotOf('[a-z]{4}\\.', 'g'), undefined, 'a lone dot pins down too little');
  });

  // Random literal-less regexes shaped like token rules (a guard, a broad lead, pieces, a punctuation character and
  // what follows it; some pieces are the kind that stop a pivot: unbounded, alternatives, lookarounds), each with a
  // text built to match it somewhere among random noise.
  type Piece = [string, fc.Arbitrary<string>];
  const letters = (min: number, max: number, chars = 'abxy'): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...chars), minLength: min, maxLength: max });
  const piece = (...options: Piece[]): fc.Arbitrary<Piece> => fc.constantFrom(...options);
  const guard = piece(['', fc.constant('')], ['(?:^|[^a-z])', fc.constantFrom('', ' ', '1')], ['(?<![a-z])', fc.constant(' ')], ['\\b', fc.constant(' ')]);
  const lead = piece(['[a-z]{1,3}', letters(1, 3)], ['[a-z0-9]{2}', letters(2, 2, 'ab1')], ['[^ ]{2}', letters(2, 2, 'a.:')], ['(?:x|yy)', fc.constantFrom('x', 'yy')]);
  const middle = piece(['[a-z]{1,3}', letters(1, 3)], ['[ab]', letters(1, 1, 'ab')], ['\\.', fc.constant('.')], ['-', fc.constant('-')],
    ['(?:\\.[a-z])?', fc.constantFrom('', '.a')], ['[a-z]*', letters(0, 4)], ['[a-z0-9]{0,2}', letters(0, 2, 'a1')]);
  const punct = piece(['\\.', fc.constant('.')], ['-', fc.constant('-')], [':', fc.constant(':')]);
  const after = piece(['[a-z]{2,3}', letters(2, 3)], ['[ab]{1,2}', letters(1, 2, 'ab')], ['[a-z0-9]{2,4}', letters(2, 4, 'ax1')], ['-', fc.constant('-')],
    [':', fc.constant(':')], ['[^ ]{2}', letters(2, 2, 'a.-')], ['(?:x|yy)', fc.constantFrom('x', 'yy')], ['[a-z]+', letters(1, 5)]);
  const noise = fc.string({ unit: fc.constantFrom('a', 'b', 'x', 'y', 'A', '1', '.', '-', ':', ' '), maxLength: 30 });
  const caseArb = fc
    .tuple(guard, lead, fc.array(middle, { maxLength: 3 }), punct, fc.array(after, { minLength: 1, maxLength: 4 }))
    .chain(([g, l, m, p, a]) => {
      const list: Piece[] = [g, l, ...m, p, ...a];
      return fc.tuple(fc.constant(list.map((p) => p[0]).join('')), noise, fc.tuple(...list.map((p) => p[1])), noise);
    })
    .map(([source, before, parts, rest]) => ({ source, text: `${before}${parts.join('')}${rest}` }));

  it('every match of a random regex has its pivot matching at a position the pivot allows', function () {
    this.timeout(60000);
    let checked = 0;
    fc.assert(
      fc.property(caseArb, fc.boolean(), ({ source, text }, icase) => {
        const flags = icase ? 'gi' : 'g';
        const pivot = pivotOf(source, flags);
        if (!pivot) return;
        const re = new RegExp(pivot.source, icase ? 'yi' : 'y');
        for (const m of text.matchAll(new RegExp(source, flags))) {
          if (m[0].length === 0) continue;
          let found = false;
          for (let p = m.index + pivot.minBefore; p <= m.index + pivot.maxBefore && !found; p++) {
            re.lastIndex = p;
            found = re.test(text);
          }
          checked++;
          assert.ok(found, `/${source}/${flags} matched ${JSON.stringify(m[0])} at ${m.index} of ${JSON.stringify(text)}; pivot ${JSON.stringify(pivot)}`);
        }
      }),
      { numRuns: 4000 },
    );
    assert.ok(checked > 1000, `only ${checked} matches were checked`);
  });

  it('the engine finds with its pivot exactly what a plain search of the same rule finds', () => {
    const { rules } = builtin();
    const pivoted = rules.filter((r) => new Engine([r]).rules[0]!.pivot);
    assert.ok(pivoted.some((r) => r.id === 'ably-api-key'), 'the Ably rule has a pivot');
    const unpivoted = (spec: (typeof rules)[number]): Engine => new Engine([{ ...spec, search: { reach: null, anchors: [], anchorReach: null, pivot: null } }]);
    for (const spec of pivoted) {
      const secret = new Engine([spec]).detect(expandFakes(spec.examples.positive[0]!.text, 'pivot'))[0]!.secret;
      // The secret at the very start, after a line break, in brackets, twice in a row, next to near misses (dots and
      // colons without the rest) and broken by an underscore; the rule's keyword somewhere.
      const text = [secret, `x\n${secret}`, `(${secret})`, `${secret} ${secret}`, 'a.b:c', spec.keywords[0] ?? '', '.'.repeat(50), secret.replace(/[.:-]/g, '_'), `${secret}`]
        .join(' filler.text: ');
      const where = (e: Engine): number[][] => e.detect(text).map((f) => [f.start, f.end]);
      const want = where(unpivoted(spec));
      assert.ok(want.length >= 6, `${spec.id}: the plain search finds the secrets in the test text`);
      assert.equal(want[0]![0], 0, `${spec.id}: one at the very start`);
      assert.deepEqual(where(new Engine([spec])), want, spec.id);
    }
  });

  it('re-checks edits next to a pivoted secret exactly as a full scan does', () => {
    const { rules } = builtin();
    const specs = rules.filter((r) => new Engine([r]).rules[0]!.pivot);
    const engine = new Engine(specs);
    const secrets = specs.map((spec) => ({
      secret: new Engine([spec]).detect(expandFakes(spec.examples.positive[0]!.text, 'edit'))[0]!.secret,
      keyword: spec.keywords[0] ?? '',
    }));
    const piece = fc.oneof(
      fc.constantFrom(...secrets.map((s) => s.secret)),
      fc.constantFrom(...secrets.map((s) => s.keyword), ' ', '\n', '.', ':', '-', 'x', '(', 'ab.cdef'),
    );
    const editArb = fc.record({ at: fc.nat({ max: 2000 }), del: fc.nat({ max: 12 }), text: fc.array(piece, { maxLength: 3 }).map((p) => p.join('')) });
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 30 }).map((p) => p.join('')), fc.array(editArb, { minLength: 1, maxLength: 8 }), (start, edits) =>
        assertIncrementalMatchesFull(engine, start, edits)),
      { numRuns: 300 },
    );
  });
});
