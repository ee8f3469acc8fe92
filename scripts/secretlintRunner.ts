// Runs secretlint (core + the recommended preset) on strings, for the accuracy benchmark. secretlint is ESM-only, so
// it is loaded with a real dynamic import that TypeScript's CommonJS output leaves alone.

/** One secretlint message, reduced to what the benchmark needs. */
export interface SecretlintHit {
  ruleId: string;
  start: number;
  end: number;
  severity: string;
}

/** Lints one text as if it were the file at `filePath`. */
export type SecretlintLint = (content: string, filePath: string) => Promise<SecretlintHit[]>;

const dynamicImport = new Function('s', 'return import(s)') as (specifier: string) => Promise<unknown>;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** secretlint rule ids mapped to Leakless families, so recall can be compared per family. */
export const SECRETLINT_FAMILIES: Readonly<Record<string, string>> = {
  '@secretlint/secretlint-rule-aws': 'cloud',
  '@secretlint/secretlint-rule-gcp': 'cloud',
  '@secretlint/secretlint-rule-azure': 'cloud',
  '@secretlint/secretlint-rule-privatekey': 'crypto-keys',
  '@secretlint/secretlint-rule-npm': 'package-registry',
  '@secretlint/secretlint-rule-basicauth': 'url-credentials',
  '@secretlint/secretlint-rule-slack': 'messaging',
  '@secretlint/secretlint-rule-sendgrid': 'messaging',
  '@secretlint/secretlint-rule-shopify': 'payments',
  '@secretlint/secretlint-rule-github': 'source-hosting',
  '@secretlint/secretlint-rule-openai': 'ai',
  '@secretlint/secretlint-rule-anthropic': 'ai',
  '@secretlint/secretlint-rule-linear': 'saas',
  '@secretlint/secretlint-rule-1password': 'identity',
  '@secretlint/secretlint-rule-database-connection-string': 'database',
};

/** Loads secretlint with the recommended preset; undefined (with the reason) when it is not installed. */
export async function loadSecretlint(): Promise<{ lint: SecretlintLint; version: string; presetVersion: string } | { error: string }> {
  let core: unknown;
  let preset: unknown;
  try {
    core = await dynamicImport('@secretlint/core');
    preset = await dynamicImport('@secretlint/secretlint-rule-preset-recommend');
  } catch (e) {
    return { error: `secretlint is not installed (${(e as Error).message.split('\n')[0]})` };
  }
  if (!isRecord(core) || typeof core['lintSource'] !== 'function' || !isRecord(preset) || !isRecord(preset['creator'])) {
    return { error: 'unexpected secretlint module shape' };
  }
  const lintSource = core['lintSource'] as (arg: unknown) => Promise<unknown>;
  // secretlint's always-on profiler keeps every performance mark and searches them all at each file's end, which makes
  // a run over thousands of files quadratic; the benchmark empties it after each file.
  let profiler: Record<string, unknown> | undefined;
  try {
    const mod = await dynamicImport('@secretlint/profiler');
    if (isRecord(mod) && isRecord(mod['secretLintProfiler'])) profiler = mod['secretLintProfiler'];
  } catch {
    profiler = undefined;
  }
  const resetProfiler = (): void => {
    for (const key of ['entries', 'measures']) {
      const list = profiler?.[key];
      if (Array.isArray(list)) list.length = 0;
    }
  };
  const creator = preset['creator'];
  const meta = creator['meta'];
  const presetId = isRecord(meta) && typeof meta['id'] === 'string' ? meta['id'] : '@secretlint/secretlint-rule-preset-recommend';
  const config = { rules: [{ id: presetId, rule: creator }] };
  const lint: SecretlintLint = async (content, filePath) => {
    const dot = filePath.lastIndexOf('.');
    const ext = dot > filePath.lastIndexOf('/') ? filePath.slice(dot) : '';
    const result = await lintSource({
      source: { content, filePath, ext, contentType: 'text' },
      options: { config, maskSecrets: true },
    });
    resetProfiler();
    const messages = isRecord(result) && Array.isArray(result['messages']) ? (result['messages'] as unknown[]) : [];
    const hits: SecretlintHit[] = [];
    for (const m of messages) {
      if (!isRecord(m) || !Array.isArray(m['range'])) continue;
      const [start, end] = m['range'] as unknown[];
      if (typeof start !== 'number' || typeof end !== 'number') continue;
      hits.push({ ruleId: String(m['ruleId']), start, end, severity: String(m['severity'] ?? 'error') });
    }
    return hits;
  };
  return { lint, version: packageVersion('@secretlint/core'), presetVersion: packageVersion('@secretlint/secretlint-rule-preset-recommend') };
}

function packageVersion(name: string): string {
  try {
    const pkg: unknown = require(`${name}/package.json`);
    return isRecord(pkg) && typeof pkg['version'] === 'string' ? pkg['version'] : 'unknown';
  } catch {
    return 'unknown';
  }
}
