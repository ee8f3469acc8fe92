import { shannonEntropy } from './entropy';
import { LineMap } from './lines';
import { maskSecret } from './mask';
import { compileRules, SKIP_MIN, SKIP_SPAN, type CompiledRule } from './compile';
import { KeywordHits, KeywordIndex, keptHits } from './keywordIndex';
import { isPlaceholder } from './placeholders';
import { sha256Hex } from './sha256';
import { isInlineAllowed } from './suppress';
import { type Confidence, type DetectOptions, type Finding, type RuleSpec } from './types';
import { anchorWindows, pivotWindows, WindowScratch } from './windows';

/** A match that passed a rule's own checks, before overlaps are resolved. */
export interface Candidate {
  rule: CompiledRule;
  fingerprint?: string;
  start: number;
  end: number;
  secret: string;
  entropy: number;
  confidence: Confidence;
}

const CONFIDENCE_RANK: Readonly<Record<Confidence, number>> = { high: 3, medium: 2, low: 1 };

/** Part of a text for collect(): matches starting in [from, to), read with the text up to `limit`. */
export interface CollectScope {
  from: number;
  to: number;
  limit: number;
  /** Which keywords (by KeywordIndex id) the whole text holds, instead of scanning it. */
  present: Uint8Array;
  /** Receives start and end of every regex match of every rule run, before any check (empty ones as one character). */
  spans: number[];
  /** Where the rules' anchors occur in the whole text: rules then run only near them. */
  hits?: KeywordHits;
  /** The rules to run (default: all). */
  rules?: readonly CompiledRule[];
}

/** A time budget for rules (for user-written rules): a rule that runs longer on one text is switched off. */
export interface EngineBudget {
  /** Milliseconds one rule may take on one text, plus `perMegabyteMs` for each MB of text. */
  ruleMs?: number;
  perMegabyteMs?: number;
  /** Told once when a rule is switched off. */
  onSlowRule?: (rule: RuleSpec, ms: number, textLength: number) => void;
}

/** The detection engine: a compiled rule set and the detect() function over strings. */
export class Engine {
  readonly rules: readonly CompiledRule[];
  private readonly byId: ReadonlyMap<string, CompiledRule>;
  private readonly keywordIndex: KeywordIndex;
  /** 1 for each KeywordIndex id that is some rule's anchor. */
  private readonly anchorFlags: Uint8Array;
  private readonly tripped = new Set<string>();
  /** Indexes of the rules without keywords, and of the rules that have each keyword (by KeywordIndex id). */
  private readonly unkeyed: number[] = [];
  private readonly byKeyword: number[][] = [];
  /** Where anchors occur in the text being scanned by collect() (reused from text to text). */
  private readonly hits: KeywordHits;
  /** Set while a collect() uses `hits`, `present` and `found`: a nested one (from a callback) gets its own. */
  private hitsInUse = false;
  /** Which keywords the text being scanned holds (1 by KeywordIndex id), and their ids: cleared after each text. */
  private readonly present: Uint8Array;
  private readonly found: number[] = [];
  /** Scratch space for rulesFor(), all 0 between calls. */
  private readonly wanted: Uint8Array;
  /** Scratch space for anchorWindows(). */
  private readonly scratch = new WindowScratch();

  constructor(
    specs: readonly RuleSpec[],
    private readonly budget: EngineBudget = {},
  ) {
    this.rules = compileRules(specs);
    this.byId = new Map(this.rules.map((r) => [r.spec.id, r]));
    const ids = new Map<string, number>();
    const idOf = (k: string): number => {
      let id = ids.get(k);
      if (id === undefined) ids.set(k, (id = ids.size));
      return id;
    };
    for (const rule of this.rules) rule.keywordIds = rule.keywords.map(idOf);
    for (const rule of this.rules) rule.anchorIds = rule.anchors.map(idOf);
    this.rules.forEach((rule, i) => {
      if (rule.keywordIds.length === 0) this.unkeyed.push(i);
      for (const k of rule.keywordIds) (this.byKeyword[k] ??= []).push(i);
    });
    this.keywordIndex = new KeywordIndex([...ids.keys()]);
    this.anchorFlags = new Uint8Array(ids.size);
    for (const rule of this.rules) for (const id of rule.anchorIds) this.anchorFlags[id] = 1;
    this.hits = new KeywordHits(this.anchorFlags);
    this.present = new Uint8Array(ids.size);
    this.wanted = new Uint8Array(this.rules.length);
  }

