import { base62, crc32 } from './crc32';

/** What an offline check says about a candidate secret. */
/**
 * What an offline check says about a candidate secret: `invalid` (a checksum failed: not a live secret of that type,
 * not reported), `malformed` (the structure does not decode: reported with low confidence), `valid` (reported with
 * high confidence) or `unknown` (the rule's own confidence stands).
 */
export type Verdict = 'valid' | 'invalid' | 'malformed' | 'unknown';

/** Offline structural checks, by the name a rule gives in its `validator` field. */
export const VALIDATORS: Readonly<Record<string, (secret: string) => Verdict>> = {
  /** GitHub tokens (ghp_, gho_, ghu_, ghs_, ghr_): the last 6 characters are the base62 CRC32 of the 30 before. */
  'github-crc32': (secret) => {
    const m = /^gh[pousr]_([A-Za-z0-9]{30})([A-Za-z0-9]{6})$/.exec(secret);
    if (!m) return 'unknown';
    return base62(crc32(m[1]!), 6) === m[2] ? 'valid' : 'invalid';
  },
  /** npm access tokens (npm_): the last 6 characters are the base62 CRC32 of the 30 before, as in GitHub tokens. */
  'npm-crc32': (secret) => {
    const m = /^npm_([A-Za-z0-9]{30})([A-Za-z0-9]{6})$/.exec(secret);
    if (!m) return 'unknown';
    return base62(crc32(m[1]!), 6) === m[2] ? 'valid' : 'invalid';
  },
  /** PyPI API tokens (pypi-…): a v2 macaroon whose header names pypi.org or test.pypi.org and a UUID identifier. */
  'pypi-macaroon': (secret) => checkPypiMacaroon(secret),
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
  // Real key ids use base-32 letters (A-Z, 2-7) after the prefix: such a one is reported with high confidence; any
  // other stays at the rule's medium confidence, since fakes and test values often use every digit.
  'aws-key-id': (secret) => (/^(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}$/.test(secret) ? 'valid' : 'unknown'),
  /** HTTP Basic / Docker auth values: base64 of printable `user:password` text with a non-empty password. */
  'basic-auth': (secret) => {
    const text = decodeBase64Text(secret);
    if (text === undefined) return 'invalid';
    const colon = text.indexOf(':');
    return colon >= 0 && colon < text.length - 1 && /^[\x20-\x7e\u00a0-\uffff]+$/.test(text) ? 'unknown' : 'invalid';
  },
  /** Unencrypted PEM keys (PKCS#1, SEC1, PKCS#8, DSA): the body is base64 DER, which always opens with a SEQUENCE. */
  'pem-der': (secret) => {
    const body = pemBody(secret);
    if (body === undefined || !decodesAsBase64(body)) return 'unknown';
    return body.startsWith('M') ? 'valid' : 'invalid';
  },
  /** OpenSSH private keys: the body is base64 of a blob that starts with the magic "openssh-key-v1\0". */
  'openssh-key': (secret) => {
    const body = pemBody(secret);
    if (body === undefined || !decodesAsBase64(body)) return 'unknown';
    return body.startsWith('b3BlbnNzaC1rZXktdjEA') ? 'valid' : 'invalid';
  },
};

/** The base64 body of a PEM block, without armour lines and with literal \n escapes, quotes and spaces removed. */
function pemBody(block: string): string | undefined {
  const m = /-----BEGIN [A-Z0-9 ]+-----([\s\S]*?)-----END [A-Z0-9 ]+-----/.exec(block);
  if (!m) return undefined;
  const body = m[1]!.replace(/\\[nr]/g, '\n').replace(/[\s"'`+\\]*\n[\s"'`+\\]*/g, '').replace(/\s+/g, '');
  return body.length > 0 ? body : undefined;
}

function decodesAsBase64(body: string): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(body);
}

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Checks the header of a PyPI token's macaroon: version 2, location field, UUID identifier, end of section. */
function checkPypiMacaroon(secret: string): Verdict {
  if (!secret.startsWith('pypi-')) return 'unknown';
  const body = secret.slice(5);
  const bytes = decodeBase64UrlBytes(body.slice(0, body.length - (body.length % 4)));
  if (!bytes || bytes.length < 3 || bytes[0] !== 0x02 || bytes[1] !== 0x01) return 'invalid';
  const locationEnd = 3 + bytes[2]!;
  const location = String.fromCharCode(...bytes.subarray(3, locationEnd));
  if (location !== 'pypi.org' && location !== 'test.pypi.org') return 'invalid';
  // Past the location, a token that does not decode cleanly is still reported, with low confidence.
  if (bytes[locationEnd] !== 0x02) return 'malformed';
  const idLength = bytes[locationEnd + 1];
  if (idLength === undefined || idLength > 127) return 'malformed';
  const idStart = locationEnd + 2;
  if (bytes.length < idStart + idLength + 1) return 'malformed';
  const identifier = String.fromCharCode(...bytes.subarray(idStart, idStart + idLength));
  if (!UUID.test(identifier) || bytes[idStart + idLength] !== 0x00) return 'malformed';
  return 'valid';
}

/** Decodes base64 or base64url text to bytes; undefined when it is not. */
function decodeBase64UrlBytes(text: string): Uint8Array | undefined {
  try {
    const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
    const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** Decodes standard base64 holding UTF-8 text; undefined when it is not. */
function decodeBase64Text(text: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 === 1) return undefined;
  try {
    const bin = atob(text + '='.repeat((4 - (text.length % 4)) % 4));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
