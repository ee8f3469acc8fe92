// Compiles validated rule specs once: the regexes, and what the engine works out from each one (how far it reads
// around a match, which literals every match holds) unless the spec brings it along from the build.
import { pivotOf } from './pivot';
import { regexReach } from './regexReach';
import { requiredLiterals } from './requiredLiterals';
import type { RuleSpec, SearchHints } from './types';
import { VALIDATORS, type Verdict } from './validators';

/** A rule ready to run: regexes compiled once. */
export interface CompiledRule {
  readonly spec: RuleSpec;
  readonly re: RegExp;
  readonly keywords: readonly string[];
  /** Ids of this rule's keywords in the engine's KeywordIndex. */
  keywordIds: number[];
  /** Strings one of which every match contains (lower-cased), so the rule need only run near them. */
  readonly anchors: readonly string[];
  /** How many characters of a match can come before its anchor. */
  readonly anchorReach: number;
  /**
   * Which characters can come before the anchor in a match (1 by ASCII code; index 128 for all above ASCII), when
   * known: a match starts no earlier than the run of them that ends at the anchor.
   */
  readonly anchorLead?: Uint8Array;
  /** Roughly what a plain search of the regex costs per character, against 1 for trying one position on its own. */
  readonly searchCost: number;
  /** The regex, sticky: tried at a position where `skip` found it matches. */
  readonly sticky: RegExp;
  /**
   * Sticky: passes over up to SKIP_SPAN - 1 positions to the first where the regex matches, then stops there (its
   * lastIndex is that position); so a window is searched in one call per SKIP_SPAN positions, not one per position.
   */
  readonly skip: RegExp;
  /** Ids of the anchors in the engine's KeywordIndex. */
  anchorIds: number[];
  /** For a rule without anchors: a global regex every match holds, between minBefore and maxBefore after its start. */
  readonly pivot?: { re: RegExp; minBefore: number; maxBefore: number };
  readonly allow: readonly RegExp[];
  readonly path?: RegExp;
  /** How many characters around a match the rule can read (Infinity when unbounded). */
  readonly reach: number;
  readonly validate?: (secret: string) => Verdict;
}

/** How many positions one call of a rule's `skip` regex tries. */
export const SKIP_SPAN = 32;
/** Fewer positions than this left in a window are tried one by one (a `skip` call would look on past the window). */
export const SKIP_MIN = 8;

/** Compiles validated rule specs once. */
export function compileRules(specs: readonly RuleSpec[]): CompiledRule[] {
  return specs.map((spec) => {
    const validate = spec.validator ? VALIDATORS[spec.validator] : undefined;
    const source = trailingGuardAsLookahead(spec.regex);
    const hints = spec.search ?? searchHintsOf(spec);
    const reach = hints.reach ?? Infinity;
    const anchorReach = hints.anchorReach ?? Infinity;
    return {
      spec,
      re: new RegExp(source, spec.flags),
      sticky: new RegExp(source, `${spec.flags}y`),
      skip: skipRegex(source, spec.flags),
      keywords: spec.keywords,
      keywordIds: [],
      anchors: hints.anchors,
      anchorReach,
      ...(hints.anchorLead ? { anchorLead: leadTable(hints.anchorLead) } : {}),
      searchCost: hints.anchors.length === 0 ? Infinity : searchCost(anchorReach),
      anchorIds: [],
      ...(hints.pivot ? { pivot: { ...hints.pivot, re: new RegExp(hints.pivot.source, `g${spec.flags.includes('i') ? 'i' : ''}`) } } : {}),
      reach,
      allow: spec.allowlist.regexes.map((r) => new RegExp(r, 'i')),
      ...(spec.path ? { path: new RegExp(spec.path, 'i') } : {}),
      ...(validate ? { validate } : {}),
    };
  });
}

/** The anchorLead hint (an ASCII bitmap in 4 words, then whether any character above ASCII is in) as a lookup table. */
function leadTable(lead: readonly number[]): Uint8Array {
  const table = new Uint8Array(129);
  for (let c = 0; c < 128; c++) table[c] = ((lead[c >> 5]! >>> (c & 31)) & 1) === 1 ? 1 : 0;
  table[128] = lead[4] === 0 ? 0 : 1;
  return table;
}

