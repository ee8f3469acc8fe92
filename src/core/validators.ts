import { base62, crc32 } from './crc32';

/** What an offline check says about a candidate secret. */
export type Verdict = 'valid' | 'invalid' | 'unknown';

/** Offline structural checks, by the name a rule gives in its `validator` field. */
export const VALIDATORS: Readonly<Record<string, (secret: string) => Verdict>> = {
  /** GitHub tokens (ghp_, gho_, ghu_, ghs_, ghr_): the last 6 characters are the base62 CRC32 of the 30 before. */
  'github-crc32': (secret) => {
    const m = /^gh[pousr]_([A-Za-z0-9]{30})([A-Za-z0-9]{6})$/.exec(secret);
    if (!m) return 'unknown';
    return base62(crc32(m[1]!), 6) === m[2] ? 'valid' : 'invalid';
  },
  /** JSON Web Tokens: the header must decode to JSON with an "alg". */
  jwt: (secret) => {
    const parts = secret.split('.');
    if (parts.length < 2) return 'invalid';
    const header = decodeBase64UrlJson(parts[0]!);
    if (!header || typeof header !== 'object' || !('alg' in header)) return 'invalid';
    const payload = decodeBase64UrlJson(parts[1]!);
    return payload !== undefined ? 'valid' : 'invalid';
  },
  /** AWS access key ids: a known prefix, then 16 base-32 characters. */
  'aws-key-id': (secret) => (/^(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}$/.test(secret) ? 'valid' : 'invalid'),
};

/** The names rules may use in `validator`. */
export const VALIDATOR_NAMES: readonly string[] = Object.keys(VALIDATORS);

/** Decodes base64url text holding JSON; undefined when it is not. */
export function decodeBase64UrlJson(text: string): unknown {
  try {
    const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
    const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}
