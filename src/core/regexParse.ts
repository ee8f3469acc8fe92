// A reader of JavaScript regex syntax into a small tree of character sets, sequences, alternatives, groups and
// quantifiers: shared by the backtracking check (regexSafety) and the required-literal analysis (requiredLiterals).

/** Non-ASCII characters, in two classes: white space (\s above U+007F) and everything else. */
const HI_SPACE = 1;
const HI_OTHER = 2;
const HI_ALL = HI_SPACE | HI_OTHER;
const SPACE_ABOVE_ASCII = [0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff];

/** Characters as a set: an exact ASCII bitmap plus two flags for the characters above U+007F. */
export class CharSet {
  readonly bits = new Uint32Array(4);
  hi = 0;

  static of(...codes: number[]): CharSet {
    const s = new CharSet();
    for (const c of codes) s.add(c);
    return s;
  }

  static range(lo: number, hi: number): CharSet {
    const s = new CharSet();
    s.addRange(lo, hi);
    return s;
  }

  static any(): CharSet {
    return new CharSet().negate();
  }

  add(c: number): void {
    if (c < 128) this.bits[c >> 5]! |= 1 << (c & 31);
    else this.hi |= SPACE_ABOVE_ASCII.includes(c) ? HI_SPACE : HI_OTHER;
  }

  addRange(lo: number, hi: number): void {
    for (let c = lo; c <= Math.min(hi, 127); c++) this.add(c);
    if (hi < 128) return;
    if (SPACE_ABOVE_ASCII.some((c) => c >= lo && c <= hi)) this.hi |= HI_SPACE;
    if (hi - Math.max(lo, 128) + 1 > SPACE_ABOVE_ASCII.filter((c) => c >= lo && c <= hi).length) this.hi |= HI_OTHER;
  }

  has(c: number): boolean {
    if (c < 128) return (this.bits[c >> 5]! & (1 << (c & 31))) !== 0;
    return (this.hi & (SPACE_ABOVE_ASCII.includes(c) ? HI_SPACE : HI_OTHER)) !== 0;
  }

  addAll(o: CharSet): this {
    for (let i = 0; i < 4; i++) this.bits[i]! |= o.bits[i]!;
    this.hi |= o.hi;
    return this;
  }

  negate(): this {
    for (let i = 0; i < 4; i++) this.bits[i] = ~this.bits[i]! >>> 0;
    this.hi = ~this.hi & HI_ALL;
    return this;
  }

  intersects(o: CharSet): boolean {
    for (let i = 0; i < 4; i++) if ((this.bits[i]! & o.bits[i]!) !== 0) return true;
    return (this.hi & o.hi) !== 0;
  }

