// For a rule whose matches hold no literal worth finding (an Ably key is `xxxxxx.yyyyyy:zzzz…`), a cheaper search that
// every match must pass: a single punctuation character at a bounded distance from the match's start, followed by
// what the pattern puts right after it. A regex that starts with one fixed character is searched far faster than one
// that starts with a broad class, and the rule's own regex then runs only just before the places it finds.
import { CharSet, Parser, type Node } from './regexParse';

/** Where a rule's matches can be: `source` matches at a position between minBefore and maxBefore after a match's start. */
export interface Pivot {
  source: string;
  minBefore: number;
  maxBefore: number;
}

/** Characters too common in code to be worth searching for on their own (letters and digits are never chosen). */
const COMMON = new Set([' ', '\t', '\n', '\r', '"', "'", '=', ',', ';', '(', ')']);
/** A pivot must pin down at least this many characters, or it would match nearly wherever its character occurs. */
const MIN_PIVOT_LENGTH = 4;
/** A leading set of at most this many characters (either case of a letter counting twice) needs no pivot. */
const SELECTIVE_LEAD = 10;

/** The pivot of a regex, or undefined when it has no single punctuation character at a bounded distance from its start. */
export function pivotOf(source: string, flags: string): Pivot | undefined {
  let root: Node;
  try {
    root = new Parser(source, flags.includes('i')).parse();
  } catch {
    return undefined;
  }
  const items = flatten(root);
  // A regex whose first character after its guards is one of a few (`[MNO]` of a Discord token) is already searched
  // fast: V8 rejects most positions by that character alone.
  const lead = items.find((n) => !isGuard(n));
  const leadSet = lead?.type === 'set' ? lead.set : lead?.type === 'quant' && lead.body.type === 'set' && lead.min > 0 ? lead.body.set : undefined;
  if (leadSet && leadSet.size() <= SELECTIVE_LEAD) return undefined;
  let minBefore = 0;
  let maxBefore = 0;
  for (let i = 0; i < items.length && Number.isFinite(maxBefore); i++) {
    const item = items[i]!;
    const char = item.type === 'set' ? single(item.set) : undefined;
    if (char !== undefined && !/[A-Za-z0-9]/.test(char) && !COMMON.has(char)) {
      const printed = print(items.slice(i));
      if (printed && printed.length >= MIN_PIVOT_LENGTH) return { source: printed.source, minBefore, maxBefore };
    }
    const [lo, hi] = lengths(item);
    minBefore += lo;
    maxBefore += hi;
  }
  return undefined;
}

/** A lookaround, an anchor, or a choice one of whose branches matches nothing (`(?:^|[^a-z])`): it guards a match. */
function isGuard(n: Node): boolean {
  if (n.type === 'assert' || (n.type === 'group' && n.look)) return true;
  if (n.type === 'group') return isGuard(n.body);
  return n.type === 'alt' && n.alts.some((a) => lengths(a)[0] === 0);
}

/** The top-level sequence, with plain and capturing groups opened (a group only groups, for this purpose). */
function flatten(n: Node): Node[] {
  if (n.type === 'seq') return n.items.flatMap(flatten);
  if (n.type === 'group' && !n.look) return flatten(n.body);
  return [n];
}

/** The shortest and longest text a node can match (Infinity when unbounded or unknown). */
function lengths(n: Node): [number, number] {
  switch (n.type) {
    case 'set':
      return [1, 1];
    case 'seq':
      return n.items.map(lengths).reduce(([a, b], [c, d]) => [a + c, b + d], [0, 0]);
    case 'alt': {
      const all = n.alts.map(lengths);
      return [Math.min(...all.map((l) => l[0])), Math.max(...all.map((l) => l[1]))];
    }
    case 'group':
      return n.look ? [0, 0] : lengths(n.body);
    case 'quant': {
      const [lo, hi] = lengths(n.body);
      return [lo * n.min, n.max === 0 || hi === 0 ? 0 : hi * n.max];
    }
    case 'assert':
      return [0, 0];
    case 'backref':
      return [0, Infinity];
  }
}

/** The one character a set holds (either case of one letter counting as one), if it holds exactly one. */
function single(set: CharSet): string | undefined {
  if (set.hi !== 0) return undefined;
  let found: string | undefined;
  for (let c = 0; c < 128; c++) {
    if (!set.has(c)) continue;
    const ch = String.fromCharCode(c).toLowerCase();
    if (found !== undefined && found !== ch) return undefined;
    found = ch;
  }
  return found;
}

/**
 * The leading run of characters and bounded repetitions of characters among `items`, as a regex that every text they
 * match also matches (a class above ASCII is widened to all of it), with the least length it matches.
 */
function print(items: readonly Node[]): { source: string; length: number } | undefined {
  let source = '';
  let length = 0;
  for (const item of items) {
    if (item.type === 'set') {
      source += printSet(item.set);
      length++;
    } else if (item.type === 'quant' && item.body.type === 'set' && Number.isFinite(item.max)) {
      source += `${printSet(item.body.set)}{${item.min},${item.max}}`;
      length += item.min;
    } else break;
  }
  return source === '' ? undefined : { source, length };
}

function printSet(set: CharSet): string {
  const hex = (c: number): string => `\\x${c.toString(16).padStart(2, '0')}`;
  const one = single(set);
  if (one !== undefined && !/[a-z]/.test(one)) return hex(one.charCodeAt(0));
  let out = '';
  for (let c = 0; c < 128; c++) {
    if (!set.has(c)) continue;
    let end = c;
    while (end + 1 < 128 && set.has(end + 1)) end++;
    out += end === c ? hex(c) : `${hex(c)}-${hex(end)}`;
    c = end;
  }
  if (set.hi !== 0) out += '\\u0080-\\uffff';
  return `[${out}]`;
}
