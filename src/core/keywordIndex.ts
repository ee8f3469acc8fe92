/**
 * Finds which of many keywords occur in a text in one pass (Aho-Corasick over lower-cased UTF-16 code units),
 * so that a rule whose keywords are absent costs nothing.
 */
export class KeywordIndex {
  private readonly goto: Array<Map<number, number>> = [new Map()];
  private readonly fail: number[] = [0];
  private readonly out: number[][] = [[]];
  readonly keywords: readonly string[];

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
  }

  /** Marks in `found` (indexed by keyword id) every keyword present in `lower`, a lower-cased text. */
  scan(lower: string, found: Uint8Array): void {
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
