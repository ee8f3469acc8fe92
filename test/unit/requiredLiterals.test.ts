import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Engine, expandFakes, parseRuleFile, requiredLiterals, searchHintsOf, type Candidate } from '../../src/core';

import { builtin } from '../helpers/rules';

/** The literals and how far into a match, without the characters that may lead up to them. */
function where(source: string, flags = ''): { literals: string[]; maxBefore: number } | undefined {
  const r = requiredLiterals(source, flags);
  return r && { literals: r.literals, maxBefore: r.maxBefore };
}

/** The printable ASCII characters that may come before the literal in a match. */
function leadOf(source: string, flags = ''): string {
  const lead = requiredLiterals(source, flags)?.lead;
  let out = '';
  for (let c = 32; c < 127; c++) if (lead?.has(c)) out += String.fromCharCode(c);
  return out;
}

describe('required literals of a regex', () => {
  const cases: Array<[string, string, string[] | undefined]> = [
    ['ghp_[A-Za-z0-9]{36}', 'g', ['ghp_']],
    ['(?:AKIA|ASIA)[A-Z0-9]{16}', 'g', ['akia', 'asia']],
    ['xox[bpa]-[0-9]{10}', 'g', ['xoxa-', 'xoxb-', 'xoxp-']],
    ['[Ss]ecret\\s*=\\s*"[^"]{8,}"', 'g', ['secret']],
    ['SECRET', 'gi', ['secret']],
    ['a?b', 'g', ['b']],
    ['(?:foo|ba{1,3}r)baz', 'g', ['baaarbaz', 'baarbaz', 'barbaz', 'foobaz']],
    ['(?:foo|ba+r)baz', 'g', ['baz']],
    ['(?:foo|bar)[0-9]+', 'g', ['bar', 'foo']],
    ['key-[a-f0-9]{32}|token_[a-f0-9]{32}', 'g', ['key-', 'token_']],
    ['(?:password|pwd)(?:=|: )', 'g', ['password: ', 'password=', 'pwd: ', 'pwd=']],
    ['(?<=sk-)[A-Za-z0-9]{20}', 'g', undefined],
    ['[A-Za-z0-9]{40}', 'g', undefined],
    ['x*y*', 'g', undefined],
    ['(?:foo|\\w+)bar?', 'g', ['ba']],
    ['(a)\\1', 'g', ['a']],
  ];
  for (const [source, flags, expected] of cases) {
    it(`/${source}/${flags}`, () => {
      const got = requiredLiterals(source, flags);
      assert.deepEqual(got && [...got.literals].sort(), expected);
    });
  }

  // Random regexes over a small alphabet: every match on random text holds one of the literals.
  const atom: fc.Arbitrary<string> = fc.constantFrom('a', 'b', 'c', 'A', '[ab]', '[^a]', '.', '\\w', '[Bb]', 'ab', 'ca');
  const regexArb: fc.Arbitrary<string> = fc.letrec<{ re: string }>((tie) => ({
    re: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      atom,
      fc.tuple(tie('re'), tie('re')).map(([x, y]) => `${x}${y}`),
      fc.tuple(tie('re'), tie('re')).map(([x, y]) => `(?:${x}|${y})`),
      fc.tuple(tie('re'), fc.constantFrom('?', '*', '+', '{2}', '{1,3}', '{0,2}')).map(([x, q]) => `(?:${x})${q}`),
      tie('re').map((x) => `(?=${x})`),
    ),
  })).re;
  it('handles long repetitions of a literal without spelling them out (a custom rule must not stall the engine)', function () {
    this.timeout(5000); // spelled out, (?:ab){1,5000} took 20 s
    assert.deepEqual(where('x(?:ab){1,5000}y', 'g'), { literals: ['ab'], maxBefore: 1 });
    assert.deepEqual(where('x(?:ab){40,5000}y', 'g'), { literals: ['ab'.repeat(16)], maxBefore: 1 });
    assert.deepEqual(where('(?:ab){3}', 'g'), { literals: ['ababab'], maxBefore: 0 });
    assert.deepEqual(where('A{20,24}[0-9]{60}', 'g'), { literals: ['a'.repeat(20)], maxBefore: 0 });
  });

  it('says how far into a match its literal can start', () => {
    assert.equal(requiredLiterals('ghp_[A-Za-z0-9]{36}')?.maxBefore, 0);
    assert.equal(requiredLiterals('[a-z_]{0,40}(?:secret|token)[a-z]{0,5}=')?.maxBefore, 40);
    assert.deepEqual(where('[0-9]{3}-[a-f]{8}'), { literals: ['-'], maxBefore: 3 });
    assert.deepEqual(where('(?:x|yy)[0-9]{3}-[a-f]{8}'), { literals: ['x', 'yy'], maxBefore: 0 }, 'at the start beats a dash further in');
    assert.deepEqual(where('(?:abcd|cd)e', 'g'), { literals: ['cde'], maxBefore: 2 }, '"cde" stands for "abcde", two characters in');
    assert.equal(requiredLiterals('\\w+key')?.maxBefore, Infinity);
  });

  it('says which characters can come before the literal', () => {
    assert.equal(leadOf('ghp_[A-Za-z0-9]{36}'), '');
    assert.equal(leadOf('(?<![a-z])[a-z_]{0,40}(?:secret|token)[a-z]{0,5}='), '_abcdefghijklmnopqrstuvwxyz');
    assert.equal(leadOf('[0-9]{3}-[a-f]{8}'), '0123456789');
    assert.equal(leadOf('(?:abcd|cd)e', 'g'), 'ABCDEabcde', 'the letters of "abcde", which holds "cde" two in, in either case');
    assert.equal(leadOf('[a-z]{0,3}(?:x|y)\\.(?:foo|bar)'), 'abcdefghijklmnopqrstuvwxyz', 'the letters before "x.foo", "y.bar"…');
  });

  it('every match of a random regex contains one of its literals, no further in than it says', function () {
    this.timeout(60000);
    fc.assert(
      fc.property(regexArb, fc.boolean(), fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', 'B', 'C', 'x', ' '), maxLength: 60 }), (source, icase, text) => {
        const flags = icase ? 'gi' : 'g';
        const required = requiredLiterals(source, flags);
        if (!required) return;
        for (const m of text.matchAll(new RegExp(source, flags))) {
          const found = m[0].toLowerCase();
          // Some occurrence of a literal no further in than maxBefore, with only `lead` characters before it.
          const near = required.literals.some((l) => {
            for (let at = found.indexOf(l); at >= 0 && at <= required.maxBefore; at = found.indexOf(l, at + 1)) {
              if ([...m[0].slice(0, at)].every((ch) => required.lead.has(ch.charCodeAt(0)))) return true;
            }
            return false;
          });
          assert.ok(near, `/${source}/${flags} matched ${JSON.stringify(m[0])}, which holds none of ${JSON.stringify(required.literals)} in reach after lead characters`);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('engine: rules run only near their anchors', () => {
  const { rules } = builtin();
  const engine = new Engine(rules);

  it('finds anchors of two or more characters for all built-in rules but a few', () => {
    // Their matches hold only single characters for certain (`=`, `.`, `:`): they search the whole text.
    const without = engine.rules.filter((r) => r.anchors.length === 0).map((r) => r.spec.id).sort();
    assert.deepEqual(without, [
      'ably-api-key', 'asana-personal-access-token', 'discord-bot-token', 'dotenv-high-entropy-value',
      'kubernetes-secret-manifest-value', 'mailgun-api-key',
    ]);
    assert.ok(engine.rules.every((r) => r.anchors.every((a) => a.length >= 2)));
  });

  it('every positive example of every rule holds one of its anchors', () => {
    for (const rule of engine.rules.filter((r) => r.anchors.length > 0)) {
      for (const [i, example] of rule.spec.examples.positive.entries()) {
        const text = expandFakes(example.text, `anchor-${rule.spec.id}-${i}`).toLowerCase();
        assert.ok(rule.anchors.some((a) => text.includes(a)), `${rule.spec.id} example ${i} holds none of ${JSON.stringify(rule.anchors)}`);
      }
    }
  });

  /** Every rule's candidates and match spans over a text, searched near anchors (or not). */
  function run(text: string, nearAnchors: boolean): string[] {
    const counts = new Int32Array(engine.keywordStats.count);
    const hits = engine.anchorHits();
    engine.countKeywords(text, 0, text.length, counts, 1, hits);
    const present = Uint8Array.from(counts, (c) => (c > 0 ? 1 : 0));
    const out: string[] = [];
    for (const rule of engine.rules) {
      const spans: number[] = [];
      const found: Candidate[] = engine.collect(text, {}, {
        from: 0, to: text.length, limit: text.length, present, spans, rules: [rule], ...(nearAnchors ? { hits } : {}),
      });
      out.push(`${rule.spec.id} ${spans.join(',')} ${found.map((c) => `${c.start}-${c.end}`).join(',')}`);
    }
    return out;
  }

  it('finds exactly what a search of the whole text finds, on random text dense with tokens and anchors', function () {
    this.timeout(120000);
    const tokens = engine.rules.flatMap((r, i) => r.spec.examples.positive.map((e, j) => expandFakes(e.text, `win-${i}-${j}`)));
    const anchors = [...new Set(engine.rules.flatMap((r) => [...r.anchors, ...r.keywords]))];
    const piece = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...tokens) },
      { weight: 3, arbitrary: fc.constantFrom(...anchors) },
      { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom('a', 'Z', '0', '=', ':', '"', ' ', '.', '-', '_', '/', '\n', '\r\n'), maxLength: 20 }) },
      { weight: 3, arbitrary: fc.integer({ min: 200, max: 3000 }).map((n) => 'x'.repeat(n)) },
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        assert.deepEqual(run(text, true), run(text, false));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('engine: search hints worked out at build time', () => {
  it('an engine from rules carrying JSON-round-tripped hints runs each rule exactly as one that works them out', () => {
    const { rules } = builtin();
    const withHints = JSON.parse(JSON.stringify(rules.map((r) => ({ ...r, search: searchHintsOf(r) })))) as typeof rules;
    const a = new Engine(rules).rules;
    const b = new Engine(withHints).rules;
    const view = (r: (typeof a)[number]): unknown => [
      r.spec.id, r.reach, r.anchors, r.anchorReach, r.searchCost, r.anchorLead && [...r.anchorLead], r.pivot && [r.pivot.re.source, r.pivot.minBefore, r.pivot.maxBefore],
    ];
    assert.deepEqual(b.map(view), a.map(view));
    assert.ok(b.some((r) => r.anchors.length > 0 && Number.isFinite(r.anchorReach)));
    assert.ok(b.some((r) => r.anchorLead) && b.some((r) => r.pivot), 'lead characters and pivots survive JSON');
  });
});

describe('engine: custom rules of any shape find what a plain search finds', () => {
  // Random regexes as a user might write them: literals (or not) after guards and bounded runs, punctuation pivots,
  // alternatives, optional parts, lookarounds, case-insensitive or not; the engine works out anchors, lead characters,
  // pivots and windows for each at run time, and must find exactly what a whole-text search of the same rule finds.
  const part = fc.constantFrom(
    '(?:^|[^a-z0-9])', '(?<![a-z])', '\\b', '[a-z0-9_]{0,12}', '[a-z]{2,6}', '[A-Za-z0-9]{4,10}', '(?:key|tok|sec)', 'tok_',
    'ab', '\\.', '-', ':', '[=:]\\s{0,2}', '["\']?', '(?:x|yy)?', '[0-9a-f]{6,12}', '(?=[^a-z0-9]|$)', '[^\\s"]{3,9}',
  );
  const regexArb = fc.array(part, { minLength: 2, maxLength: 7 }).map((p) => `(${p.join('')})`);
  const textPiece = fc.oneof(
    fc.constantFrom('tok_', 'key', 'KEY', 'sec', 'ab', 'AB', 'x', 'yy', '.', '-', ':', '=', ' ', '"', '\n', 'abc123', 'f00dcafe', 'Q9z'),
    fc.string({ unit: fc.constantFrom('a', 'b', '0', '9', 'f', 'K', '_', '.', ':', '-', ' ', '='), maxLength: 14 }),
  );

  it('for random regexes on random text', function () {
    this.timeout(120000);
    let compared = 0;
    fc.assert(
      fc.property(fc.array(regexArb, { minLength: 1, maxLength: 4 }), fc.boolean(), fc.array(textPiece, { maxLength: 80 }), (regexes, icase, parts) => {
        const yaml = ['provider: Fuzz', 'family: saas', 'remediation: { what: w, risk: r, rotate: [x], misuse: m }', 'rules:',
          ...regexes.map((re, i) => `  - id: fuzz-${i}\n    name: F\n    description: D\n    regex: '${icase ? '(?i)' : ''}${re.replace(/'/g, "''")}'\n    entropy: 0\n    examples: { positive: ['x'], negative: ['y'] }`)].join('\n');
        const { rules } = parseRuleFile(yaml, 'fuzz.yaml');
        if (rules.length === 0) return;
        const text = parts.join('');
        const plain = rules.map((r) => ({ ...r, search: { reach: null, anchors: [], anchorReach: null } }));
        const found = (e: Engine): string[] => e.collect(text, {}).map((c) => `${c.rule.spec.id}@${c.start}-${c.end}`).sort();
        const want = found(new Engine(plain));
        compared += want.length;
        assert.deepEqual(found(new Engine(rules)), want, `${regexes.join(' ; ')} on ${JSON.stringify(text)}`);
      }),
      { numRuns: 3000 },
    );
    assert.ok(compared > 500, `only ${compared} matches were compared`);
  });
});

describe('engine: an anchor found everywhere', () => {
  it('keeps only its count past a limit, and the rules that use it search the whole text instead', () => {
    const { rules } = builtin();
    const engine = new Engine(rules);
    const rule = engine.rules.find((r) => r.anchors.includes('sk'));
    assert.ok(rule, 'a rule anchored on "sk"');
    const id = rule.anchorIds[rule.anchors.indexOf('sk')]!;
    const text = `${'sk'.repeat(50000)}\n${rule.spec.examples.positive.map((e, i) => expandFakes(e.text, `sat-${i}`)).join('\n')}\n`;
    const hits = engine.anchorHits();
    hits.reset(1000);
    engine.countKeywords(text, 0, text.length, new Int32Array(engine.keywordStats.count), 1, hits);
    assert.ok(hits.saturated(id));
    assert.ok(hits.count(id) > 1000);
    assert.equal(hits.anyEndIn(id, 0, 1), true, 'a saturated anchor may be anywhere');
    const present = new Uint8Array(engine.keywordStats.count).fill(1);
    const view = (withHits: boolean): string[] =>
      engine.collect(text, {}, { from: 0, to: text.length, limit: text.length, present, spans: [], rules: [rule], ...(withHits ? { hits } : {}) })
        .map((c) => `${c.start}-${c.end}`);
    assert.deepEqual(view(true), view(false));
    assert.ok(view(false).length >= 1, 'the examples are found');
  });
});
