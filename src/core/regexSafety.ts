// Rejects rule regexes that could make matching take super-linear time (catastrophic backtracking), so a custom rule
// can never hang the editor: a static look at the pattern's structure, then a timed probe on adversarial inputs.

import { CharSet, first, nullable, Parser, type Node } from './regexParse';

/** Every character a match of the node can consume. */
function chars(n: Node): CharSet {
  const out = new CharSet();
  switch (n.type) {
    case 'set':
      return out.addAll(n.set);
    case 'seq':
      for (const item of n.items) out.addAll(chars(item));
      return out;
    case 'alt':
      for (const a of n.alts) out.addAll(chars(a));
      return out;
    case 'group':
      return n.look ? out : chars(n.body);
    case 'quant':
      return n.max === 0 ? out : chars(n.body);
    case 'assert':
      return out;
    case 'backref':
      return CharSet.any();
  }
}

/** A short string the node matches (lookarounds and assertions match nothing), for probe inputs. */
function sample(n: Node): string {
  switch (n.type) {
    case 'set':
      return n.set.samples(1)[0] ?? '';
    case 'seq':
      return n.items.map(sample).join('');
    case 'alt':
      return sample(n.alts[0]!);
    case 'group':
      return n.look ? '' : sample(n.body);
    case 'quant':
      return sample(n.body).repeat(Math.min(Math.max(n.min, 1), 3));
    case 'assert':
    case 'backref':
      return '';
  }
}

/** The leading single characters of an alternative, as far as each is a plain character set. */
function prefixSets(n: Node): CharSet[] {
  if (n.type === 'set') return [n.set];
  if (n.type === 'group' && !n.look) return prefixSets(n.body);
  if (n.type !== 'seq') return [];
  const out: CharSet[] = [];
  for (const item of n.items) {
    if (item.type === 'set') out.push(item.set);
    else if (item.type === 'quant' && item.min === item.max && item.body.type === 'set') {
      for (let k = 0; k < Math.min(item.min, 8); k++) out.push(item.body.set);
    } else break;
  }
  return out;
}

/** True when two alternatives can both match at the same place, so a repeated group has to try both. */
function alternativesOverlap(a: Node, b: Node): boolean {
  const pa = prefixSets(a);
  const pb = prefixSets(b);
  const common = Math.min(pa.length, pb.length);
  for (let k = 0; k < common; k++) if (!pa[k]!.intersects(pb[k]!)) return false;
  if (common > 0) return true;
  return first(a).intersects(first(b)) || nullable(a) || nullable(b);
}

/** Repetition that can make backtracking blow up: unbounded, or with a wide range. */
function isWide(q: { min: number; max: number }): boolean {
  return q.max === Infinity || q.max - q.min > 10;
}

function isUnbounded(n: Node): CharSet | undefined {
  if (n.type === 'quant' && n.max >= 1000) return chars(n.body);
  if (n.type === 'group' && !n.look) return isUnbounded(n.body);
  if (n.type === 'seq' && n.items.length === 1) return isUnbounded(n.items[0]!);
  return undefined;
}

type Parent = { node: Node; index: number };

/** Walks the tree with the chain of ancestors; returns the first reason found. */
function findRisk(root: Node, source: string): string | undefined {
  const describe = (what: string): string => `${what} in /${source.length > 60 ? `${source.slice(0, 57)}...` : source}/`;
  const visit = (n: Node, parents: Parent[]): string | undefined => {
    if (n.type === 'quant' && n.min !== n.max) {
      const outer = nearestRepeat(parents);
      if (outer && (isWide(outer.quant) || isWide(n))) {
        const follow = followSet(parents, outer.depth);
        if (chars(n.body).intersects(follow) || nullable(n.body)) {
          return describe('a repeated group holds a quantifier that can match the same text in more than one way (nested quantifiers, like (a+)+)');
        }
      }
    }
    if (n.type === 'alt') {
      const outer = nearestRepeat(parents);
      if (outer && isWide(outer.quant)) {
        for (let x = 0; x < n.alts.length; x++) {
          for (let y = x + 1; y < n.alts.length; y++) {
            if (alternativesOverlap(n.alts[x]!, n.alts[y]!)) {
              return describe('a repeated group has alternatives that can match the same text (like (a|ab)*)');
            }
          }
        }
      }
    }
    if (n.type === 'seq') {
      for (let x = 0; x < n.items.length; x++) {
        const s1 = isUnbounded(n.items[x]!);
        if (!s1) continue;
        for (let y = x + 1; y < n.items.length; y++) {
          const item = n.items[y]!;
          const s2 = isUnbounded(item);
          if (s2 && s2.intersects(s1)) {
            return describe('two unbounded quantifiers in a row can split the same text many ways (like .*.*)');
          }
          if (!chars(item).subsetOf(s1) || item.type === 'backref') break;
        }
      }
    }
    const kids: Node[] =
      n.type === 'seq' ? n.items : n.type === 'alt' ? n.alts : n.type === 'group' || n.type === 'quant' ? [n.body] : [];
    for (let k = 0; k < kids.length; k++) {
      const r = visit(kids[k]!, [...parents, { node: n, index: k }]);
      if (r) return r;
    }
    return undefined;
  };
  return visit(root, []);
}

/** The closest enclosing quantifier that repeats (max > 1), and its depth in the ancestor chain. */
function nearestRepeat(parents: readonly Parent[]): { quant: { min: number; max: number }; depth: number } | undefined {
  for (let d = parents.length - 1; d >= 0; d--) {
    const p = parents[d]!.node;
    if (p.type === 'group' && p.look) return undefined;
    if (p.type === 'quant' && p.max > 1) return { quant: p, depth: d };
  }
  return undefined;
}

