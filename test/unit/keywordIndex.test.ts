import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { KeywordHits, KeywordIndex } from '../../src/core/keywordIndex';

/**
 * Where each keyword ends in `text` lower-cased code unit by code unit, written independently of the automaton: a
 * plain substring search over the lower-cased text, mapped back to the index of the original code unit.
 */
function reference(keywords: readonly string[], text: string): Map<number, number[]> {
  let lower = '';
  const source: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const l = text[i]!.toLowerCase();
    lower += l;
    for (let j = 0; j < l.length; j++) source.push(i);
  }
  const ends = new Map<number, number[]>();
  keywords.forEach((k, id) => {
    const list: number[] = [];
    for (let at = lower.indexOf(k); at >= 0; at = lower.indexOf(k, at + 1)) list.push(source[at + k.length - 1]!);
    ends.set(id, list);
  });
  return ends;
}

function scanned(index: KeywordIndex, text: string): { found: Uint8Array; ends: Map<number, number[]> } {
  const found = new Uint8Array(index.keywords.length);
  const hits = new KeywordHits(new Uint8Array(index.keywords.length).fill(1));
  const ids: number[] = [];
  index.scan(text, found, hits, ids);
  assert.deepEqual([...ids].sort((a, b) => a - b), [...found.keys()].filter((id) => found[id] === 1), 'the list of found ids matches the flags');
  const ends = new Map<number, number[]>();
  index.keywords.forEach((_, id) => {
    const into = new Int32Array(hits.count(id));
    hits.copyEnds(id, into, 0);
    ends.set(id, [...into]);
  });
  return { found, ends };
}

function counted(index: KeywordIndex, text: string, from: number, to: number): number[] {
  const counts = new Int32Array(index.keywords.length);
  index.count(text, from, to, counts, 1);
  return [...counts];
}

// Characters that test the case folding: U+0130 lower-cases to `i` + U+0307, U+212A KELVIN SIGN to `k`, U+017F
// (long s) and U+0131 (dotless i) are not `s`/`i` in lower case, and surrogate pairs are two code units.
const tricky = fc.constantFrom('\u0130', '\u212A', '\u017F', '\u0131', 'İ', 'K', 'I', 'i', 'K', 'k', '😀', 'é', 'Σ', '\u0307');
const keywordArb = fc.stringMatching(/^[a-z0-9_.\-:/ ]{1,6}$/);

describe('keyword index: where keywords occur, against a plain substring search', () => {
  it('finds every occurrence, case-insensitively, in text with upper case and special case mappings', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.oneof(keywordArb, fc.constantFrom('ik', 'kit', 'api', 'i', 'ki', 'sk_', 'secret')), { minLength: 1, maxLength: 12 }),
        fc.array(fc.oneof(tricky, fc.string({ maxLength: 6 }), fc.constantFrom('API', 'Secret', 'SK_', 'KIT', 'İK', 'aPİ')), { maxLength: 60 }),
        (keywords, parts) => {
          const text = parts.join('');
          const index = new KeywordIndex(keywords);
          const want = reference(keywords, text);
          const got = scanned(index, text);
          keywords.forEach((k, id) => {
            assert.deepEqual(got.ends.get(id), want.get(id), `${JSON.stringify(k)} in ${JSON.stringify(text)}`);
            assert.equal(got.found[id], want.get(id)!.length > 0 ? 1 : 0);
          });
          // count() over a part of the text: the occurrences lying wholly inside it.
          const from = Math.floor(text.length / 3);
          const to = text.length - Math.floor(text.length / 4);
          const inside = reference(keywords, text.slice(from, to));
          assert.deepEqual(counted(index, text, from, to), keywords.map((_, id) => inside.get(id)!.length));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reads the Kelvin sign as k and the dotted capital I as i followed by a combining dot', () => {
    const index = new KeywordIndex(['kit', 'api', 'ix']);
    const text = '\u212AIT and AP\u0130 and P\u0130X';
    const got = scanned(index, text);
    assert.deepEqual(got.ends.get(0), [2]);
    assert.deepEqual(got.ends.get(1), [text.indexOf('\u0130')]);
    // P + U+0130 + X lower-cases to "pi\u0307x": the dot comes between i and x.
    assert.deepEqual(got.ends.get(2), []);
  });

  it('still finds keywords that are not ASCII, without positions', () => {
    const index = new KeywordIndex(['clé', 'pi\u0307x']);
    const found = new Uint8Array(2);
    const hits = new KeywordHits(new Uint8Array(2).fill(1));
    const ids: number[] = [];
    index.scan('CLÉ P\u0130X clé', found, hits, ids);
    assert.deepEqual([...found], [1, 1]);
    assert.deepEqual(ids.sort(), [0, 1], 'each found keyword listed once');
    assert.equal(hits.usable, false);
  });
});