/** A rule's `skip` regex: its own pattern in a lookahead after a lazy run of up to SKIP_SPAN - 1 characters. */
function skipRegex(source: string, flags: string): RegExp {
  return new RegExp(`[\\s\\S]{0,${SKIP_SPAN - 1}}?(?=${source})`, `${flags.replace(/[gd]/g, '')}y`);
}

/** A rule's reach and anchors, from its regex (null for unbounded, so that the hints survive JSON). */
export function searchHintsOf(spec: RuleSpec): SearchHints {
  const reach = regexReach(inlineBackrefs(spec.regex));
  const found = Number.isFinite(reach) ? requiredLiterals(trailingGuardAsLookahead(spec.regex), spec.flags) : undefined;
  // A single character occurs too often to be worth finding and recording.
  const required = found?.literals.every((l) => l.length >= 2) ? found : undefined;
  const finite = (n: number): number | null => (Number.isFinite(n) ? n : null);
  const pivot = Number.isFinite(reach) && !required ? pivotOf(trailingGuardAsLookahead(spec.regex), spec.flags) : undefined;
  return {
    reach: finite(reach), anchors: required?.literals ?? [], anchorReach: finite(Math.min(reach, required?.maxBefore ?? Infinity)),
    ...(required ? { anchorLead: [...required.lead.bits, required.lead.hi === 0 ? 0 : 1] } : {}),
    ...(pivot ? { pivot } : {}),
  };
}

/**
 * What a plain search costs per character of text, in units of one sticky attempt at one position (measured on
 * real code: 0.01 to 0.4, about 0.05 typically). A regex whose literal lies several characters in reads on that far
 * at each position it tries, so its plain search is dearer and windows pay off sooner.
 */
function searchCost(anchorReach: number): number {
  return anchorReach >= 8 ? 0.3 : 0.05;
}

/**
 * A rule's closing guard, such as `(?:[^A-Za-z0-9_]|$)`, checks the character after the secret; written as a plain
 * group it also consumes that character, so a secret on the very next line (whose own opening guard needs the line
 * break) was missed. Turned into a lookahead it checks the same thing without consuming.
 */
export function trailingGuardAsLookahead(source: string): string {
  const m = /\(\?:((?:\\.|\[(?:\\.|[^\]\\])*\]|[^()\\[])*)\)$/.exec(source);
  if (!m || source.endsWith('\\)')) return source;
  return `${source.slice(0, m.index)}(?=${m[1]})`;
}

/**
 * The regex with each numbered back-reference replaced by a copy of the group it repeats: a back-reference matches
 * no more than its group can, so regexReach of the copy bounds the original's (which it cannot measure).
 */
export function inlineBackrefs(source: string): string {
  if (!/\\[1-9]/.test(source)) return source;
  const bodies: string[] = [];
  const open: { from: number; group: number }[] = [];
  const refs: { at: number; end: number; group: number }[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const m = inClass ? null : /^[1-9]\d*/.exec(source.slice(i + 1));
      if (m) refs.push({ at: i, end: i + 1 + m[0].length, group: Number(m[0]) - 1 });
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') inClass = true;
    else if (c === '(') {
      const named = source.startsWith('(?<', i) && source[i + 3] !== '=' && source[i + 3] !== '!';
      if (source[i + 1] !== '?' || named) {
        bodies.push('');
        open.push({ from: named ? source.indexOf('>', i) + 1 : i + 1, group: bodies.length - 1 });
      } else open.push({ from: i, group: -1 });
    } else if (c === ')') {
      const g = open.pop();
      if (g && g.group >= 0) bodies[g.group] = source.slice(g.from, i);
    }
  }
  let out = '';
  let last = 0;
  for (const r of refs) {
    const body = bodies[r.group];
    if (body === undefined || /\\[1-9]/.test(body)) return source;
    out += `${source.slice(last, r.at)}(?:${body})`;
    last = r.end;
  }
  return out + source.slice(last);
}
