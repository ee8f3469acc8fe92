// Baselines: the findings a team has accepted for now, so a scan reports only new ones. Keyed by (fingerprint, file)
// with no line numbers, so moving code does not churn the file; the fingerprint is a hash, so it never holds a secret.
// Paths are relative to the baseline file's folder, so the same baseline works from any current folder.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The baseline format version this code reads and writes. */
export const BASELINE_VERSION = 1;

/** One accepted finding. */
export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  /** Relative to the baseline file's folder, forward slashes. */
  file: string;
}

/** A baseline file's content. */
export interface Baseline {
  version: number;
  generated: string;
  findings: BaselineEntry[];
}

/** A baseline file that cannot be read or is not a baseline; the message names the file. */
export class BaselineError extends Error {
  constructor(readonly file: string, detail: string) {
    super(`baseline ${file}: ${detail}`);
    this.name = 'BaselineError';
  }
}

/** The key of a file path as baselines store it: relative to the baseline's folder, forward slashes. */
export function baselinePath(baselineFile: string, absPath: string): string {
  return path.relative(path.dirname(path.resolve(baselineFile)), absPath).split(path.sep).join('/');
}

function keyOf(e: { fingerprint: string; file: string }): string {
  return `${e.file}\u0000${e.fingerprint}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks parsed JSON is a baseline; throws BaselineError saying what is wrong. */
export function parseBaseline(text: string, shownAs: string): Baseline {
  let raw: unknown;
  try {
    raw = JSON.parse(text) as unknown;
  } catch (e) {
    throw new BaselineError(shownAs, `not valid JSON (${(e as Error).message})`);
  }
  if (!isRecord(raw)) throw new BaselineError(shownAs, 'expected an object with "version" and "findings"');
  if (raw['version'] !== BASELINE_VERSION) {
    throw new BaselineError(shownAs, `unsupported "version" ${JSON.stringify(raw['version'])} (expected ${BASELINE_VERSION})`);
  }
  const list = raw['findings'];
  if (!Array.isArray(list)) throw new BaselineError(shownAs, '"findings" must be a list');
  const findings = list.map((item: unknown, i): BaselineEntry => {
    if (!isRecord(item)) throw new BaselineError(shownAs, `findings[${i}] must be an object`);
    const { fingerprint, ruleId, file } = item;
    if (typeof fingerprint !== 'string' || !/^[a-z0-9-]+:[0-9a-f]{24}$/.test(fingerprint)) {
      throw new BaselineError(shownAs, `findings[${i}].fingerprint must be a Leakless fingerprint ("rule-id:24 hex digits")`);
    }
    if (typeof ruleId !== 'string' || typeof file !== 'string' || file === '') {
      throw new BaselineError(shownAs, `findings[${i}] needs "ruleId" and "file" strings`);
    }
    return { fingerprint, ruleId, file };
  });
  const generated = typeof raw['generated'] === 'string' ? raw['generated'] : '';
  return { version: BASELINE_VERSION, generated, findings };
}

/** Reads a baseline file; throws BaselineError if it is missing or malformed. */
export function readBaseline(file: string, shownAs = file): Baseline {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BaselineError(shownAs, code === 'ENOENT' ? 'no such file (create one with --write-baseline)' : `cannot read (${code ?? 'error'})`);
  }
  return parseBaseline(text, shownAs);
}

/** Answers "is this finding in the baseline?" quickly. */
export class BaselineMatcher {
  private readonly keys: Set<string>;
  /** How many findings it has hidden so far. */
  suppressed = 0;

  constructor(baseline: Baseline, private readonly baselineFile: string) {
    this.keys = new Set(baseline.findings.map(keyOf));
  }

  /** True (and counted) when the finding in the file at `absPath` is in the baseline. */
  has(absPath: string, fingerprint: string): boolean {
    const hit = this.keys.has(keyOf({ file: baselinePath(this.baselineFile, absPath), fingerprint }));
    if (hit) this.suppressed++;
    return hit;
  }
}

/** The baseline's text: entries de-duplicated and sorted (file, rule, fingerprint), pretty-printed. */
export function formatBaseline(entries: readonly BaselineEntry[], generated: string): string {
  const unique = new Map<string, BaselineEntry>();
  for (const e of entries) unique.set(keyOf(e), { fingerprint: e.fingerprint, ruleId: e.ruleId, file: e.file });
  const findings = [...unique.values()].sort(
    (a, b) => cmp(a.file, b.file) || cmp(a.ruleId, b.ruleId) || cmp(a.fingerprint, b.fingerprint),
  );
  const baseline: Baseline = { version: BASELINE_VERSION, generated, findings };
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Writes a baseline. When the file already holds exactly these findings it is left untouched (its `generated` date
 * too), so re-running does not churn it. Returns whether the file changed.
 */
export function writeBaseline(file: string, entries: readonly BaselineEntry[], now = new Date()): boolean {
  const fresh = formatBaseline(entries, now.toISOString());
  try {
    const old = parseBaseline(fs.readFileSync(file, 'utf8'), file);
    if (formatBaseline(old.findings, old.generated) === formatBaseline(entries, old.generated)) return false;
  } catch {
    // missing or unreadable: write a new one
  }
  fs.writeFileSync(file, fresh);
  return true;
}
