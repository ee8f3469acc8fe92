// Files that are secrets by what they are (key stores, certificate bundles with private keys), recognised by name
// because their content is binary and cannot be scanned.
import { fingerprintOf } from './engine';
import type { Family, Finding, Remediation, RuleSpec, Severity } from './types';

/** A kind of file that holds private keys or credentials in a binary container. */
export interface SecretFileKind {
  /** A rule-like id for findings and settings (`leakless.disabledRules`); not a rules/*.yaml rule. */
  ruleId: string;
  name: string;
  family: Family;
  severity: Severity;
  /** One sentence for the finding's message and hover. */
  description: string;
}

const KINDS: readonly { test: RegExp; kind: SecretFileKind }[] = [
  {
    test: /\.(?:p12|pfx|pkcs12)$/i,
    kind: {
      ruleId: 'pkcs12-keystore-file',
      name: 'PKCS#12 key store (.p12 / .pfx)',
      family: 'crypto-keys',
      severity: 'error',
      description: 'A PKCS#12 bundle normally holds a private key with its certificate; its password is often weak or stored nearby.',
    },
  },
  {
    test: /\.(?:jks|jceks|bks|keystore)$/i,
    kind: {
      ruleId: 'java-keystore-file',
      name: 'Java key store (.jks / .keystore)',
      family: 'crypto-keys',
      severity: 'error',
      description: 'A Java key store usually holds private keys (TLS, code or app signing) protected only by a store password.',
    },
  },
  {
    test: /(?:^|\/)secring\.(?:gpg|pgp|skr)$/i,
    kind: {
      ruleId: 'pgp-secret-keyring-file',
      name: 'PGP secret key ring (secring.gpg)',
      family: 'crypto-keys',
      severity: 'error',
      description: 'A PGP secret key ring holds private signing and decryption keys.',
    },
  },
  {
    test: /\.kdbx?$/i,
    kind: {
      ruleId: 'keepass-database-file',
      name: 'KeePass password database (.kdbx)',
      family: 'crypto-keys',
      severity: 'warning',
      description: 'A KeePass database holds a whole set of passwords behind one master password, open to offline guessing once copied.',
    },
  },
];

/** Trust stores: key-store files that hold only public CA certificates. */
const NOT_SECRET = /(?:^|\/)(?:cacerts|truststore[^/]*|[^/]*\.truststore(?:\.[a-z0-9]{1,8})?)$/i;

/**
 * The kind of secret a file is by its name alone, for binary files the text rules cannot read; undefined for any
 * other file. `path` may be relative or absolute, with / or \ separators.
 */
export function secretFileKind(path: string): SecretFileKind | undefined {
  const p = path.replace(/\\/g, '/');
  if (NOT_SECRET.test(p)) return undefined;
  for (const { test, kind } of KINDS) if (test.test(p)) return kind;
  return undefined;
}

/** The rule ids secretFileKind can return, for validating `leakless.disabledRules` and `--disable-rule`. */
export const SECRET_FILE_RULE_IDS: readonly string[] = KINDS.map((k) => k.kind.ruleId);

const KEYSTORE_REMEDIATION: Remediation = {
  what: 'A binary container of private keys or passwords (key store, key ring or password database) committed as a file.',
  risk: 'Anyone with the file can try its password offline as fast as their hardware allows; once opened, every key or password inside is theirs: TLS and signing keys let them impersonate your services or sign code as you.',
  rotate: [
    'Treat every key and password in the file as exposed: issue new key pairs and certificates (or new passwords) from their source, and put them in a secrets manager or a store outside the repository.',
    'Deploy the new keys everywhere the old ones were used, then revoke the old certificates with their CA, or remove the old keys and passwords from the services that accept them.',
    'Remove the file from the repository and from its history (git filter-repo), and add its pattern to .gitignore.',
  ],
  misuse: 'Check certificate transparency logs for certificates you did not request, your services\' logs for sessions using the old keys, and signing records for artefacts signed after the exposure.',
  prevention: 'Keep key stores out of the source tree: mount them at deploy time from a secrets manager, and block them in the pre-commit hook.',
};

/** The file kinds as rules, so that reports, settings and guides treat them like any other rule (they never match text). */
export function secretFileRules(): RuleSpec[] {
  return KINDS.map(({ kind }) => ({
    id: kind.ruleId,
    name: kind.name,
    provider: 'Key files',
    family: kind.family,
    description: kind.description,
    regex: '(?!)',
    flags: 'gd',
    secretGroup: 0,
    keywords: ['\u0000leakless-file-kind'],
    entropy: 0,
    severity: kind.severity,
    confidence: 'high',
    generic: false,
    allowlist: { regexes: [], stopwords: [] },
    envVar: 'KEYSTORE_PATH',
    remediation: KEYSTORE_REMEDIATION,
    examples: { positive: [], negative: [] },
    source: { file: 'src/core/secretFiles.ts', line: 1 },
  }));
}

/** The finding for a file that is a secret by its name, at the start of the file; the "secret" is the file name. */
export function secretFileFinding(kind: SecretFileKind, path: string): Finding {
  const name = path.replace(/\\/g, '/').split('/').pop() ?? path;
  return {
    ruleId: kind.ruleId,
    name: kind.name,
    provider: 'Key files',
    severity: kind.severity,
    confidence: 'high',
    start: 0,
    end: 0,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    masked: name,
    entropy: 0,
    fingerprint: fingerprintOf(kind.ruleId, path.replace(/\\/g, '/')),
    secret: '',
    envVar: 'KEYSTORE_PATH',
  };
}
