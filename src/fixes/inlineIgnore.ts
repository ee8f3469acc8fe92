// "Ignore here": the `leakless:allow` marker, written as a comment in the file's own syntax.
import { ALLOW_MARKER } from '../core/suppress';
import { placeOf } from './lexer';
import { resolveLanguage, type FixLanguage } from './languages';
import type { FixInput, TextEdit, Unsupported } from './types';

/** The marker for the line above, where a trailing comment is not possible. */
export const ALLOW_NEXT_LINE_MARKER = 'leakless:allow-next-line';

type Style = { open: string; close?: string; above?: boolean };

const STYLE: Partial<Record<FixLanguage, Style>> = {
  javascript: { open: '//' }, typescript: { open: '//' }, go: { open: '//' }, java: { open: '//' }, kotlin: { open: '//' },
  csharp: { open: '//' }, php: { open: '//' }, rust: { open: '//' }, c: { open: '//' },
  python: { open: '#' }, ruby: { open: '#' }, shell: { open: '#' }, powershell: { open: '#' }, yaml: { open: '#' },
  terraform: { open: '#' }, toml: { open: '#' },
  dockerfile: { open: '#', above: true }, properties: { open: '#', above: true }, dotenv: { open: '#', above: true },
  ini: { open: ';', above: true },
  sql: { open: '--' }, lua: { open: '--' },
  html: { open: '<!--', close: '-->' }, markdown: { open: '<!--', close: '-->' }, xml: { open: '<!--', close: '-->' },
  css: { open: '/*', close: '*/' },
};

const WORKSPACE = ['Ignore the finding in the workspace instead (it is stored by fingerprint, not in the file).'];

/** The comment style for a document (`jsonc` allows `//` although JSON does not). */
function styleFor(languageId: string, fileName: string): Style | undefined {
  if (/^jsonc$/i.test(languageId) || /\.jsonc$/i.test(fileName)) return { open: '//' };
  return STYLE[resolveLanguage(languageId, fileName)];
}

/** The edit adding `leakless:allow` as a comment at the end of the secret's line (or a marker line above it). */
export function planInlineIgnore(input: FixInput): TextEdit | Unsupported {
  const style = styleFor(input.languageId, input.fileName);
  const lang = resolveLanguage(input.languageId, input.fileName);
  if (!style) {
    return { kind: 'unsupported', reason: `${lang === 'json' ? 'JSON' : 'This file type'} has no comments, so the finding cannot be marked in the file.`, alternatives: WORKSPACE };
  }
  const { text } = input;
  const lineStart = text.lastIndexOf('\n', input.secretStart - 1) + 1;
  const nl = text.indexOf('\n', input.secretEnd);
  let lineEnd = nl < 0 ? text.length : nl;
  if (text[lineEnd - 1] === '\r') lineEnd--;
  const place = placeOf(text, input.secretStart, lang);
  if (place.kind === 'string' && place.literal.end > lineEnd) {
    return { kind: 'unsupported', reason: 'The secret is inside a multi-line string: a comment on its line would become part of the string.', alternatives: WORKSPACE };
  }
  const line = text.slice(lineStart, lineEnd);
  if (style.above) {
    const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    return { start: lineStart, end: lineStart, newText: `${indent}${style.open} ${ALLOW_NEXT_LINE_MARKER}${eol}` };
  }
  if (/\\$/.test(line) && (lang === 'shell' || lang === 'python' || lang === 'c')) {
    return { kind: 'unsupported', reason: 'The line ends with a line continuation, so a comment cannot follow it.', alternatives: WORKSPACE };
  }
  const comment = style.close ? `${style.open} ${ALLOW_MARKER} ${style.close}` : `${style.open} ${ALLOW_MARKER}`;
  const trimmedEnd = lineStart + line.replace(/[ \t]+$/, '').length;
  return { start: trimmedEnd, end: lineEnd, newText: ` ${comment}` };
}
