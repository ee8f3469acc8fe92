// A small tokenizer per dialect, just precise enough to tell whether an offset is in a string, a comment or code.
import type { FixLanguage } from './languages';

/** A string literal around the secret. */
export interface Literal {
  start: number; // first character of the prefix or opening delimiter
  end: number; // just after the closing delimiter
  contentStart: number;
  contentEnd: number;
  /** Letters or sigils before the delimiter: `f`, `rb`, `@`, `$`, `r#`, ... (lower-cased for Python). */
  prefix: string;
  open: string;
  close: string;
}

/** Where an offset sits. */
export type Place =
  | { kind: 'string'; literal: Literal }
  | { kind: 'comment'; start: number; end: number }
  | { kind: 'code' };

type Escape = 'backslash' | 'double' | 'none' | 'powershell';

interface Opener {
  re: RegExp; // sticky; group 1 = prefix, group 2 = opening delimiter
  close: (m: RegExpExecArray) => string;
  escape: Escape;
  /** Interpolation opener whose braces may hold nested strings (`${`, `#{`, `{`). */
  nest?: string;
  singleLine?: boolean;
  /** Only where a YAML value may start. */
  yamlValue?: boolean;
  /** Refuse when the prefix is glued to an identifier before it. */
  wordStart?: boolean;
}

interface Dialect {
  line: string[];
  lineWordStart?: boolean; // `#` starts a comment only at line start or after whitespace
  lineAtLineStart?: boolean; // comments only as the first thing on a line (Dockerfile, properties)
  block: [string, string][];
  strings: Opener[];
  regexLiterals?: boolean;
  rustChars?: boolean;
}

const same = (m: RegExpExecArray): string => m[2] ?? '"';
const q = (re: string): RegExp => new RegExp(re, 'y');

const C_LIKE_COMMENTS = { line: ['//'], block: [['/*', '*/']] as [string, string][] };
const DQ: Opener = { re: q('()(")'), close: same, escape: 'backslash' };
const SQ: Opener = { re: q("()(')"), close: same, escape: 'backslash' };

const DIALECTS: Partial<Record<FixLanguage, Dialect>> = {
  javascript: { ...C_LIKE_COMMENTS, regexLiterals: true, strings: [
    { re: q('()(`)'), close: same, escape: 'backslash', nest: '${' }, { ...DQ, singleLine: true }, { ...SQ, singleLine: true }] },
  python: { line: ['#'], block: [], strings: [
    { re: q('([rRbBuUfF]{0,2})("""|\'\'\'|"|\')'), close: same, escape: 'backslash', wordStart: true }] },
  go: { ...C_LIKE_COMMENTS, strings: [{ re: q('()(`)'), close: same, escape: 'none' }, { ...DQ, singleLine: true }, SQ] },
  java: { ...C_LIKE_COMMENTS, strings: [{ re: q('()(""")'), close: same, escape: 'backslash' }, { ...DQ, singleLine: true }, SQ] },
  kotlin: { ...C_LIKE_COMMENTS, strings: [
    { re: q('()(""")'), close: same, escape: 'none', nest: '${' }, { ...DQ, nest: '${', singleLine: true }, SQ] },
  csharp: { ...C_LIKE_COMMENTS, strings: [
    { re: q('(\\$*)("{3,})'), close: same, escape: 'none' },
    { re: q('(\\$@|@\\$|@)(")'), close: same, escape: 'double' },
    { re: q('(\\$)(")'), close: same, escape: 'backslash', nest: '{', singleLine: true },
    { ...DQ, singleLine: true }, SQ] },
  ruby: { line: ['#'], block: [['=begin', '=end']], strings: [
    { re: q('()(")'), close: same, escape: 'backslash', nest: '#{' }, { re: q("()(')"), close: same, escape: 'backslash' },
    { re: q('()(`)'), close: same, escape: 'backslash', nest: '#{' }] },
  php: { line: ['//', '#'], block: [['/*', '*/']], strings: [{ ...DQ, nest: '{$' }, SQ] },
  rust: { ...C_LIKE_COMMENTS, rustChars: true, strings: [
    { re: q('(b?r#*)(")'), close: (m) => '"' + '#'.repeat((m[1] ?? '').replace(/^b?r/, '').length), escape: 'none', wordStart: true },
    { re: q('(b?)(")'), close: same, escape: 'backslash', wordStart: true }] },
  shell: { line: ['#'], lineWordStart: true, block: [], strings: [
    { re: q("(\\$)(')"), close: same, escape: 'backslash' }, { re: q("()(')"), close: same, escape: 'none' },
    { re: q('()(")'), close: same, escape: 'backslash', nest: '$(' }] },
  dockerfile: { line: ['#'], lineAtLineStart: true, block: [], strings: [
    { re: q("()(')"), close: same, escape: 'none' }, { re: q('()(")'), close: same, escape: 'backslash' }] },
  powershell: { line: ['#'], block: [['<#', '#>']], strings: [
    { re: q('(@)(")'), close: () => '"@', escape: 'none' }, { re: q("(@)(')"), close: () => "'@", escape: 'none' },
    { re: q("()(')"), close: same, escape: 'double' }, { re: q('()(")'), close: same, escape: 'powershell', nest: '$(' }] },
  yaml: { line: ['#'], lineWordStart: true, block: [], strings: [
    { re: q("()(')"), close: same, escape: 'double', yamlValue: true }, { ...DQ, yamlValue: true }] },
  properties: { line: ['#', '!'], lineAtLineStart: true, block: [], strings: [] },
  terraform: { line: ['#', '//'], block: [['/*', '*/']], strings: [
    { re: q('(<<-?)([A-Za-z_]\\w*)\\r?\\n'), close: (m) => m[2] ?? 'EOF', escape: 'none', nest: '${' },
    { ...DQ, nest: '${' }] },
};

