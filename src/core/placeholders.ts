// Values that look like secrets to a regex but are placeholders, templates or references to a real secret elsewhere.
const PLACEHOLDER_PATTERNS: readonly RegExp[] = [
  /^(.)\1*$/s, // one repeated character
  /x{5,}|\*{3,}|•{2,}|\.{3}|…|_{4,}|0{8,}/i,
  /\byour[_\- ]?|[_\-]here\b|\bhere$|example|placeholder|change[_\-]?me|replace[_\-]?me|dummy|sample|redacted|insert[_\-]|todo|fixme|<[^>]*>/i,
  /\$\{[^}]*\}|\{\{[^}]*\}\}|^\$[A-Za-z_][A-Za-z0-9_]*$|^%[A-Za-z_][A-Za-z0-9_]*%$|\$\(|#\{[^}]*\}/,
  /process\.env|os\.environ|getenv|\bENV\[|secrets\.|vault:|\bvar\.|System\.getenv/i,
  /abcdefgh|bcdefghi|12345678|23456789|qwertyui|asdfghjk/i,
];

/** True when a candidate secret is a placeholder, template or lookup rather than a literal secret. */
export function isPlaceholder(value: string): boolean {
  for (const re of PLACEHOLDER_PATTERNS) if (re.test(value)) return true;
  return false;
}
