import { base62, crc32 } from './crc32';

const CHARSETS: Readonly<Record<string, string>> = {
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  lower: 'abcdefghijklmnopqrstuvwxyz0123456789',
  alpha: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  hex: '0123456789abcdef',
  HEX: '0123456789ABCDEF',
  digits: '0123456789',
  b32: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
  b64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  b64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
};

/** The charset names usable in example templates: `[[hex:32]]`. */
export const FAKE_CHARSETS: readonly string[] = Object.keys(CHARSETS);

/** A small deterministic PRNG (mulberry32), so fake secrets are the same on every run. */
export function prng(seed: string): () => number {
  let s = 0;
  for (let i = 0; i < seed.length; i++) s = (Math.imul(s ^ seed.charCodeAt(i), 0x9e3779b1) + 1) >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomFrom(chars: string, length: number, rnd: () => number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += chars[Math.floor(rnd() * chars.length)]!;
  return out;
}

/**
 * Expands fake-secret templates in rule examples and test fixtures, so that no committed literal looks like a live
 * credential: `[[hex:32]]` (a charset and a length), `[[github:ghp_]]` (a GitHub token with a valid checksum),
 * `[[jwt]]` (a structurally valid JWT with fake claims).
 */
export function expandFakes(template: string, seed: string): string {
  const rnd = prng(seed);
  return template.replace(/\[\[([A-Za-z0-9]+)(?::([^\]]*))?\]\]/g, (whole, kind: string, arg: string | undefined) => {
    const chars = CHARSETS[kind];
    if (chars) {
      const n = Number(arg);
      if (!Number.isInteger(n) || n <= 0 || n > 100000) throw new Error(`bad fake length in ${whole}`);
      return randomFrom(chars, n, rnd);
    }
    if (kind === 'github') {
      const body = randomFrom(CHARSETS['alnum']!, 30, rnd);
      return `${arg ?? 'ghp_'}${body}${base62(crc32(body), 6)}`;
    }
    if (kind === 'jwt') {
      const enc = (o: unknown): string => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
      const sub = randomFrom(CHARSETS['lower']!, 12, rnd);
      return `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({ sub, iat: 1700000000 + Math.floor(rnd() * 1e6) })}.${randomFrom(CHARSETS['b64url']!, 43, rnd)}`;
    }
    throw new Error(`unknown fake template ${whole} (known: ${FAKE_CHARSETS.join(', ')}, github, jwt)`);
  });
}
