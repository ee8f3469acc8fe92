import type { CompiledRule } from './compile';
import type { Candidate, Engine } from './engine';
import { keptHits, type KeywordHits } from './keywordIndex';
import { LineMap } from './lines';
import type { DetectOptions, Finding } from './types';

/** One edit as VS Code reports it: `length` characters at `offset` replaced by `text`, applied in order. */
export interface TextChange {
  offset: number;
  length: number;
  text: string;
}

/** One rule's part of a document: where its regex matched ([start, end] pairs in order) and what it found there. */
interface RuleState {
  spans: number[];
  candidates: Candidate[];
}

const EMPTY: RuleState = { spans: [], candidates: [] };

/** How far around an edit anchors are looked for, to tell which rules the edit cannot affect. */
const NEAR = 4096;

/**
 * Keeps one document's findings current across edits by re-running each rule only over the changed lines plus what
 * that rule can reach around them. Its results are identical to a full detect() of the new text.
 */
export class DocumentScanner {
  private text = '';
  private lines = new LineMap('');
  private findings: Finding[] = [];
  /** Occurrences of each rule keyword in `text`, kept current across edits. */
  private keywordCounts: Int32Array;
  /** Per rule, in the engine's order. */
  private perRule: RuleState[] = [];
  private readonly longestKeyword: number;
  /** The finding made of each candidate last time, so an unchanged candidate is not shaped again. */
  private findingOf = new Map<Candidate, Finding>();
  /** Candidates moved by the current edit (new object → the one it replaces), with how far they moved. */
  private readonly moved = new Map<Candidate, Candidate>();
  private shift = { offset: 0, lines: 0 };
  /** Scratch for anchorsNear(). */
  private readonly nearHits: KeywordHits;
  private readonly nearCounts: Int32Array;

  constructor(
    private readonly engine: Engine,
    private readonly options: DetectOptions = {},
  ) {
    const stats = engine.keywordStats;
    this.keywordCounts = new Int32Array(stats.count);
    this.longestKeyword = stats.longest;
    this.nearHits = engine.anchorHits();
    this.nearCounts = new Int32Array(stats.count);
  }

  /** The current findings. */
  get current(): readonly Finding[] {
    return this.findings;
  }

  /** Scans a whole text. */
  reset(text: string): Finding[] {
    this.findingOf.clear();
    this.moved.clear();
    this.text = text;
    this.lines = new LineMap(text);
    this.keywordCounts.fill(0);
    const hits = this.engine.anchorHits();
    hits.reset(keptHits(text.length));
    this.engine.countKeywords(text, 0, text.length, this.keywordCounts, 1, hits);
    const present = this.present();
    this.perRule = this.engine.rules.map((rule) => this.scanRule(rule, text, 0, text.length, present, text.length, hits));
    this.findings = this.resolveAll();
    return this.findings;
  }

