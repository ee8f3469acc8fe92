/**
 * Finds which of many keywords occur in a text in one pass (Aho-Corasick over lower-cased UTF-16 code units),
 * so that a rule whose keywords are absent costs nothing.
 */
export class KeywordIndex {
  private readonly goto: Array<Map<number, number>> = [new Map()];
  private readonly fail: number[] = [0];
  private readonly out: number[][] = [[]];
  readonly keywords: readonly string[];
  /** The automaton as a table over character classes, when every keyword is ASCII (otherwise undefined). */
  private readonly dfa?: Dfa;
  /** The automaton's state between advance() and its caller. */
  private state = 0;

  constructor(keywords: readonly string[]) {
    this.keywords = keywords;
    keywords.forEach((k, id) => {
      let s = 0;
      for (let i = 0; i < k.length; i++) {
        const c = k.charCodeAt(i);
        let next = this.goto[s]!.get(c);
        if (next === undefined) {
          next = this.goto.length;
          this.goto.push(new Map());
          this.fail.push(0);
          this.out.push([]);
          this.goto[s]!.set(c, next);
        }
        s = next;
      }
      this.out[s]!.push(id);
    });
    const queue: number[] = [];
    for (const s of this.goto[0]!.values()) queue.push(s);
    for (let qi = 0; qi < queue.length; qi++) {
      const r = queue[qi]!;
      for (const [c, s] of this.goto[r]!) {
        queue.push(s);
        let f = this.fail[r]!;
        while (f !== 0 && !this.goto[f]!.has(c)) f = this.fail[f]!;
        const g = this.goto[f]!.get(c);
        this.fail[s] = g !== undefined && g !== s ? g : 0;
        this.out[s]!.push(...this.out[this.fail[s]!]!);
      }
    }
    if (keywords.every((k) => /^[\x00-\x7f]*$/.test(k))) this.dfa = this.table(queue);
  }

  /**
   * Every state's move on every character class, so that scanning follows no failure links; states renumbered so
   * that the accepting ones come last, and moves stored as row offsets, so the scan loop only adds and compares.
   */
  private table(bfs: readonly number[]): Dfa {
    const classOf = new Uint8Array(128);
    let width = 1; // class 0: characters in no keyword
    for (const k of this.keywords) for (let i = 0; i < k.length; i++) if (classOf[k.charCodeAt(i)] === 0) classOf[k.charCodeAt(i)] = width++;
    const codes: number[] = new Array<number>(width).fill(-1);
    for (let c = 0; c < 128; c++) if (classOf[c] !== 0) codes[classOf[c]!] = c;
    const states = this.goto.length;
    const delta = new Int32Array(states * width);
    // States in breadth-first order: a state's failure target is shallower, so its row is already complete.
    for (const s of [0, ...bfs]) {
      for (let k = 1; k < width; k++) {
        const next = this.goto[s]!.get(codes[k]!);
        delta[s * width + k] = next ?? (s === 0 ? 0 : delta[this.fail[s]! * width + k]!);
      }
    }
    // Breadth-first within each part: the shallow states, where a scan spends nearly all its time, share a few
    // kilobytes of table instead of being spread over the whole of it (a large keyword set's table is megabytes).
    const bfsOrder = [0, ...bfs];
    const order: number[] = [];
    for (const st of bfsOrder) if (this.out[st]!.length === 0) order.push(st);
    const acceptFrom = order.length * width;
    for (const st of bfsOrder) if (this.out[st]!.length > 0) order.push(st);
    const renumbered = new Int32Array(states);
    order.forEach((old, i) => (renumbered[old] = i));
    // One more column: characters whose lower-case form is several code units holding an ASCII one (U+0130 is
    // `i` + U+0307) move to `multi`, an offset past every state that stops the fast loop; they are stepped one by one.
    const columns = width + 1;
    const multi = states * columns;
    const moves = new Int32Array(states * columns);
    order.forEach((old, i) => {
      for (let k = 0; k < width; k++) moves[i * columns + k] = renumbered[delta[old * width + k]!]! * columns;
      moves[i * columns + width] = multi;
    });
    const acceptRows = acceptFrom / width;
    // An accepting state's keywords: outIds[outFrom[s - acceptFrom] .. outFrom[s - acceptFrom + columns]).
    const outFrom = new Int32Array(multi - acceptRows * columns + 1);
    const ids: number[] = [];
    for (let i = acceptRows; i < states; i++) {
      outFrom[(i - acceptRows) * columns] = ids.length;
      ids.push(...this.out[order[i]!]!);
    }
    outFrom[multi - acceptRows * columns] = ids.length;
    // Every UTF-16 code unit's class, as its lower-case form's (upper-case ASCII and U+212A KELVIN SIGN become `k`...).
    const fold = foldTable(classOf, width);
    return { moves, width: columns, fold, acceptFrom: acceptRows * columns, multi, outFrom, outIds: Int32Array.from(ids) };
  }