  /**
   * The rules, in order, that have no keywords or one of whose keywords is present (`found` lists the present ones,
   * when known, so that the thousand keywords need not be looked at one by one).
   */
  private rulesFor(present: Uint8Array, found?: readonly number[]): CompiledRule[] {
    const wanted = this.wanted;
    let lo = this.rules.length;
    let hi = -1;
    const want = (i: number): void => {
      wanted[i] = 1;
      if (i < lo) lo = i;
      if (i > hi) hi = i;
    };
    for (const i of this.unkeyed) want(i);
    if (found) for (const k of found) for (const i of this.byKeyword[k] ?? []) want(i);
    else for (let k = 0; k < present.length; k++) if (present[k] === 1) for (const i of this.byKeyword[k] ?? []) want(i);
    const out: CompiledRule[] = [];
    for (let i = lo; i <= hi; i++) {
      if (wanted[i] !== 1) continue;
      wanted[i] = 0;
      out.push(this.rules[i]!);
    }
    return out;
  }

  /** Ids of rules switched off for running over their time budget. */
  get slowRules(): ReadonlySet<string> {
    return this.tripped;
  }

  /** The rule with this id, if any. */
  rule(id: string): RuleSpec | undefined {
    return this.byId.get(id)?.spec;
  }

  /** Finds the secrets in a text. Pure: strings in, plain objects out. */
  detect(text: string, options: DetectOptions = {}): Finding[] {
    const kept = this.resolve(this.collect(text, options), options);
    const lines = kept.length > 0 ? new LineMap(text) : undefined;
    return kept.map((c) => this.toFinding(c, 0, lines!));
  }

  /** Adds `sign` to counts[k] for each occurrence of keyword k (by KeywordIndex id) wholly inside text[from, to). */
  countKeywords(text: string, from: number, to: number, counts: Int32Array, sign: number, hits?: KeywordHits): void {
    this.keywordIndex.count(text, from, to, counts, sign, hits);
  }

  /** A record for countKeywords() of where the rules' anchors occur. */
  anchorHits(): KeywordHits {
    return new KeywordHits(this.anchorFlags);
  }

  /** How many distinct keywords the rules have, and the longest one's length. */
  get keywordStats(): { count: number; longest: number } {
    return { count: this.keywordIndex.keywords.length, longest: this.keywordIndex.longest };
  }

  /**
   * Every candidate match in a text, before overlaps are resolved (offsets relative to `text`); with a scope, only the
   * matches that start in part of it, as a scan of the whole text would find them once its search reached `from`.
   */
  collect(text: string, options: DetectOptions, scope?: CollectScope): Candidate[] {
    if (scope) return this.collectWith(text, options, scope.present, scope.hits, scope);
    // The shared record of anchors, unless a callback (onSlowRule) scans again while an outer scan uses it.
    const shared = !this.hitsInUse;
    const hits = shared ? this.hits : new KeywordHits(this.anchorFlags);
    hits.reset(keptHits(text.length));
    const present = shared ? this.present : new Uint8Array(this.keywordIndex.keywords.length);
    const found = shared ? this.found : [];
    this.keywordIndex.scan(text, present, hits, found);
    this.hitsInUse = true;
    try {
      return this.collectWith(text, options, present, hits, undefined, found);
    } finally {
      for (const k of found) present[k] = 0;
      found.length = 0;
      if (shared) this.hitsInUse = false;
    }
  }

  private collectWith(
    text: string, options: DetectOptions, present: Uint8Array, hits: KeywordHits | undefined, scope?: CollectScope, found?: readonly number[],
  ): Candidate[] {
    const candidates: Candidate[] = [];
    // rulesFor() already left out the rules whose keywords are absent; a scope's own list is checked here.
    const given = scope?.rules;
    for (const rule of given ?? this.rulesFor(present, found)) {
      if (given && rule.keywordIds.length > 0 && !rule.keywordIds.some((k) => present[k] === 1)) continue;
      if (options.disabledRules?.has(rule.spec.id)) continue;
      if (rule.path && (options.path === undefined || !rule.path.test(options.path))) continue;
      if (this.tripped.has(rule.spec.id)) continue;
      if (this.budget.ruleMs === undefined) {
        this.runRule(rule, text, options, candidates, scope, hits);
        continue;
      }
      const t0 = performance.now();
      this.runRule(rule, text, options, candidates, scope, hits);
      const ms = performance.now() - t0;
      if (ms > this.budget.ruleMs + (this.budget.perMegabyteMs ?? 20) * (text.length / 1048576)) {
        this.tripped.add(rule.spec.id);
        this.budget.onSlowRule?.(rule.spec, ms, text.length);
      }
    }
    return candidates;
  }

