// Inline markers that silence a finding: ours, and the ones people already have for other scanners.
const SAME_LINE = /leakless:allow(?!-next-line)|leakless-disable-line|gitleaks:allow|pragma:\s*allowlist\s+secret|secretlint-disable-line|trufflehog:ignore|nosec\b|detect-secrets:\s*allow/i;
const NEXT_LINE = /leakless:allow-next-line|leakless-disable-next-line|secretlint-disable-next-line|pragma:\s*allowlist\s+nextline\s+secret/i;

/** The same-line marker inserted by our "ignore here" fix. */
export const ALLOW_MARKER = 'leakless:allow';

/** True when the lines around [start, end) carry a marker that allows the secret. */
export function isInlineAllowed(text: string, start: number, end: number): boolean {
  const lineStart = lineStartOf(text, start);
  const lineEnd = lineEndOf(text, end);
  if (SAME_LINE.test(text.slice(lineStart, lineEnd))) return true;
  if (lineStart === 0) return false;
  const prevEnd = text[lineStart - 2] === '\r' && text[lineStart - 1] === '\n' ? lineStart - 2 : lineStart - 1;
  const prevStart = lineStartOf(text, prevEnd);
  return NEXT_LINE.test(text.slice(prevStart, prevEnd));
}

function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function lineEndOf(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}