  /**
   * Runs the automaton from state `this.state` over text[i, to) until it would enter an accepting state (or the
   * `multi` offset): returns that index (or `to`), leaving `this.state` at the state before it. No call and no branch
   * but one per character: nearly all of a scan's time is spent here.
   */
  private advance(dfa: Dfa, text: string, i: number, to: number): number {
    const { moves, fold, acceptFrom } = dfa;
    let s = this.state;
    for (; i < to; i++) {
      const t = moves[s + fold[text.charCodeAt(i)]!]!;
      if (t >= acceptFrom) break;
      s = t;
    }
    this.state = s;
    return i;
  }

  /** The move from `s` on a character in the `multi` class: one step per code unit of its lower-case form. */
  private multiStep(dfa: Dfa, s: number, c: number, at: number, take: (id: number, at: number) => void): number {
    const lower = String.fromCharCode(c).toLowerCase();
    for (let j = 0; j < lower.length; j++) {
      const u = lower.charCodeAt(j);
      s = dfa.moves[s + (u < 128 ? dfa.fold[u]! : 0)]!;
      if (s >= dfa.acceptFrom) {
        const row = s - dfa.acceptFrom;
        for (let k = dfa.outFrom[row]!, end = dfa.outFrom[row + dfa.width]!; k < end; k++) take(dfa.outIds[k]!, at);
      }
    }
    return s;
  }

  /**
   * Marks in `found` (indexed by keyword id) every keyword present in `text` lower-cased (as String#toLowerCase
   * does); `text` may be given lower-cased already or not. With `hits`, also records where each keyword whose
   * `wanted` flag is set ends; with `foundIds`, also lists the ids newly marked in `found`.
   */
  scan(text: string, found: Uint8Array, hits?: KeywordHits, foundIds?: number[]): void {
    const wanted = hits?.wanted;
    const placed = this.each(text, 0, text.length, (id, at) => {
      if (found[id] === 0) {
        found[id] = 1;
        foundIds?.push(id);
      }
      if (wanted !== undefined && wanted[id] === 1) hits!.push(id, at);
    });
    if (!placed) hits?.giveUp();
  }

  /**
   * Adds `sign` to `counts[id]` for every occurrence of keyword `id` lying wholly inside `text[from, to)`, lower-cased
   * as in scan(): so that counts kept for a document can be updated around an edit.
   */
  count(text: string, from: number, to: number, counts: Int32Array, sign: number, hits?: KeywordHits): void {
    const wanted = hits?.wanted;
    const placed = this.each(text, from, to, (id, at) => {
      counts[id]! += sign;
      if (wanted !== undefined && wanted[id] === 1) hits!.push(id, at);
    });
    if (!placed) hits?.giveUp();
  }