/** What can come right after the node at the end of `parents`, up to (and wrapping around) the repeat at `stop`. */
function followSet(parents: readonly Parent[], stop: number): CharSet {
  const out = new CharSet();
  for (let d = parents.length - 1; d >= stop; d--) {
    const { node, index } = parents[d]!;
    if (node.type === 'seq') {
      let allNullable = true;
      for (const item of node.items.slice(index + 1)) {
        out.addAll(first(item));
        if (!nullable(item)) {
          allNullable = false;
          break;
        }
      }
      if (!allNullable) return out;
    } else if (node.type === 'quant' && node.max > 1) {
      out.addAll(first(node.body));
      if (d === stop) return out;
    }
  }
  return out;
}

/** The longest one probe run may take before the pattern is judged too slow. */
export const PROBE_LIMIT_MS = 50;
/** The whole probe of one pattern stops after this long (what it has seen by then decides). */
const PROBE_TOTAL_MS = 1000;

/** The inputs the probe grows: repeated characters and fragments the pattern accepts, each ending in a mismatch. */
function probePumps(root: Node): string[] {
  const pumps = new Set<string>(['a', 'aA0']);
  const walk = (n: Node): void => {
    if (n.type === 'quant') {
      for (const ch of chars(n.body).samples(3)) pumps.add(ch);
      const s = sample(n.body);
      if (s) pumps.add(s);
      walk(n.body);
    } else if (n.type === 'seq') n.items.forEach(walk);
    else if (n.type === 'alt') {
      n.alts.forEach(walk);
      for (const a of n.alts) if (sample(a)) pumps.add(sample(a));
    } else if (n.type === 'group') walk(n.body);
  };
  walk(root);
  const whole = sample(root);
  if (whole) pumps.add(whole);
  const all = chars(root).samples(24).join('');
  if (all) pumps.add(all);
  return [...pumps].slice(0, 12);
}

function timeRegex(re: RegExp, input: string, budgetMs: number): number {
  const t0 = performance.now();
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(input)) !== null) {
    if (m[0].length === 0) re.lastIndex++;
    if (performance.now() - t0 > budgetMs) break;
  }
  return performance.now() - t0;
}

/**
 * Runs the regex over growing adversarial inputs (up to 20 000 characters), stopping as soon as one run takes over
 * PROBE_LIMIT_MS. The inputs grow gently while runs are slow, so an exponential pattern is caught before it can stall.
 * Returns the slowest time and the input length it was seen at.
 */
function probeRegex(re: RegExp, root: Node): { ms: number; length: number; pump: string } {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  const started = performance.now();
  let worst = { ms: 0, length: 0, pump: '' };
  for (const pump of probePumps(root)) {
    for (const end of ['!', '\n']) {
      let reps = Math.max(1, Math.floor(8 / pump.length));
      for (;;) {
        if (performance.now() - started > PROBE_TOTAL_MS) return worst;
        const input = pump.repeat(reps) + end;
        let ms = timeRegex(g, input, PROBE_LIMIT_MS * 4);
        if (ms > PROBE_LIMIT_MS) ms = Math.min(ms, timeRegex(g, input, PROBE_LIMIT_MS * 4)); // a busy machine, not the pattern?
        if (ms > worst.ms) worst = { ms, length: input.length, pump };
        if (ms > PROBE_LIMIT_MS) return worst;
        if (input.length >= 20000) break;
        // Grow gently while short (an exponential blow-up shows by ~30 characters) or once runs take over 1 ms.
        const next = input.length < 256 || ms >= 1 ? Math.ceil(reps * 1.125) + 1 : reps * 2;
        reps = Math.min(next, Math.ceil(20000 / pump.length));
      }
    }
  }
  return worst;
}

/**
 * Why a regex (JavaScript syntax, with an optional leading `(?i)`) risks catastrophic backtracking, or undefined when
 * it looks safe: back-references, nested or overlapping quantifiers, overlapping alternatives in a repeated group,
 * unbounded quantifiers in a row; then a timed probe on adversarial inputs (over 50 ms on any input rejects it).
 */
export function checkRegexSafety(source: string, flags = ''): string | undefined {
  let body = source;
  let f = flags;
  if (body.startsWith('(?i)')) {
    body = body.slice(4);
    if (!f.includes('i')) f += 'i';
  }
  let re: RegExp;
  try {
    re = new RegExp(body, f.replace(/[gyd]/g, ''));
  } catch (e) {
    return `does not compile: ${(e as Error).message}`;
  }
  const parser = new Parser(body, f.includes('i'));
  const root = parser.parse();
  if (parser.backrefs.length > 0) {
    return `uses a back-reference (${parser.backrefs[0]}), which can make matching take exponential time; match the alternatives explicitly instead`;
  }
  const risk = findRisk(root, body);
  if (risk) return `risks catastrophic backtracking: ${risk}`;
  const probe = probeRegex(re, root);
  if (probe.ms > PROBE_LIMIT_MS) {
    return `is too slow: ${Math.round(probe.ms)} ms on ${probe.length} characters of ${JSON.stringify(probe.pump.slice(0, 20))}… (limit ${PROBE_LIMIT_MS} ms); bound its quantifiers, e.g. {1,200} instead of + or *`;
  }
  return undefined;
}

/** The static part of checkRegexSafety only (no timing), for bulk checks such as the built-in rule set. */
export function checkRegexStructure(source: string, flags = ''): string | undefined {
  let body = source;
  let f = flags;
  if (body.startsWith('(?i)')) {
    body = body.slice(4);
    f += 'i';
  }
  const parser = new Parser(body, f.includes('i'));
  const root = parser.parse();
  if (parser.backrefs.length > 0) return `uses a back-reference (${parser.backrefs[0]})`;
  return findRisk(root, body);
}