  /** Applies edits (VS Code's contentChanges, in order) whose result is `newText`, and re-scans what they touched. */
  update(newText: string, changes: readonly TextChange[]): Finding[] {
    const region = changedRegion(changes);
    if (!region || region.oldEnd > this.text.length) return this.reset(newText);
    const { start, oldEnd, newEnd } = region;
    const delta = newEnd - oldEnd;
    if (newText.length !== this.text.length + delta) return this.reset(newText);
    const before = this.recountKeywords(newText, start, oldEnd, newEnd);
    const lineCount = this.lines.lineCount;
    this.lines.applyEdit(newText, start, oldEnd, newEnd);
    this.shift = { offset: delta, lines: this.lines.lineCount - lineCount };
    const present = this.present();
    const near = this.anchorsNear(newText, start, newEnd);
    const rules = this.engine.rules;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      const ids = rule.keywordIds;
      // A rule runs on a text only when its keywords occur in it (anywhere), as in a full scan.
      const inNew = ids.length === 0 || ids.some((id) => present[id] === 1);
      const inOld = ids.length === 0 || ids.some((id) => before[id]! > 0);
      if (!inNew) this.perRule[i] = EMPTY;
      else if (!inOld || !Number.isFinite(rule.reach)) this.perRule[i] = this.scanRule(rule, newText, 0, newText.length, present);
      else if (this.untouched(rule, this.perRule[i]!, newText, start, newEnd, delta, near)) this.perRule[i] = this.moveRule(this.perRule[i]!, start, delta);
      else this.perRule[i] = this.rescanRule(rule, this.perRule[i]!, newText, start, newEnd, delta, present);
      if (this.engine.slowRules.has(rule.spec.id)) this.perRule[i] = EMPTY;
    }
    this.text = newText;
    this.findings = this.resolveAll();
    return this.findings;
  }

  /** Where the rules' anchors occur in the new text within NEAR characters of an edit. */
  private anchorsNear(text: string, start: number, newEnd: number): { hits: KeywordHits; from: number; to: number } {
    const from = Math.max(0, start - NEAR);
    const to = Math.min(text.length, newEnd + NEAR);
    this.nearHits.reset(keptHits(to - from));
    this.engine.countKeywords(text, from, to, this.nearCounts, 1, this.nearHits);
    this.nearCounts.fill(0);
    return { hits: this.nearHits, from, to };
  }

  /**
   * True when an edit cannot change a rule's matches: no match of the old text lies in the lines the rule would
   * re-scan, and none of its anchors occurs there in the new text (a new match would hold one). Then its matches
   * before the edit stay and those after only move.
   */
  private untouched(
    rule: CompiledRule, old: RuleState, text: string, start: number, newEnd: number, delta: number,
    near: { hits: KeywordHits; from: number; to: number },
  ): boolean {
    if (rule.anchorIds.length === 0) return false;
    const reach = rule.reach;
    const ws = this.lineBefore(text, Math.max(0, start - reach));
    const we = this.lineAfter(text, Math.min(text.length, newEnd + reach));
    const last = we + reach + this.longestKeyword;
    if (ws < near.from || (last > near.to && near.to < text.length)) return false;
    for (const id of rule.anchorIds) if (near.hits.anyEndIn(id, ws, last)) return false;
    const weOld = we - delta;
    const spans = old.spans;
    for (let i = firstAtOrAfter(spans, ws - reach - 1); i < spans.length && spans[i]! <= weOld + 1; i += 2) {
      if (spans[i + 1]! >= ws - 1) return false;
    }
    return true;
  }

  /** A rule's state after an edit at `start` that changed none of its matches: those after it move by `delta`. */
  private moveRule(old: RuleState, start: number, delta: number): RuleState {
    const at = firstAtOrAfter(old.spans, start);
    // Nothing moves when the edit kept both the length and the line count (an edit of the same length may still add or
    // remove line breaks: then later findings keep their offsets but not their lines).
    const still = delta === 0 && this.shift.lines === 0;
    if (still || (at === old.spans.length && old.candidates.every((c) => c.start < start))) return old;
    const spans = old.spans.slice();
    for (let i = at; i < spans.length; i++) spans[i]! += delta;
    const candidates = old.candidates.map((c) => {
      if (c.start < start) return c;
      const moved = { ...c, start: c.start + delta, end: c.end + delta };
      this.moved.set(moved, c);
      return moved;
    });
    return { spans, candidates };
  }

  /** One rule's matches starting in [from, to) of a text, as a full scan finds them once its search reaches `from`. */
  private scanRule(
    rule: CompiledRule, text: string, from: number, to: number, present: Uint8Array, limit = text.length, hits?: KeywordHits,
  ): RuleState {
    const spans: number[] = [];
    const candidates = this.engine.collect(text, this.options, { from, to, limit, present, spans, rules: [rule], ...(hits ? { hits } : {}) });
    return { spans, candidates };
  }

  /**
   * Re-runs one rule over the lines around an edit, widened by what the rule reads around a match. A rule's matches
   * depend on where its previous match ended (one that took the line break before a line hides a match that would
   * start there), so the window's edges are moved until no match of the rule, old or new, spans one: then the
   * search in the new text reaching each edge is where a full scan's would be.
   */
  private rescanRule(
    rule: CompiledRule, old: RuleState, newText: string, start: number, newEnd: number, delta: number, present: Uint8Array,
  ): RuleState {
    const reach = rule.reach;
    let ws = this.lineBefore(newText, Math.max(0, start - reach));
    let we = this.lineAfter(newText, Math.min(newText.length, newEnd + reach));
    let fresh: RuleState;
    for (;;) {
      ws = this.clearStart(old.spans, ws, reach, newText);
      we = this.clearEnd(old.spans, we, delta, reach, newText);
      fresh = this.scanRule(rule, newText, ws, we, present, Math.min(newText.length, we + reach + 1));
      let end = we;
      for (let i = 0; i < fresh.spans.length; i += 2) if (fresh.spans[i + 1]! >= we) end = Math.max(end, fresh.spans[i + 1]!);
      if (end === we || we >= newText.length) break;
      we = this.lineAfter(newText, end);
    }
    const weOld = we - delta;
    const spans: number[] = [];
    for (let i = 0; i < old.spans.length && old.spans[i]! < ws; i += 2) spans.push(old.spans[i]!, old.spans[i + 1]!);
    spans.push(...fresh.spans);
    for (let i = firstAtOrAfter(old.spans, weOld); i < old.spans.length; i += 2) spans.push(old.spans[i]! + delta, old.spans[i + 1]! + delta);
    const candidates: Candidate[] = [];
    for (const c of old.candidates) if (c.start < ws) candidates.push(c);
    candidates.push(...fresh.candidates);
    for (const c of old.candidates) {
      if (c.start < weOld) continue;
      const moved = { ...c, start: c.start + delta, end: c.end + delta };
      this.moved.set(moved, c);
      candidates.push(moved);
    }
    return { spans, candidates };
  }

  /** Moves a window start back, line by line, until no old match starting before it reaches it. */
  private clearStart(spans: readonly number[], ws: number, reach: number, newText: string): number {
    for (let moved = true; moved && ws > 0; ) {
      moved = false;
      for (let i = firstAtOrAfter(spans, ws) - 2; i >= 0 && spans[i]! >= ws - reach - 1; i -= 2) {
        if (spans[i + 1]! >= ws) {
          ws = this.lineBefore(newText, spans[i]!);
          moved = true;
          break;
        }
      }
    }
    return ws;
  }

  /** Moves a window end forward, line by line, until no old match starting before it (old coordinates) reaches it. */
  private clearEnd(spans: readonly number[], we: number, delta: number, reach: number, newText: string): number {
    for (let moved = true; moved && we < newText.length; ) {
      moved = false;
      const weOld = we - delta;
      for (let i = firstAtOrAfter(spans, weOld) - 2; i >= 0 && spans[i]! >= weOld - reach - 1; i -= 2) {
        if (spans[i + 1]! >= weOld) {
          we = this.lineAfter(newText, spans[i + 1]! + delta);
          moved = true;
          break;
        }
      }
    }
    return we;
  }

  /** Resolves every rule's candidates together, as detect() does, into findings. */
  private resolveAll(): Finding[] {
    const all: Candidate[] = [];
    for (const state of this.perRule) for (const c of state.candidates) all.push(c);
    const next = new Map<Candidate, Finding>();
    const findings = this.engine.resolve(all, this.options).map((c) => {
      let f = this.findingOf.get(c);
      if (!f) {
        // A candidate moved past the edit keeps its finding, shifted: it lies on lines the edit did not touch.
        const was = this.moved.get(c);
        const old = was && this.findingOf.get(was);
        f = old ? shifted(old, this.shift.offset, this.shift.lines) : this.engine.toFinding(c, 0, this.lines);
      }
      next.set(c, f);
      return f;
    });
    this.findingOf = next;
    this.moved.clear();
    return findings;
  }

  /** Which keywords the current text holds, as collect() wants them. */
  private present(): Uint8Array {
    const present = new Uint8Array(this.keywordCounts.length);
    for (let i = 0; i < present.length; i++) present[i] = this.keywordCounts[i]! > 0 ? 1 : 0;
    return present;
  }

  /**
   * Updates the keyword counts for the edit (only occurrences within a keyword's length of it can change); returns
   * the counts before it.
   */
  private recountKeywords(newText: string, start: number, oldEnd: number, newEnd: number): Int32Array {
    const before = this.keywordCounts.slice();
    const k = this.longestKeyword;
    const from = Math.max(0, start - k);
    this.engine.countKeywords(this.text, from, Math.min(this.text.length, oldEnd + k), this.keywordCounts, -1);
    this.engine.countKeywords(newText, from, Math.min(newText.length, newEnd + k), this.keywordCounts, 1);
    return before;
  }

  /** The start of the line before the one holding `offset`. */
  private lineBefore(text: string, offset: number): number {
    const line = this.lines.positionAt(Math.min(offset, text.length)).line;
    return this.lines.lineStart(Math.max(0, line - 1));
  }

  /** The end of the line after the one holding `offset` (before its line break). */
  private lineAfter(text: string, offset: number): number {
    const line = this.lines.positionAt(Math.min(offset, text.length)).line;
    if (line + 2 >= this.lines.lineCount) return text.length;
    return this.lines.lineStart(line + 2);
  }
}