  /**
   * Calls `take` for every keyword occurrence lying wholly inside `text[from, to)` lower-cased, with the index of its
   * last character. Without the table (a keyword is not ASCII) the text is lower-cased as a whole, whose indexes may
   * differ: `at` is then -1 and the result false.
   */
  private each(text: string, from: number, to: number, take: (id: number, at: number) => void): boolean {
    const dfa = this.dfa;
    if (!dfa) {
      const lower = text.slice(from, to).toLowerCase();
      let s = 0;
      for (let i = 0; i < lower.length; i++) {
        const c = lower.charCodeAt(i);
        let next = this.goto[s]!.get(c);
        while (next === undefined && s !== 0) {
          s = this.fail[s]!;
          next = this.goto[s]!.get(c);
        }
        s = next ?? 0;
        for (const id of this.out[s]!) take(id, -1);
      }
      return false;
    }
    const { moves, width, fold, acceptFrom, multi, outFrom, outIds } = dfa;
    this.state = 0;
    for (let i = this.advance(dfa, text, from, to); i < to; i = this.advance(dfa, text, i + 1, to)) {
      const c = text.charCodeAt(i);
      const s = moves[this.state + fold[c]!]!;
      if (s === multi) {
        this.state = this.multiStep(dfa, this.state, c, i, take);
        continue;
      }
      this.state = s;
      const row = s - acceptFrom;
      for (let k = outFrom[row]!, end = outFrom[row + width]!; k < end; k++) take(outIds[k]!, i);
    }
    return true;
  }

  /** The length of the longest keyword. */
  get longest(): number {
    return this.keywords.reduce((n, k) => Math.max(n, k.length), 0);
  }
}

/** For every UTF-16 code unit, its lower-case form when that is one ASCII character, MULTI, or -1 (see lowerAscii). */
let lowerAsciiTable: Int16Array | undefined;
const MULTI = -2;

/**
 * The lower-case form of every UTF-16 code unit as an ASCII code, MULTI when it is several code units with an ASCII
 * one among them (U+0130 is `i` + U+0307), else -1. Worked out once per process, a thousand code units per call
 * (one call per code unit would add milliseconds to every start).
 */
function lowerAscii(): Int16Array {
  if (lowerAsciiTable) return lowerAsciiTable;
  const table = new Int16Array(65536).fill(-1);
  for (let c = 0; c < 128; c++) table[c] = c >= 65 && c <= 90 ? c + 32 : c;
  const codes: number[] = [];
  for (let from = 128; from < 65536; from += 1024) {
    codes.length = 0;
    for (let c = from; c < Math.min(from + 1024, 65536); c++) codes.push(c);
    const lower = String.fromCharCode(...codes).toLowerCase();
    if (lower.length === codes.length && !/[\x00-\x7f]/.test(lower)) continue;
    for (const c of codes) {
      const one = String.fromCharCode(c).toLowerCase();
      if (one.length === 1) table[c] = one.charCodeAt(0) < 128 ? one.charCodeAt(0) : -1;
      else if (/[\x00-\x7f]/.test(one)) table[c] = MULTI;
    }
  }
  return (lowerAsciiTable = table);
}

/** The class of every UTF-16 code unit: its lower-case form's (see lowerAscii), `multi` for MULTI, 0 for the rest. */
function foldTable(classOf: Uint8Array, multi: number): Uint8Array {
  const lower = lowerAscii();
  const fold = new Uint8Array(65536);
  for (let c = 0; c < 65536; c++) {
    const l = lower[c]!;
    if (l >= 0) fold[c] = classOf[l]!;
    else if (l === MULTI) fold[c] = multi;
  }
  return fold;
}

/** The automaton as a table: `moves[state + class]` is the next state, states being row offsets (index × width). */
interface Dfa {
  moves: Int32Array;
  width: number;
  /** Character class of each UTF-16 code unit (see foldTable). */
  fold: Uint8Array;
  /** States from this row offset on accept keywords. */
  acceptFrom: number;
  /** What a move on a character of the last class gives: not a state (see foldTable). */
  multi: number;
  /** For an accepting state s, its keyword ids are outIds[outFrom[s - acceptFrom] .. outFrom[s - acceptFrom + width]). */
  outFrom: Int32Array;
  outIds: Int32Array;
}

