// Values that look like secrets to a regex but are placeholders, templates or references to a real secret elsewhere.

/** Templates and lookups: always a reference to a value kept elsewhere, however random the rest looks. */
const TEMPLATE_PATTERNS: readonly RegExp[] = [
  /^(.)\1*$/s, // one repeated character
  /\$\{[^}]*\}|\{\{[^}]*\}\}|^\$[A-Za-z_][A-Za-z0-9_]*$|^%[A-Za-z_][A-Za-z0-9_]*%$|\$\(|#\{[^}]*\}/,
  /process\.env|os\.environ|getenv|\bENV\[|secrets\.|vault:|\bvar\.|System\.getenv/i,
  /<[^>]*>/,
  /\[\[[A-Za-z0-9]+(?::[^\]]*)?\]\]/, // our own fake-secret templates, as in rules/*.yaml and test/corpus
  // Words of seven letters or more do not turn up in random text by chance (about 1 in 10^8 for a long token).
  /example|placeholder|change_?me|replace_?me|redacted/i,
];

/**
 * Placeholder words and filler. A long random token can contain "todo" or "xxxxx" by chance, so these are only
 * consulted for values that are not clearly random (see isPlaceholder).
 */
const FILLER_PATTERNS: readonly RegExp[] = [
  /x{5,}|\*{3,}|•{2,}|\.{3}|…|_{4,}|0{8,}/i,
  /your|dummy|sample|insert|todo|fixme|here\b/i,
  /abcdefgh|bcdefghi|12345678|23456789|qwertyui|asdfghjk/i,
];

/** Above this length and entropy (bits per character) a value is random enough that filler words are chance. */
const RANDOM_LENGTH = 40;
const RANDOM_ENTROPY = 4.2;

/** True when a candidate secret is a placeholder, template or lookup rather than a literal secret. */
export function isPlaceholder(value: string, entropy?: number): boolean {
  for (const re of TEMPLATE_PATTERNS) if (re.test(value)) return true;
  if (value.length >= RANDOM_LENGTH && entropy !== undefined && entropy >= RANDOM_ENTROPY) return false;
  for (const re of FILLER_PATTERNS) if (re.test(value)) return true;
  return false;
}
