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
 * `[[jwt]]` (a structurally valid JWT with fake claims), `[[npm]]` (an npm token with a valid checksum), `[[pypi]]` and
 * `[[pypi:test]]` (PyPI / TestPyPI tokens: macaroons with a well-formed header and a random signature).
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
    if (kind === 'npm') {
      const body = randomFrom(CHARSETS['alnum']!, 30, rnd);
      return `npm_${body}${base62(crc32(body), 6)}`;
    }
    if (kind === 'pypi') return fakePypiToken(arg === 'test' ? 'test.pypi.org' : 'pypi.org', rnd);
    if (kind === 'jwt') {
      const enc = (o: unknown): string => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
      const sub = randomFrom(CHARSETS['lower']!, 12, rnd);
      return `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({ sub, iat: 1700000000 + Math.floor(rnd() * 1e6) })}.${randomFrom(CHARSETS['b64url']!, 43, rnd)}`;
    }
    throw new Error(`unknown fake template ${whole} (known: ${FAKE_CHARSETS.join(', ')}, github, npm, pypi, jwt)`);
  });
}

/** A PyPI-style token: `pypi-` + base64url of a v2 macaroon (location, UUID identifier, one caveat, signature). */
function fakePypiToken(location: string, rnd: () => number): string {
  const hex = randomFrom(CHARSETS['hex']!, 32, rnd);
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  const caveat = '{"version": 1, "permissions": "user"}';
  const bytes: number[] = [0x02, 0x01, location.length, ...ascii(location), 0x02, id.length, ...ascii(id), 0x00];
  bytes.push(0x02, caveat.length, ...ascii(caveat), 0x00, 0x00, 0x06, 32);
  for (let i = 0; i < 32; i++) bytes.push(Math.floor(rnd() * 256));
  const b64 = btoa(String.fromCharCode(...bytes));
  return `pypi-${b64.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}`;
}

function ascii(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0));
}
