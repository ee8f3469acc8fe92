// Which literal strings every match of a regex must contain, and how far into the match at most: the engine runs a
// rule only just before where one of them occurs instead of over the whole text (a rule for `ghp_` tokens has nothing
// to do on a line without `ghp_`).
import { CharSet, Parser, type Node } from './regexParse';

/** Strings one of which every match of a regex contains (lower-cased), and where. */
export interface RequiredLiterals {
  literals: string[];
  /** The most characters of a match that can come before the literal (Infinity when unbounded). */
  maxBefore: number;
  /** Every character that can come before the literal in a match: a match starts no earlier than a run of them does. */
  lead: CharSet;
}

/** A requirement inside a node: one of `strings`, at most `before` characters after the node's start. */
interface Requirement {
  strings: string[];
  before: number;
  /** The characters that can come between the node's start and the string. */
  lead: CharSet;
}

/** What is known of the strings a node matches, lower-cased. */
interface Info {
  /** Every string the node can match, when there are few; undefined when unknown or too many. */
  exact?: string[];
  /** A requirement every match meets; undefined when nothing is certain. */
  required?: Requirement;
  /** The longest match (Infinity when unbounded). */
  max: number;
  /** Every character the node can match. */
  chars: CharSet;
}

const MAX_EXACT = 16;
const MAX_CLASS = 4;
const EMPTY: Info = { exact: [''], max: 0, chars: new CharSet() };

/**
 * Lower-cased strings one of which (compared case-insensitively) occurs in every match of the regex, with how far
 * into the match; undefined when the analysis finds none. Lookarounds are not part of a match: they add nothing.
 */
export function requiredLiterals(source: string, flags = ''): RequiredLiterals | undefined {
  let info: Info;
  try {
    info = analyse(new Parser(source, flags.includes('i')).parse());
  } catch {
    return undefined; // e.g. nesting too deep for the stack: the rule then searches the whole text
  }
  const found = info.required ?? requirementOf(info.exact, 0, new CharSet());
  if (!found || found.strings.length === 0) return undefined;
  return { literals: found.strings, maxBefore: found.before, lead: found.lead };
}

function analyse(n: Node): Info {
  switch (n.type) {
    case 'set': {
      const chars = n.set;
      if (n.set.size() > 2 * MAX_CLASS) return { max: 1, chars };
      const folded = new Set<string>();
      for (let c = 0; c < 128; c++) {
        if (!n.set.has(c)) continue;
        folded.add(String.fromCharCode(c).toLowerCase());
        if (folded.size > MAX_CLASS) return { max: 1, chars };
      }
      return { exact: [...folded], max: 1, chars };
    }
    case 'assert':
      return EMPTY;
    case 'backref':
      return { max: Infinity, chars: CharSet.any() };
    case 'group':
      return n.look ? EMPTY : analyse(n.body);
    case 'alt':
      return alternation(n.alts.map(analyse));
    case 'seq':
      return sequence(n.items.map(analyse));
    case 'quant':
      return repeat(analyse(n.body), n.min, n.max);
  }
}

function alternation(infos: readonly Info[]): Info {
  const out: Info = { max: Math.max(0, ...infos.map((i) => i.max)), chars: union(infos.map((i) => i.chars)) };
  if (infos.every((i) => i.exact)) {
    const all = unique(infos.flatMap((i) => i.exact!));
    if (all.length <= MAX_EXACT) out.exact = all;
  }
  const each = infos.map((i) => i.required ?? requirementOf(i.exact, 0, new CharSet()));
  if (each.every((r) => r !== undefined)) {
    out.required = minimal(each.flatMap((r) => r!.strings), Math.max(...each.map((r) => r!.before)), union(each.map((r) => r!.lead)));
  }
  return out;
}

function sequence(infos: readonly Info[]): Info {
  const candidates: Requirement[] = [];
  let run: string[] | undefined = [''];
  let runStart = 0;
  let offset = 0;
  let whole = true;
  // The characters of the items before the current one, and before the current run of exact items.
  const before = new CharSet();
  let beforeRun = new CharSet();
  for (const info of infos) {
    if (info.exact && run && run.length * info.exact.length <= MAX_EXACT) {
      run = unique(run.flatMap((a) => info.exact!.map((b) => a + b)));
      offset += info.max;
      before.addAll(info.chars);
      continue;
    }
    whole = false;
    const closed = requirementOf(run, runStart, beforeRun);
    if (closed) candidates.push(closed);
    if (info.required) {
      candidates.push({ strings: info.required.strings, before: offset + info.required.before, lead: union([before, info.required.lead]) });
    }
    run = info.exact ?? [''];
    runStart = info.exact ? offset : offset + info.max;
    beforeRun = union(info.exact ? [before] : [before, info.chars]);
    offset += info.max;
    before.addAll(info.chars);
  }
  const closed = requirementOf(run, runStart, beforeRun);
  if (closed) candidates.push(closed);
  const out: Info = { max: offset, chars: before };
  if (whole && run) out.exact = run;
  const best = candidates.sort(compare)[0];
  if (best) out.required = best;
  return out;
}