/** Where `offset` lies in `text`, read as `lang`: inside a string literal, a comment, or plain code/text. */
export function placeOf(text: string, offset: number, lang: FixLanguage): Place {
  let place: Place = { kind: 'code' };
  walk(text, lang, offset, (kind, start, end, literal) => {
    if (offset < start || offset >= end) return false;
    place = kind === 'string' && literal ? { kind: 'string', literal } : kind === 'comment' ? { kind: 'comment', start, end } : { kind: 'code' };
    return true;
  });
  return place;
}

/** `text` up to `end` with strings and comments blanked out (newlines kept), for bracket and keyword analysis. */
export function codeOnly(text: string, lang: FixLanguage, end: number): string {
  const chars = text.slice(0, end).split('');
  walk(text, lang, end, (_kind, start, stop) => {
    for (let i = start; i < Math.min(stop, end); i++) if (chars[i] !== '\n') chars[i] = ' ';
    return false;
  });
  return chars.join('');
}

type Visit = (kind: 'string' | 'comment' | 'regex', start: number, end: number, literal?: Literal) => boolean;

/** Steps through strings, comments and regex literals that start at or before `until`; stops when `visit` says so. */
function walk(text: string, lang: FixLanguage, until: number, visit: Visit): void {
  const d = DIALECTS[lang === 'typescript' ? 'javascript' : lang];
  if (!d) return;
  let i = 0;
  let lastSignificant = '';
  while (i < text.length && i <= until) {
    const ch = text[i]!;
    const comment = commentAt(text, i, d);
    if (comment !== undefined) {
      if (visit('comment', i, comment)) return;
      i = comment;
      continue;
    }
    const lit = stringAt(text, i, d);
    if (lit) {
      if (visit('string', lit.start, lit.end, lit)) return;
      i = lit.end;
      lastSignificant = '"';
      continue;
    }
    if (d.regexLiterals && ch === '/' && /^$|[(,=:[!&|?{};+\-*%<>~^]$/.test(lastSignificant)) {
      const end = regexEnd(text, i);
      if (end > i) {
        if (visit('regex', i, end)) return;
        i = end;
        lastSignificant = '/';
        continue;
      }
    }
    if (d.rustChars && ch === "'") {
      const m = /'(?:\\[^']{1,10}|[^\\'\n])'/y;
      m.lastIndex = i;
      if (m.exec(text)) { i = m.lastIndex; continue; }
    }
    if (!/\s/.test(ch)) lastSignificant = /[\w$]/.test(ch) ? (wordBefore(text, i + 1) === 'return' ? '(' : 'a') : ch;
    i++;
  }
}

function wordBefore(text: string, end: number): string {
  let s = end;
  while (s > 0 && /[\w$]/.test(text[s - 1]!)) s--;
  return text.slice(s, end);
}

/** End offset of a comment starting at i, or undefined. */
function commentAt(text: string, i: number, d: Dialect): number | undefined {
  const atLineStart = /^[ \t]*$/.test(text.slice(text.lastIndexOf('\n', i - 1) + 1, i));
  for (const open of d.line) {
    if (!text.startsWith(open, i)) continue;
    if (d.lineAtLineStart && !atLineStart) continue;
    if (d.lineWordStart && i > 0 && !/[\s;|&(]/.test(text[i - 1]!)) continue;
    const nl = text.indexOf('\n', i);
    return nl < 0 ? text.length : nl;
  }
  for (const [open, close] of d.block) {
    if (!text.startsWith(open, i)) continue;
    if (open === '=begin' && !atLineStart) continue;
    const e = text.indexOf(close, i + open.length);
    return e < 0 ? text.length : e + close.length;
  }
  return undefined;
}

function stringAt(text: string, i: number, d: Dialect): Literal | undefined {
  for (const op of d.strings) {
    op.re.lastIndex = i;
    const m = op.re.exec(text);
    if (!m) continue;
    if (op.wordStart && i > 0 && /[\w]/.test(text[i - 1]!)) continue;
    if (op.yamlValue && !/(^|[:\-[{,?]\s*|^\s*)$/.test(text.slice(text.lastIndexOf('\n', i - 1) + 1, i))) continue;
    const contentStart = op.re.lastIndex;
    const close = op.close(m);
    const contentEnd = scanToClose(text, contentStart, close, op);
    const prefix = m[1] ?? '';
    const open = text.slice(i + prefix.length, contentStart);
    return { start: i, end: Math.min(text.length, contentEnd + close.length), contentStart, contentEnd, prefix, open, close };
  }
  return undefined;
}

/** Offset of the closing delimiter (or the end of the line/text for an unterminated literal). */
function scanToClose(text: string, from: number, close: string, op: Opener): number {
  let i = from;
  const heredoc = /^[A-Za-z_]\w*$/.test(close);
  while (i < text.length) {
    const ch = text[i]!;
    if (heredoc) {
      const nl = text.indexOf('\n', i);
      const line = text.slice(i, nl < 0 ? text.length : nl);
      if (line.trim() === close) return i + line.indexOf(close);
      if (nl < 0) return text.length;
      i = nl + 1;
      continue;
    }
    if (op.singleLine && ch === '\n') return i;
    if (op.escape === 'backslash' && ch === '\\') { i += 2; continue; }
    if (op.escape === 'powershell' && ch === '`') { i += 2; continue; }
    if ((op.escape === 'double' || op.escape === 'powershell') && text.startsWith(close + close, i) && close.length === 1) { i += 2; continue; }
    if (op.nest && text.startsWith(op.nest, i)) { i = skipNested(text, i + op.nest.length, op.nest); continue; }
    if (text.startsWith(close, i)) {
      if (/^"{3,}$/.test(close)) { // a run of quotes closes at its end
        let j = i;
        while (text[j] === '"') j++;
        return j - close.length;
      }
      return i;
    }
    i++;
  }
  return text.length;
}

/** Skips an interpolation hole up to its matching closer, stepping over simple nested strings. */
function skipNested(text: string, from: number, nest: string): number {
  const openCh = nest.endsWith('(') ? '(' : '{';
  const closeCh = openCh === '(' ? ')' : '}';
  let depth = nest === '{$' ? 1 : 1;
  let i = from;
  while (i < text.length && depth > 0) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'" || ch === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== ch && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      i = j + 1;
      continue;
    }
    if (ch === openCh) depth++;
    else if (ch === closeCh) depth--;
    i++;
  }
  return i;
}

function regexEnd(text: string, i: number): number {
  if (text[i + 1] === '/' || text[i + 1] === '*') return i;
  let j = i + 1;
  let inClass = false;
  while (j < text.length && text[j] !== '\n') {
    const ch = text[j]!;
    if (ch === '\\') { j += 2; continue; }
    if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    else if (ch === '/' && !inClass) {
      j++;
      while (j < text.length && /[a-z]/.test(text[j]!)) j++;
      return j;
    }
    j++;
  }
  return i;
}