  /** How many characters the set holds: Infinity when any above ASCII is in it. */
  size(): number {
    if (this.hi !== 0) return Infinity;
    let n = 0;
    for (let w of this.bits) {
      w -= (w >>> 1) & 0x55555555;
      w = (w & 0x33333333) + ((w >>> 2) & 0x33333333);
      n += (((w + (w >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
    }
    return n;
  }

  subsetOf(o: CharSet): boolean {
    for (let i = 0; i < 4; i++) if ((this.bits[i]! & ~o.bits[i]!) !== 0) return false;
    return (this.hi & ~o.hi) === 0;
  }

  /** A few characters of the set, preferring letters and digits, for building probe strings. */
  samples(max: number): string[] {
    const out: string[] = [];
    const order = 'aA0_-z9Z.=/+ :"\'\t!@#$%&*,;?()[]{}<>|~^`\\\n\r';
    for (const ch of order) if (out.length < max && this.has(ch.charCodeAt(0))) out.push(ch);
    for (let c = 32; c < 127 && out.length < max; c++) if (this.has(c) && !out.includes(String.fromCharCode(c))) out.push(String.fromCharCode(c));
    if (out.length < max && this.hi & HI_OTHER) out.push('é');
    if (out.length < max && this.hi & HI_SPACE) out.push('\u00a0');
    return out;
  }
}

export const DIGITS = CharSet.range(48, 57);
export const WORD = (() => {
  const s = CharSet.range(48, 57);
  s.addRange(65, 90);
  s.addRange(97, 122);
  s.add(95);
  return s;
})();
export const SPACE = (() => {
  const s = CharSet.of(9, 10, 11, 12, 13, 32);
  s.hi = HI_SPACE;
  return s;
})();
export const DOT = (() => {
  const s = CharSet.any();
  for (const c of [10, 13]) s.bits[c >> 5]! &= ~(1 << (c & 31));
  return s;
})();

/** The parsed pattern. Only what the checks need is kept. */
export type Node =
  | { type: 'set'; set: CharSet }
  | { type: 'seq'; items: Node[] }
  | { type: 'alt'; alts: Node[] }
  | { type: 'group'; body: Node; look: boolean }
  | { type: 'quant'; body: Node; min: number; max: number }
  | { type: 'assert' }
  | { type: 'backref'; name: string };

/** A recursive-descent reader of JavaScript regex syntax (without the `u` flag), lenient where the syntax is. */
export class Parser {
  private i = 0;
  groups = 0;
  backrefs: string[] = [];

  constructor(
    private readonly src: string,
    private readonly ignoreCase: boolean,
  ) {}

  parse(): Node {
    const node = this.alternation();
    return node;
  }

  private peek(): string | undefined {
    return this.src[this.i];
  }

  private alternation(): Node {
    const alts = [this.sequence()];
    while (this.peek() === '|') {
      this.i++;
      alts.push(this.sequence());
    }
    return alts.length === 1 ? alts[0]! : { type: 'alt', alts };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom();
      items.push(this.quantifier(atom));
    }
    return { type: 'seq', items };
  }

  private quantifier(atom: Node): Node {
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return atom;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return atom;
    this.i++;
    if (this.peek() === '?') this.i++; // lazy: the same backtracking, in another order
    return { type: 'quant', body: atom, min, max };
  }

  private atom(): Node {
    const c = this.src[this.i++]!;
    switch (c) {
      case '.':
        return { type: 'set', set: new CharSet().addAll(DOT) };
      case '^':
      case '$':
        return { type: 'assert' };
      case '[':
        return { type: 'set', set: this.charClass() };
      case '(':
        return this.group();
      case '\\':
        return this.escape(false);
      default:
        return { type: 'set', set: this.literal(c.charCodeAt(0)) };
    }
  }

  private literal(code: number): CharSet {
    const s = CharSet.of(code);
    if (this.ignoreCase) {
      const ch = String.fromCharCode(code);
      s.add(ch.toLowerCase().charCodeAt(0));
      s.add(ch.toUpperCase().charCodeAt(0));
    }
    return s;
  }

  private group(): Node {
    let look = false;
    if (this.src.startsWith('?:', this.i)) this.i += 2;
    else if (this.src.startsWith('?=', this.i) || this.src.startsWith('?!', this.i)) {
      this.i += 2;
      look = true;
    } else if (this.src.startsWith('?<=', this.i) || this.src.startsWith('?<!', this.i)) {
      this.i += 3;
      look = true;
    } else if (this.src.startsWith('?<', this.i)) {
      const end = this.src.indexOf('>', this.i);
      this.i = end + 1;
      this.groups++;
    } else this.groups++;
    const body = this.alternation();
    if (this.peek() === ')') this.i++;
    return { type: 'group', body, look };
  }

  /** An escape after the backslash; inside a class, \b is a backspace and back-references do not exist. */
  private escape(inClass: boolean): Node {
    const c = this.src[this.i++] ?? '\\';
    const set = (s: CharSet): Node => ({ type: 'set', set: new CharSet().addAll(s) });
    switch (c) {
      case 'd':
        return set(DIGITS);
      case 'D':
        return set(new CharSet().addAll(DIGITS).negate());
      case 'w':
        return set(WORD);
      case 'W':
        return set(new CharSet().addAll(WORD).negate());
      case 's':
        return set(SPACE);
      case 'S': {
        const s = new CharSet().addAll(SPACE).negate();
        return set(s);
      }
      case 'b':
        return inClass ? set(CharSet.of(8)) : { type: 'assert' };
      case 'B':
        return { type: 'assert' };
      case 'n':
        return set(CharSet.of(10));
      case 'r':
        return set(CharSet.of(13));
      case 't':
        return set(CharSet.of(9));
      case 'v':
        return set(CharSet.of(11));
      case 'f':
        return set(CharSet.of(12));
      case 'c': {
        const l = this.src[this.i];
        if (l && /[A-Za-z]/.test(l)) {
          this.i++;
          return set(CharSet.of(l.charCodeAt(0) % 32));
        }
        return set(CharSet.of(92));
      }
      case 'x':
      case 'u': {
        const len = c === 'x' ? 2 : 4;
        const hex = this.src.slice(this.i, this.i + len);
        if (new RegExp(`^[0-9A-Fa-f]{${len}}$`).test(hex)) {
          this.i += len;
          return set(this.literal(parseInt(hex, 16)));
        }
        return set(this.literal(c.charCodeAt(0)));
      }
      case 'k':
        if (!inClass && this.peek() === '<') {
          const end = this.src.indexOf('>', this.i);
          const name = this.src.slice(this.i + 1, end);
          this.i = end + 1;
          this.backrefs.push(`\\k<${name}>`);
          return { type: 'backref', name };
        }
        return set(this.literal(c.charCodeAt(0)));
      default:
        if (/[1-9]/.test(c) && !inClass) {
          const m = /^\d*/.exec(this.src.slice(this.i))!;
          this.i += m[0].length;
          this.backrefs.push(`\\${c}${m[0]}`);
          return { type: 'backref', name: `${c}${m[0]}` };
        }
        if (c === '0') return set(CharSet.of(0));
        return set(this.literal(c.charCodeAt(0)));
    }
  }

  private charClass(): CharSet {
    let negate = false;
    if (this.peek() === '^') {
      negate = true;
      this.i++;
    }
    const out = new CharSet();
    while (this.i < this.src.length && this.peek() !== ']') {
      const lo = this.classAtom();
      if (this.peek() === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length && typeof lo === 'number') {
        const save = this.i;
        this.i++;
        const hi = this.classAtom();
        if (typeof hi === 'number' && hi >= lo) {
          out.addRange(lo, hi);
          if (this.ignoreCase) {
            for (let ch = lo; ch <= Math.min(hi, 127); ch++) out.addAll(this.literal(ch));
          }
          continue;
        }
        this.i = save;
      }
      if (typeof lo === 'number') out.addAll(this.literal(lo));
      else out.addAll(lo);
    }
    this.i++; // the closing ]
    return negate ? out.negate() : out;
  }

  /** One class member: a code point, or a set for \d, \w, \s and their negations. */
  private classAtom(): number | CharSet {
    const c = this.src[this.i++]!;
    if (c !== '\\') return c.charCodeAt(0);
    const node = this.escape(true);
    if (node.type !== 'set') return 92;
    const codes: number[] = [];
    for (let ch = 0; ch < 128 && codes.length < 2; ch++) if (node.set.has(ch)) codes.push(ch);
    return codes.length === 1 && node.set.hi === 0 ? codes[0]! : node.set;
  }
}

/** Whether the node can match the empty string. */
export function nullable(n: Node): boolean {
  switch (n.type) {
    case 'set':
      return false;
    case 'seq':
      return n.items.every(nullable);
    case 'alt':
      return n.alts.some(nullable);
    case 'group':
      return n.look || nullable(n.body);
    case 'quant':
      return n.min === 0 || nullable(n.body);
    case 'assert':
    case 'backref':
      return true;
  }
}

/** The characters a match of the node can start with. */
export function first(n: Node): CharSet {
  const out = new CharSet();
  switch (n.type) {
    case 'set':
      return out.addAll(n.set);
    case 'seq':
      for (const item of n.items) {
        out.addAll(first(item));
        if (!nullable(item)) break;
      }
      return out;
    case 'alt':
      for (const a of n.alts) out.addAll(first(a));
      return out;
    case 'group':
      return n.look ? out : first(n.body);
    case 'quant':
      return n.max === 0 ? out : first(n.body);
    case 'assert':
      return out;
    case 'backref':
      return CharSet.any();
  }
}