function repeat(body: Info, min: number, max: number): Info {
  if (max === 0) return EMPTY;
  const chars = body.chars;
  const longest = body.max === 0 ? 0 : body.max * max;
  // Spelled out only for a few repetitions: more make long strings for nothing (and `(?:ab){1,5000}` would take ages).
  if (body.exact && max <= MAX_EXACT) {
    let strings: string[] = [''];
    let all = min === 0 ? [''] : [];
    for (let k = 1; k <= max; k++) {
      strings = unique(strings.flatMap((a) => body.exact!.map((b) => a + b)));
      if (strings.length > MAX_EXACT) break;
      if (k >= min) all = unique([...all, ...strings]);
      if (k === max) {
        const required = requirementOf(all, 0, new CharSet());
        return { ...(all.length <= MAX_EXACT ? { exact: all } : {}), ...(required ? { required } : {}), max: longest, chars };
      }
    }
  }
  if (min === 0) return { max: longest, chars };
  // One string repeated at least `min` times starts with that many copies (up to 32 characters of them).
  const unit = body.exact?.length === 1 ? body.exact[0]! : '';
  if (unit !== '') {
    const copies = Math.max(1, Math.min(min, Math.floor(32 / unit.length)));
    return { required: { strings: [unit.repeat(copies)], before: 0, lead: new CharSet() }, max: longest, chars };
  }
  // The first repetition holds the requirement: no more than its own `before` into the whole.
  const required = body.required ?? requirementOf(body.exact, 0, new CharSet());
  return required ? { required, max: longest, chars } : { max: longest, chars };
}

/**
 * A set of exact strings starting `before` characters in, after characters of `lead`, as a requirement: none when
 * one of them is empty.
 */
function requirementOf(exact: readonly string[] | undefined, before: number, lead: CharSet): Requirement | undefined {
  if (!exact || exact.length === 0 || exact.some((s) => s === '')) return undefined;
  return minimal(exact, before, lead);
}

/**
 * Drops each string that contains another of the set (a match holding the longer one holds the shorter), moving
 * `before` on by how far into a dropped string the one kept for it can start.
 */
function minimal(strings: readonly string[], before: number, lead: CharSet): Requirement {
  const u = unique(strings);
  let slack = 0;
  const kept = u.filter((s) => {
    let latest = -1;
    for (const t of u) if (t !== s && s.includes(t)) latest = Math.max(latest, s.lastIndexOf(t));
    slack = Math.max(slack, latest);
    return latest < 0;
  });
  // A kept string inside a dropped one comes after the dropped one's first characters, in either case.
  const leads = new CharSet().addAll(lead);
  if (slack > 0) for (const s of u) for (const ch of s) for (const c of [ch.toLowerCase(), ch.toUpperCase()]) leads.add(c.charCodeAt(0));
  return { strings: kept, before: before + slack, lead: leads };
}

function union(sets: readonly CharSet[]): CharSet {
  const out = new CharSet();
  for (const set of sets) out.addAll(set);
  return out;
}

/** Words so common in code that they occur far more often than their length suggests. */
const COMMON = new Set([
  'key', 'keys', 'token', 'secret', 'pass', 'password', 'pwd', 'auth', 'name', 'value', 'id', 'data', 'type', 'user',
  'api', 'http', 'https', 'http://', 'https://', 'url', 'host', 'server', 'client', 'access', 'page', 'app', 'line',
  'bot', 'test', 'config', 'string', 'return', 'function', 'const', 'this', 'import', 'export', 'default', 'error',
]);

/**
 * Better requirements first: the fewest positions to try, estimated as how often the strings occur (a common word
 * once in 64 characters, another string by chance: a first character one in four, each next one in eight) times
 * the positions tried before each occurrence.
 */
function compare(a: Requirement, b: Requirement): number {
  const often = (s: string): number => (COMMON.has(s) ? 1 / 64 : 2 * 8 ** -s.length);
  const cost = (r: Requirement): number => r.strings.reduce((sum, s) => sum + often(s), 0) * (r.before + 1);
  const single = (r: Requirement): number => (r.strings.some((x) => x.length < 2) ? 1 : 0);
  return single(a) - single(b) || cost(a) - cost(b) || a.strings.length - b.strings.length;
}

function unique(strings: readonly string[]): string[] {
  return [...new Set(strings)];
}
