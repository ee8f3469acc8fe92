// Where imports and helpers go in a file, and the edits that add a missing import exactly once.
import type { TextEdit } from './types';

/** The end-of-line style of a text. */
export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Offset of the start of the line after the one containing `offset` (or the end of text). */
export function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

interface Line { start: number; end: number; text: string }

function linesOf(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    out.push({ start, end, text: text.slice(start, end).replace(/\r$/, '') });
    if (nl < 0) return out;
    start = nl + 1;
  }
}

/** Inserting at `offset` a block of lines; adds a line break first when the offset is at a text end without one. */
function insertLines(text: string, offset: number, lines: string): TextEdit {
  const eol = eolOf(text);
  const body = lines.replace(/\n/g, eol);
  const needsBreak = offset === text.length && text.length > 0 && !text.endsWith('\n');
  return { start: offset, end: offset, newText: (needsBreak ? eol : '') + body };
}

/** End of a Python file's header: shebang/encoding comments, module docstring and `from __future__` imports. */
export function pythonHeaderEnd(text: string): number {
  const lines = linesOf(text);
  let i = 0;
  let end = 0;
  while (i < lines.length && /^\s*(#.*)?$/.test(lines[i]!.text)) i++;
  const doc = /^[rRuU]?("""|'''|"|')/.exec(lines[i]?.text ?? '');
  if (doc) {
    const quote = doc[1]!;
    const from = lines[i]!.start + doc[0].length;
    const close = text.indexOf(quote, from);
    if (close >= 0) {
      end = nextLineStart(text, close + quote.length);
      while (i < lines.length && lines[i]!.end < close + quote.length) i++;
      i++;
    }
  }
  for (; i < lines.length; i++) {
    const t = lines[i]!.text;
    if (/^\s*(#.*)?$/.test(t)) continue;
    if (!/^from\s+__future__\s+import\b/.test(t)) break;
    let j = i;
    if (t.includes('(') && !t.includes(')')) while (j < lines.length && !lines[j]!.text.includes(')')) j++;
    end = j + 1 < lines.length ? lines[j + 1]!.start : text.length;
    i = j;
  }
  return end;
}

/** Line starts where top-level import statements begin, for languages with line-oriented imports. */
function importLines(text: string, re: RegExp): Line[] {
  return linesOf(text).filter((l) => re.test(l.text));
}

/** Offset just after the last top-level import of a Python file (or after its header when there is none). */
function pythonImportsEnd(text: string): number {
  const header = pythonHeaderEnd(text);
  const imports = importLines(text, /^(import\s+\w|from\s+[\w.]+\s+import\b)/).filter((l) => l.start >= header);
  const last = imports[imports.length - 1];
  if (!last) return header;
  let end = last.end;
  if (last.text.includes('(') && !last.text.includes(')')) end = text.indexOf(')', end);
  return nextLineStart(text, end);
}

/** True when `import os` (possibly among others) binds the name `os`. */
export function pythonHasImport(text: string, module: string): boolean {
  const re = new RegExp(`^import\\s+(?:[\\w.]+(?:\\s+as\\s+\\w+)?\\s*,\\s*)*${module.replace('.', '\\.')}(?:\\s*,|\\s*$|\\s*#)`, 'm');
  return re.test(text);
}

/** Adds `import os` (or another plain import) after the docstring and `from __future__` imports, unless present. */
export function pythonImportEdit(text: string, line: string): TextEdit | undefined {
  const plain = /^import\s+([\w.]+)$/.exec(line);
  if (plain ? pythonHasImport(text, plain[1]!) : new RegExp(`^${escapeRe(line)}\\s*$`, 'm').test(text)) return undefined;
  const header = pythonHeaderEnd(text);
  const rest = text.slice(header);
  const firstImport = /^(import\s+\w|from\s+[\w.]+\s+import\b)/m.exec(rest);
  const firstCode = /^[^\s#]/m.exec(rest);
  const at = firstImport && (!firstCode || firstImport.index <= firstCode.index) ? header + firstImport.index : header;
  const blankAfter = !firstImport && header < text.length && at === header && text.slice(at).trim() !== '' ? '\n' : '';
  return insertLines(text, at, `${line}\n${blankAfter}`);
}

/** One edit adding every missing Python import line, placed like `import os` (after docstring and __future__). */
export function pythonImportsEdit(text: string, lines: readonly string[]): TextEdit | undefined {
  const missing = lines.filter((l) => pythonImportEdit(text, l) !== undefined);
  if (missing.length === 0) return undefined;
  const first = pythonImportEdit(text, missing[0]!)!;
  return { ...first, newText: first.newText.replace(missing[0]!, missing.join(eolOf(text))) };
}

/** Where a helper goes: after the imports of the file (and after a blank line). */
export function afterImportsOffset(text: string, lang: 'python' | 'javascript' | 'typescript' | 'ruby' | 'go' | 'php'): number {
  if (lang === 'python') return pythonImportsEnd(text);
  if (lang === 'go') {
    const block = goImportBlock(text);
    if (block) return nextLineStart(text, block.end - 1);
    const pkg = /^package\s+\w+.*$/m.exec(text);
    return pkg ? nextLineStart(text, pkg.index) : 0;
  }
  if (lang === 'php') {
    const uses = importLines(text, /^use\s+[\w\\]+/);
    const last = uses[uses.length - 1];
    if (last) return nextLineStart(text, last.start);
    const open = /<\?php\b.*$/m.exec(text);
    const ns = /^namespace\s+[\w\\]+\s*;.*$/m.exec(text);
    const anchor = ns ?? open;
    return anchor ? nextLineStart(text, anchor.index) : 0;
  }
  const re = lang === 'ruby'
    ? /^(require|require_relative|load)\b/
    : /^(import\b|export\s+(\*|\{[^}]*\})\s+from\b|(const|let|var)\s+[\w{}\s,:$]+=\s*require\(|require\()/;
  let end = 0;
  for (const l of linesOf(text)) {
    if (re.test(l.text)) end = l.end;
    else if (lang !== 'ruby' && end > 0 && /^\s*[\w$,{}\s]*\}?\s*from\s+['"]/.test(l.text)) end = l.end; // multi-line import tail
  }
  if (end === 0) {
    const lines = linesOf(text);
    let i = 0;
    while (i < lines.length && /^(#!|#.*(coding|frozen_string_literal)|\s*['"]use strict['"];?\s*$)/.test(lines[i]!.text)) i++;
    return i < lines.length ? lines[i]!.start : text.length;
  }
  return nextLineStart(text, end);
}

/** A statement-level import that must appear once: inserted after the last import, unless already there. */
export function lineImportEdit(text: string, line: string, lang: 'javascript' | 'typescript' | 'ruby' | 'php', present: RegExp): TextEdit | undefined {
  if (present.test(text)) return undefined;
  return insertLines(text, afterImportsOffset(text, lang), `${line}\n`);
}

interface GoBlock { start: number; end: number; specs: { path: string; lineStart: number }[] }

/** The first parenthesised `import ( ... )` block of a Go file. */
function goImportBlock(text: string): GoBlock | undefined {
  const m = /^import\s*\(/m.exec(text);
  if (!m) return undefined;
  const close = text.indexOf(')', m.index + m[0].length);
  if (close < 0) return undefined;
  const specs: GoBlock['specs'] = [];
  const body = text.slice(m.index + m[0].length, close);
  const base = m.index + m[0].length;
  const re = /^[ \t]*(?:[\w.]+[ \t]+)?"([^"]+)"/gm;
  for (let s = re.exec(body); s; s = re.exec(body)) specs.push({ path: s[1]!, lineStart: base + s.index });
  return { start: m.index, end: close + 1, specs };
}

/** True when a Go file imports `path` under its own name. */
export function goHasImport(text: string, path: string): boolean {
  return new RegExp(`^(import\\s+|\\s+)"${escapeRe(path)}"`, 'm').test(text);
}

/** Edits adding Go imports: into the import block (sorted), turning a single import into a block, or after `package`. */
export function goImportEdits(text: string, paths: string[]): TextEdit[] {
  const missing = paths.filter((p) => !goHasImport(text, p));
  if (missing.length === 0) return [];
  const eol = eolOf(text);
  const block = goImportBlock(text);
  if (block) {
    const edits: TextEdit[] = [];
    for (const path of missing) {
      const after = block.specs.find((s) => s.path > path && !s.path.includes('.') === !path.includes('.'));
      const at = after ? after.lineStart : text.lastIndexOf('\n', block.end - 1) + 1;
      edits.push({ start: at, end: at, newText: `\t"${path}"${eol}` });
    }
    return mergeSamePoint(edits);
  }
  const single = /^import[ \t]+((?:[\w.]+[ \t]+)?"[^"]+")[ \t]*$/m.exec(text);
  if (single) {
    const key = (spec: string): string => { const path = /"([^"]+)"/.exec(spec)?.[1] ?? ''; return `${path.includes('.') ? 1 : 0}${path}`; };
    const specs = [single[1]!, ...missing.map((p) => `"${p}"`)].sort((a, b) => (key(a) < key(b) ? -1 : 1));
    const lines = specs.map((s) => `\t${s}`).join(eol);
    return [{ start: single.index, end: single.index + single[0].length, newText: `import (${eol}${lines}${eol})` }];
  }
  const pkg = /^package[ \t]+\w+[^\n]*(\n|$)/m.exec(text);
  const at = pkg ? pkg.index + pkg[0].length : 0;
  const decl = missing.length === 1
    ? `import "${missing[0]}"`
    : `import (${eol}${missing.map((p) => `\t"${p}"`).join(eol)}${eol})`;
  const lead = pkg && !pkg[1] ? eol : '';
  return [{ start: at, end: at, newText: `${lead}${eol}${decl}${eol}` }];
}

/** Joins edits that insert at the same offset, so a plan never holds two edits at one point. */
export function mergeSamePoint(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const prev = out.find((o) => o.start === e.start && o.end === e.start && e.start === e.end);
    if (prev) prev.newText += e.newText;
    else out.push({ ...e });
  }
  return out;
}

/** A regex source matching `s` literally. */
export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Applies non-overlapping edits made against `text` (any order); for tests and previews. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.end > limit) throw new Error(`overlapping edits at ${e.start}-${e.end}`);
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    limit = e.start;
  }
  return out;
}
