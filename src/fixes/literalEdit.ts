// Rewriting a string literal so that part of it comes from an expression, without breaking the string.
import type { Literal } from './lexer';

/** The pieces of a literal around the secret, raw (escapes kept as written). */
export interface Split {
  before: string;
  after: string;
  /** The secret is the literal's whole content. */
  whole: boolean;
}

/** Splits a literal's content around [start, end). */
export function splitLiteral(text: string, lit: Literal, start: number, end: number): Split {
  return {
    before: text.slice(lit.contentStart, start),
    after: text.slice(end, lit.contentEnd),
    whole: start === lit.contentStart && end === lit.contentEnd,
  };
}

/** `"pre" + expr + "post"`, dropping empty pieces; each piece keeps the literal's prefix and quotes. */
export function concatenate(lit: Literal, split: Split, expr: string, op = ' + '): string {
  const wrap = (c: string): string => `${lit.prefix}${lit.open}${c}${lit.close}`;
  return [split.before ? wrap(split.before) : '', expr, split.after ? wrap(split.after) : ''].filter(Boolean).join(op);
}

/**
 * True when a binary expression put where the literal was needs parentheses: anything after it other than a
 * delimiter or an operator binding looser than concatenation (`"a".equals(b)`, `"a"[0]`), or a unary before it.
 */
export function needsParens(text: string, start: number, end: number, concatOp = '+'): boolean {
  let p = start - 1;
  while (p >= 0 && /[ \t]/.test(text[p]!)) p--;
  let n = end;
  while (n < text.length && /[ \t]/.test(text[n]!)) n++;
  const prev = p >= 0 ? text[p]! : '\n';
  const next = n < text.length ? text[n]! : '\n';
  const prevWord = /(\w+)$/.exec(text.slice(Math.max(0, p - 10), p + 1))?.[1];
  const prevOk = /[=(,[{:;+?<>&|\n\r]/.test(prev) || prevWord === 'return' || prevWord === 'yield'
    || (concatOp === '.' && prev === '.') || prevWord === 'in';
  const nextOk = /[),;\]}+:?=!<>&|\n\r]/.test(next) || (concatOp === '.' && next === '.')
    || (next === '.' && text[n + 1] === '.' && concatOp !== '.');
  return !(prevOk && nextOk);
}

/** Parenthesises `expr` when the literal's surroundings require it. */
export function parenIfNeeded(text: string, lit: Literal, expr: string, concatOp = '+'): string {
  return expr.includes(` ${concatOp} `) && needsParens(text, lit.start, lit.end, concatOp) ? `(${expr})` : expr;
}