  /**
   * Runs one rule over the text, only (it is assumed) because its keywords are present or it has none. With the
   * anchors' positions, only where a match can start near one: the matches are those of a search over the whole
   * range, since a match holds an anchor and a search that finds none between two windows carries on unchanged.
   */
  runRule(rule: CompiledRule, text: string, options: DetectOptions, out: Candidate[], scope?: CollectScope, hits?: KeywordHits): void {
    const from = scope?.from ?? 0;
    const to = scope?.to ?? Infinity;
    const limit = scope?.limit ?? text.length;
    const line: LineVerdict = { start: -1, end: -1, allowed: false };
    const stop = Math.min(to, text.length + 1);
    const windows = rule.pivot
      ? pivotWindows(rule.pivot, text, from, stop, limit)
      : hits?.usable ? anchorWindows(rule, hits, from, stop, text, this.scratch) : undefined;
    if (!windows) {
      this.search(rule, text, options, out, scope, from, to, limit, line);
      return;
    }
    const re = rule.sticky;
    const skip = rule.skip;
    const group = rule.spec.secretGroup;
    // A match starting in a window reads no further than `reach` past it: the text need not be cut per window.
    const subject = limit < text.length ? text.slice(0, limit) : text;
    let pos = from;
    for (let w = 0; w < windows.length; w += 2) {
      const hi = windows[w + 1]!;
      let at = Math.max(windows[w]!, pos);
      while (at <= hi) {
        let start = at;
        if (hi - at >= SKIP_MIN) {
          // The first position from `at` on where the rule matches, found by one call instead of one per position.
          skip.lastIndex = at;
          if (!skip.test(subject)) {
            at += SKIP_SPAN;
            continue;
          }
          start = skip.lastIndex;
          if (start > hi) break;
        }
        re.lastIndex = start;
        const m = re.exec(subject);
        if (m === null) {
          at++;
          continue;
        }
        this.take(rule, text, options, out, scope, m, group, line);
        at = m[0].length === 0 ? start + 1 : re.lastIndex;
        pos = at;
      }
    }
  }

  /** One regex match: its span recorded for a scope, its secret checked and kept as a candidate. */
  private take(
    rule: CompiledRule, text: string, options: DetectOptions, out: Candidate[], scope: CollectScope | undefined,
    m: RegExpExecArray, group: number, line: LineVerdict,
  ): void {
    if (scope) {
      const g = m.indices?.[group]; // a secret captured inside a lookaround may lie outside the match
      scope.spans.push(Math.min(m.index, g?.[0] ?? m.index), Math.max(m.index + Math.max(1, m[0].length), g?.[1] ?? 0));
    }
    if (m[0].length === 0) return;
    const span = m.indices?.[group];
    const secret = m[group];
    if (!span || secret === undefined || secret.length === 0) return;
    const candidate = this.check(rule, text, m[0], secret, span[0], span[1], options, line);
    if (candidate) out.push(candidate);
  }

  /** The rule's regex over matches starting in [start, stop), reading the text up to `limit`. */
  private search(
    rule: CompiledRule, text: string, options: DetectOptions, out: Candidate[], scope: CollectScope | undefined,
    start: number, stop: number, limit: number, line: LineVerdict,
  ): void {
    const re = rule.re;
    re.lastIndex = start;
    const subject = limit < text.length ? text.slice(0, limit) : text;
    const group = rule.spec.secretGroup;
    let m: RegExpExecArray | null;
    while ((m = re.exec(subject)) !== null) {
      if (m.index >= stop) break;
      this.take(rule, text, options, out, scope, m, group, line);
      if (m[0].length === 0) re.lastIndex++;
    }
  }

  private check(
    rule: CompiledRule, text: string, match: string, secret: string, start: number, end: number,
    options: DetectOptions, line: LineVerdict,
  ): Candidate | undefined {
    const spec = rule.spec;
    const entropy = shannonEntropy(secret);
    if (entropy < spec.entropy) return undefined;
    if (isPlaceholder(secret, entropy)) return undefined;
    const secretLower = secret.toLowerCase();
    if (spec.allowlist.stopwords.some((w) => secretLower.includes(w))) return undefined;
    if (rule.allow.some((re) => re.test(secret) || re.test(match))) return undefined;
    if (isEscapedPlaceholder(secret, rule)) return undefined;
    let confidence = spec.confidence;
    if (rule.validate) {
      const verdict = rule.validate(secret);
      if (verdict === 'invalid') return undefined;
      if (verdict === 'valid') confidence = 'high';
      if (verdict === 'malformed') confidence = 'low';
    }
    if (this.isFingerprint(text, start, end)) return undefined;
    if (options.inlineAllow !== false && inlineAllowed(text, start, end, line)) return undefined;
    return { rule, start, end, secret, entropy, confidence };
  }

