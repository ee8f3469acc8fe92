/**
 * The most UTF-16 code units a regex can read around one match: the longest match plus what its lookarounds
 * inspect. Infinity when a quantifier is unbounded or a back-reference makes the length unknowable.
 */
export function regexReach(source: string): number {
  const p = new ReachParser(source);
  return p.alternation();
}

class ReachParser {
  private i = 0;

  constructor(private readonly s: string) {}

  alternation(): number {
    let best = this.sequence();
    while (this.s[this.i] === '|') {
      this.i++;
      best = Math.max(best, this.sequence());
    }
    return best;
  }

  private sequence(): number {
    let total = 0;
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') {
      const atom = this.atom();
      const times = this.quantifier();
      total += atom === 0 ? 0 : atom * times;
    }
    return total;
  }

  private atom(): number {
    const c = this.s[this.i]!;
    if (c === '(') {
      this.i++;
      if (this.s[this.i] === '?') {
        const next = this.s[this.i + 1];
        if (next === ':' || next === '=' || next === '!') this.i += 2;
        else if (next === '<' && (this.s[this.i + 2] === '=' || this.s[this.i + 2] === '!')) this.i += 3;
        else if (next === '<') this.i = this.s.indexOf('>', this.i) + 1;
      }
      const inner = this.alternation();
      this.i++; // ')'
      return inner;
    }
    if (c === '[') {
      this.i++;
      if (this.s[this.i] === '^') this.i++;
      if (this.s[this.i] === ']') this.i++;
      while (this.i < this.s.length && this.s[this.i] !== ']') this.i += this.s[this.i] === '\\' ? 2 : 1;
      this.i++;
      return 1;
    }
    if (c === '\\') {
      const e = this.s[this.i + 1] ?? '';
      this.i += 2;
      if (e === 'b' || e === 'B') return 0;
      if (/[1-9]/.test(e) || e === 'k') return Infinity;
      if (e === 'u' && this.s[this.i] === '{') this.i = this.s.indexOf('}', this.i) + 1;
      else if (e === 'u') this.i += 4;
      else if (e === 'x') this.i += 2;
      else if (e === 'c') this.i += 1;
      else if (e === 'p' || e === 'P') this.i = this.s.indexOf('}', this.i) + 1;
      return 1;
    }
    this.i++;
    return c === '^' || c === '$' ? 0 : 1;
  }

  private quantifier(): number {
    const c = this.s[this.i];
    let factor = 1;
    if (c === '*' || c === '+') {
      this.i++;
      factor = Infinity;
    } else if (c === '?') {
      this.i++;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i));
      if (!m) return 1;
      this.i += m[0].length;
      factor = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
    } else return 1;
    if (this.s[this.i] === '?') this.i++;
    return factor;
  }
}
