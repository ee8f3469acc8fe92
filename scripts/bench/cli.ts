// Both command-line scanners end to end, as a user runs them: a fresh process each, on the same copy of a sample of
// files (start-up, walking, reading, scanning and the JSON report all timed).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Corpus } from './corpus';

/** The result of the end-to-end pair. */
export interface CliPair {
  files: number;
  megabytes: number;
  oursSeconds: number;
  secretlintSeconds: number;
  /** secretlint's time over ours (median of the per-round ratios); a lower bound when `secretlintTimedOut`. */
  speedup: number;
  /** secretlint was stopped at the time limit before it finished (its time and findings are then unknown). */
  secretlintTimedOut: boolean;
  oursFindings: number;
  secretlintFindings: number;
}

/** Copies the first `count` files of a corpus (in path order) into a fresh folder; returns it. */
export function sampleTree(corpus: Corpus, count: number): { dir: string; files: number; bytes: number } {
  const dir = path.join(os.tmpdir(), `leakless-bench-cli-${count}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const picked = [...corpus.files].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0)).slice(0, count);
  let bytes = 0;
  for (const f of picked) {
    const to = path.join(dir, 'tree', ...f.rel.split('/'));
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(f.absPath, to);
    bytes += f.bytes;
  }
  fs.writeFileSync(path.join(dir, '.secretlintrc.json'), JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  return { dir, files: picked.length, bytes };
}

function run(args: readonly string[], cwd: string, limitSeconds?: number): { seconds: number; stdout: string; timedOut: boolean } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, {
    cwd, encoding: 'utf8', maxBuffer: 512 * 1048576, ...(limitSeconds ? { timeout: limitSeconds * 1000, killSignal: 'SIGKILL' as const } : {}),
  });
  const seconds = (performance.now() - t0) / 1000;
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return { seconds, stdout: '', timedOut: true };
  if (r.error) throw r.error;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${path.basename(args[0]!)} exited with ${r.status}: ${r.stderr.slice(0, 500)}`);
  return { seconds, stdout: r.stdout, timedOut: false };
}

/**
 * Runs `leakless scan` and `secretlint` on the sample, alternating who goes first, `rounds` times each; secretlint is
 * stopped after `limitSeconds` if given.
 */
export function cliPair(root: string, sample: { dir: string; files: number; bytes: number }, rounds: number, limitSeconds?: number): CliPair {
  const secretlintBin = path.join(root, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
  if (!fs.existsSync(secretlintBin)) throw new Error('secretlint is not installed (npm ci installs it as a dev dependency)');
  const ours = (): { seconds: number; found: number } => {
    const r = run([path.join(root, 'dist', 'cli.js'), 'scan', 'tree', '--format', 'json', '--no-gitignore', '--max-file-size', String(2 * 1048576)], sample.dir);
    return { seconds: r.seconds, found: (JSON.parse(r.stdout) as unknown[]).length };
  };
  let timedOut = false;
  const theirs = (): { seconds: number; found: number } => {
    // Written to a file: over a pipe, secretlint exits before the whole report is out.
    const out = path.join(sample.dir, 'secretlint.json');
    const r = run([secretlintBin, 'tree/**/*', '--format', 'json', '--output', out], sample.dir, limitSeconds);
    if (r.timedOut) {
      timedOut = true;
      return { seconds: r.seconds, found: NaN };
    }
    const files = JSON.parse(fs.readFileSync(out, 'utf8')) as { messages: unknown[] }[];
    return { seconds: r.seconds, found: files.reduce((n, f) => n + f.messages.length, 0) };
  };
  const o: number[] = [];
  const t: number[] = [];
  let of = 0;
  let tf = 0;
  for (let i = 0; i < rounds; i++) {
    let a: { seconds: number; found: number };
    let b: { seconds: number; found: number };
    if (i % 2 === 0) {
      a = ours();
      b = theirs();
    } else {
      b = theirs();
      a = ours();
    }
    o.push(a.seconds);
    t.push(b.seconds);
    of = a.found;
    tf = b.found;
    process.stdout.write(`  round ${i + 1}/${rounds}: leakless ${a.seconds.toFixed(2)} s, secretlint ${timedOut ? 'stopped after ' : ''}${b.seconds.toFixed(2)} s\n`);
  }
  const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  return {
    files: sample.files,
    megabytes: sample.bytes / 1048576,
    oursSeconds: median(o),
    secretlintSeconds: median(t),
    speedup: median(o.map((x, i) => t[i]! / x)),
    secretlintTimedOut: timedOut,
    oursFindings: of,
    secretlintFindings: tf,
  };
}