/**
 * Where some keywords occur in one text: each occurrence's end (the index of its last character), chained per
 * keyword so that one keyword's occurrences can be listed without sorting. Reusable: reset() before each text.
 */
export class KeywordHits {
  private ends = new Int32Array(256);
  /** For each occurrence, the previous one of the same keyword (-1 for none). */
  private prev = new Int32Array(256);
  /** For each keyword, its last occurrence so far (-1 for none). */
  private readonly last: Int32Array;
  private readonly counts: Int32Array;
  private readonly touched: number[] = [];
  private n = 0;
  private complete = true;
  /** Occurrences kept per keyword; past it a keyword only counts (it is too frequent to be worth its positions). */
  private limit = Infinity;

  /** `wanted[id]` is 1 for each keyword whose occurrences are recorded. */
  constructor(readonly wanted: Uint8Array) {
    this.last = new Int32Array(wanted.length).fill(-1);
    this.counts = new Int32Array(wanted.length);
  }

  /**
   * Forgets every occurrence recorded. With `maxPerKeyword`, a keyword found more often keeps only its count, so that a
   * pathological text (megabytes of one short anchor) cannot fill memory with positions nobody will use.
   */
  reset(maxPerKeyword = Infinity): void {
    for (const id of this.touched) {
      this.last[id] = -1;
      this.counts[id] = 0;
    }
    this.touched.length = 0;
    this.n = 0;
    this.complete = true;
    this.limit = maxPerKeyword;
  }

  /** Whether keyword `id` was found more often than its positions were kept. */
  saturated(id: number): boolean {
    return this.counts[id]! > this.limit;
  }

  push(id: number, end: number): void {
    if (this.counts[id]! >= this.limit) {
      this.counts[id] = this.limit + 1;
      return;
    }
    if (this.n === this.ends.length) {
      const ends = new Int32Array(this.n * 2);
      ends.set(this.ends);
      this.ends = ends;
      const prev = new Int32Array(this.n * 2);
      prev.set(this.prev);
      this.prev = prev;
    }
    if (this.counts[id] === 0) this.touched.push(id);
    this.counts[id]!++;
    this.ends[this.n] = end;
    this.prev[this.n] = this.last[id]!;
    this.last[id] = this.n++;
  }

  /** Marks the record as unusable (the scan could not say where keywords end). */
  giveUp(): void {
    this.complete = false;
  }

  /** Whether every occurrence of every wanted keyword was recorded. */
  get usable(): boolean {
    return this.complete;
  }

  /** How many times keyword `id` occurs. */
  count(id: number): number {
    return this.counts[id]!;
  }

  /** Whether keyword `id` has an occurrence ending in [lo, hi]. */
  anyEndIn(id: number, lo: number, hi: number): boolean {
    if (this.saturated(id)) return true;
    for (let i = this.last[id]!; i >= 0; i = this.prev[i]!) {
      const end = this.ends[i]!;
      if (end < lo) return false;
      if (end <= hi) return true;
    }
    return false;
  }

  /** Writes the ends of keyword `id`'s occurrences, ascending, into `into` from `at`; returns how many. */
  copyEnds(id: number, into: Int32Array, at: number): number {
    if (this.saturated(id)) throw new Error('copyEnds: the positions of this keyword were not kept');
    const count = this.counts[id]!;
    let k = at + count;
    for (let i = this.last[id]!; i >= 0; i = this.prev[i]!) into[--k] = this.ends[i]!;
    return count;
  }
}

/**
 * How many positions of one anchor are worth keeping in a text of this length. An anchor found more often makes its
 * rules search the whole text (always the same matches, only the cost differs): at one in twenty characters, trying
 * positions one by one rarely beats a plain search, and the positions would take more memory than the text.
 */
export function keptHits(length: number): number {
  return Math.ceil(length / 20) + 16;
}