  /**
   * True when the match is the hash part of one of our own fingerprints (`rule-id:` and 24 hex digits), as ignore
   * files, baselines and reports hold them: a digest of a secret, not a secret.
   */
  private isFingerprint(text: string, start: number, end: number): boolean {
    if (text.charCodeAt(start - 1) !== 58 /* : */) return false;
    let from = start;
    while (from < end && /[0-9a-f]/.test(text[from]!)) from++;
    if (from !== end || end - start > FINGERPRINT_HEX) return false;
    // The hash may be cut short by what the rule matched; it must run on to 24 digits in the text.
    let hexEnd = end;
    while (hexEnd < text.length && /[0-9a-f]/.test(text[hexEnd]!)) hexEnd++;
    let idStart = start - 1;
    while (idStart > 0 && /[a-z0-9-]/.test(text[idStart - 1]!)) idStart--;
    return hexEnd - start === FINGERPRINT_HEX && this.byId.has(text.slice(idStart, start - 1));
  }

  /** Collapses overlapping candidates (the specific rule beats the generic one) and applies the filters. */
  resolve(candidates: Candidate[], options: DetectOptions): Candidate[] {
    candidates.sort(
      (a, b) =>
        Number(a.rule.spec.generic) - Number(b.rule.spec.generic) ||
        CONFIDENCE_RANK[b.confidence] - CONFIDENCE_RANK[a.confidence] ||
        b.end - b.start - (a.end - a.start) ||
        a.start - b.start,
    );
    const kept: Candidate[] = []; // sorted by start, never overlapping
    for (const c of candidates) {
      let lo = 0;
      let hi = kept.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (kept[mid]!.end <= c.start) lo = mid + 1;
        else hi = mid;
      }
      const next = kept[lo];
      if (next && next.start < c.end) continue;
      kept.splice(lo, 0, c);
    }
    const min = CONFIDENCE_RANK[options.minConfidence ?? 'low'];
    return kept.filter((c) => {
      if (CONFIDENCE_RANK[c.confidence] < min) return false;
      if (options.ignoredFingerprints?.has(this.fingerprint(c))) return false;
      return true;
    });
  }

  private fingerprint(c: Candidate): string {
    c.fingerprint ??= fingerprintOf(c.rule.spec.id, c.secret);
    return c.fingerprint;
  }

  /** Shapes a resolved candidate found at `base` + its offsets into a finding. */
  toFinding(c: Candidate, base: number, lines: LineMap): Finding {
    const spec = c.rule.spec;
    const start = base + c.start;
    const end = base + c.end;
    return {
      ruleId: spec.id,
      name: spec.name,
      provider: spec.provider,
      severity: spec.severity,
      confidence: c.confidence,
      start,
      end,
      range: { start: lines.positionAt(start), end: lines.positionAt(end) },
      masked: maskSecret(c.secret),
      entropy: Math.round(c.entropy * 100) / 100,
      fingerprint: this.fingerprint(c),
      secret: c.secret,
      envVar: spec.envVar,
    };
  }
}

/** The inline-allow verdict for the last line span checked, so that many matches on one long line read it once. */
/** Escape sequences of source code (`\xA0`, `\u00e9`, `\u{1F600}`), as test strings put them inside a word. */
const SOURCE_ESCAPES = /\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|u\{[0-9A-Fa-f]{1,6}\})/g;

/**
 * True when a value holds source escapes and is a placeholder without them: `pa\uD7FFss` in a URL parser's tests is
 * "pass" with an odd character written in, not a password. A random value stays random with its escapes removed.
 */
function isEscapedPlaceholder(secret: string, rule: CompiledRule): boolean {
  if (!secret.includes('\\')) return false;
  const plain = secret.replace(SOURCE_ESCAPES, '');
  if (plain === secret || plain === '') return false;
  return isPlaceholder(plain, shannonEntropy(plain)) || rule.allow.some((re) => re.test(plain));
}

interface LineVerdict {
  start: number;
  end: number;
  allowed: boolean;
}

/**
 * isInlineAllowed, remembering its verdict for the line that held the last one-line match: another match inside
 * that line has the same lines around it, hence the same verdict.
 */
function inlineAllowed(text: string, start: number, end: number, line: LineVerdict): boolean {
  if (start >= line.start && end <= line.end) return line.allowed;
  const allowed = isInlineAllowed(text, start, end);
  let ls = start;
  while (ls > 0 && text.charCodeAt(ls - 1) !== 10 && text.charCodeAt(ls - 1) !== 13) ls--;
  let le = start;
  while (le < text.length && text.charCodeAt(le) !== 10 && text.charCodeAt(le) !== 13) le++;
  const oneLine = le >= end;
  line.start = oneLine ? ls : -1;
  line.end = oneLine ? le : -1;
  line.allowed = allowed;
  return allowed;
}

/** How many hex digits of SHA-256 a fingerprint keeps. */
const FINGERPRINT_HEX = 24;

/** The fingerprint of a secret found by a rule: stable across moves and edits elsewhere, and not reversible. */
export function fingerprintOf(ruleId: string, secret: string): string {
  return `${ruleId}:${sha256Hex(`${ruleId}\u0000${secret}`).slice(0, FINGERPRINT_HEX)}`;
}