/** A finding moved by `offset` characters and `lines` lines, on a line that kept its text. */
function shifted(f: Finding, offset: number, lines: number): Finding {
  return {
    ...f,
    start: f.start + offset,
    end: f.end + offset,
    range: {
      start: { line: f.range.start.line + lines, character: f.range.start.character },
      end: { line: f.range.end.line + lines, character: f.range.end.character },
    },
  };
}

/** The index (even) of the first [start, end] pair whose start is at or after `offset`. */
function firstAtOrAfter(spans: readonly number[], offset: number): number {
  let lo = 0;
  let hi = spans.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid * 2]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo * 2;
}

/** The span the changes cover, in old and new coordinates; undefined when there is nothing to re-scan. */
function changedRegion(changes: readonly TextChange[]): { start: number; oldEnd: number; newEnd: number } | undefined {
  let lo = Infinity;
  let hi = -Infinity; // in current coordinates
  let total = 0;
  for (const c of changes) {
    const end = c.offset + c.length;
    const d = c.text.length - c.length;
    if (lo !== Infinity) {
      const mappedLo = lo <= c.offset ? lo : lo >= end ? lo + d : c.offset;
      const mappedHi = hi <= c.offset ? hi : hi >= end ? hi + d : c.offset + c.text.length;
      lo = Math.min(mappedLo, c.offset);
      hi = Math.max(mappedHi, c.offset + c.text.length);
    } else {
      lo = c.offset;
      hi = c.offset + c.text.length;
    }
    total += d;
  }
  if (lo === Infinity) return undefined;
  return { start: lo, oldEnd: hi - total, newEnd: hi };
}
