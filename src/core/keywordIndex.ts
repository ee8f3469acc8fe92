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
  private readonly dfa?: { delta: Int32Array; width: number; classOf: Uint8Array; hits: Uint8Array };
  /** Lower-cased forms of non-ASCII characters seen so far. */
  private readonly lowered = new Map<number, string>();

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

  /** Every state's move on every character class, so that scanning follows no failure links. */
  private table(bfs: readonly number[]): { delta: Int32Array; width: number; classOf: Uint8Array; hits: Uint8Array } {
    const classOf = new Uint8Array(128);
    let width = 1; // class 0: characters in no keyword
    for (const k of this.keywords) for (let i = 0; i < k.length; i++) if (classOf[k.charCodeAt(i)] === 0) classOf[k.charCodeAt(i)] = width++;
    const codes: number[] = new Array<number>(width).fill(-1);
    for (let c = 0; c < 128; c++) if (classOf[c] !== 0) codes[classOf[c]!] = c;
    const delta = new Int32Array(this.goto.length * width);
    // States in breadth-first order: a state's failure target is shallower, so its row is already complete.
    for (const s of [0, ...bfs]) {
      for (let k = 1; k < width; k++) {
        const next = this.goto[s]!.get(codes[k]!);
        delta[s * width + k] = next ?? (s === 0 ? 0 : delta[this.fail[s]! * width + k]!);
      }
    }
    const hits = new Uint8Array(this.goto.length);
    for (let s = 0; s < this.out.length; s++) hits[s] = this.out[s]!.length > 0 ? 1 : 0;
    return { delta, width, classOf, hits };
  }

  /**
   * Marks in `found` (indexed by keyword id) every keyword present in `text` lower-cased (as String#toLowerCase
   * does); `text` may be given lower-cased already or not.
   */
  scan(text: string, found: Uint8Array): void {
    const dfa = this.dfa;
    if (!dfa) {
      this.scanLower(text.toLowerCase(), found);
      return;
    }
    const { delta, width, classOf, hits } = dfa;
    const out = this.out;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c < 128) {
        if (c >= 65 && c <= 90) c += 32;
        s = delta[s * width + classOf[c]!]!;
      } else {
        // Only an ASCII character in its lower-case form can continue a keyword (e.g. U+212A KELVIN SIGN is `k`).
        const lower = this.lowerOf(c);
        for (let j = 0; j < lower.length; j++) {
          const u = lower.charCodeAt(j);
          s = delta[s * width + (u < 128 ? classOf[u]! : 0)]!;
          if (hits[s] === 1) for (const h of out[s]!) found[h] = 1;
        }
        continue;
      }
      if (hits[s] === 1) for (const h of out[s]!) found[h] = 1;
    }
  }

  /**
   * Adds `sign` to `counts[id]` for every occurrence of keyword `id` lying wholly inside `text[from, to)`, lower-cased
   * as in scan(): so that counts kept for a document can be updated around an edit.
   */
  count(text: string, from: number, to: number, counts: Int32Array, sign: number): void {
    const dfa = this.dfa;
    const out = this.out;
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
        for (const h of out[s]!) counts[h]! += sign;
      }
      return;
    }
    const { delta, width, classOf, hits } = dfa;
    let s = 0;
    for (let i = from; i < to; i++) {
      let c = text.charCodeAt(i);
      if (c < 128) {
        if (c >= 65 && c <= 90) c += 32;
        s = delta[s * width + classOf[c]!]!;
        if (hits[s] === 1) for (const h of out[s]!) counts[h]! += sign;
        continue;
      }
      const lower = this.lowerOf(c);
      for (let j = 0; j < lower.length; j++) {
        const u = lower.charCodeAt(j);
        s = delta[s * width + (u < 128 ? classOf[u]! : 0)]!;
        if (hits[s] === 1) for (const h of out[s]!) counts[h]! += sign;
      }
    }
  }

  /** The length of the longest keyword. */
  get longest(): number {
    return this.keywords.reduce((n, k) => Math.max(n, k.length), 0);
  }

  private lowerOf(c: number): string {
    let lower = this.lowered.get(c);
    if (lower === undefined) {
      lower = String.fromCharCode(c).toLowerCase();
      if (this.lowered.size < 4096) this.lowered.set(c, lower);
    }
    return lower;
  }

  /** The general automaton over an already lower-cased text (keywords with non-ASCII characters). */
  private scanLower(lower: string, found: Uint8Array): void {
    let s = 0;
    const goto = this.goto;
    const fail = this.fail;
    const out = this.out;
    for (let i = 0; i < lower.length; i++) {
      const c = lower.charCodeAt(i);
      let next = goto[s]!.get(c);
      while (next === undefined && s !== 0) {
        s = fail[s]!;
        next = goto[s]!.get(c);
      }
      s = next ?? 0;
      const hits = out[s]!;
      for (let h = 0; h < hits.length; h++) found[hits[h]!] = 1;
    }
  }
}
