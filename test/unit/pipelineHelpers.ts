// Shared by the pipeline tests: the built CLI, temporary folders and Git repositories, fake secrets.
import { execFileSync, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expandFakes } from '../../src/core';
import type { JsonFinding } from '../../src/report/json';
import { builtin, ROOT } from '../helpers/rules';

export const CLI = path.join(ROOT, 'dist', 'cli.js');

/** What one CLI run printed. */
export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

let built = false;
/** Bundles dist/cli.js once per test process (with every rule the tests know). */
export function buildCli(): void {
  if (built) return;
  builtin();
  execFileSync(process.execPath, ['esbuild.js', '--cli'], { cwd: ROOT, stdio: 'pipe' });
  built = true;
}

/** Runs the built CLI in a folder with colours off. */
export function leakless(cwd: string, args: readonly string[], extra: SpawnSyncOptions = {}): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...(extra.env ?? {}) };
  delete env['FORCE_COLOR'];
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { maxBuffer: 256 * 1024 * 1024, ...extra, cwd, encoding: 'utf8', env });
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr), ms: Date.now() - t0 };
}

/** Writes files (path → content) under a root, creating folders. */
export function plant(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
}

/** Temporary folders, removed by cleanup(). */
export class Scratch {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'leakless-pipeline-'));
  private n = 0;

  folder(): string {
    const dir = path.join(this.root, `t${++this.n}`);
    fs.mkdirSync(dir);
    return dir;
  }

  /** A new Git repository (no commits) with an identity set. */
  repo(): string {
    const dir = this.folder();
    git(dir, 'init', '-q');
    git(dir, 'config', 'user.email', 'test@example.com');
    git(dir, 'config', 'user.name', 'Test');
    git(dir, 'config', 'commit.gpgsign', 'false');
    return dir;
  }

  cleanup(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** Runs git; returns its stdout. Throws when it fails. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs git and returns the status and output (for commands expected to fail, such as a blocked commit). */
export function gitRun(cwd: string, ...args: string[]): { status: number | null; out: string } {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** A fake Bitbucket app password (high confidence, 40 characters). */
export const bitbucket = (seed: string): string => expandFakes('ATBB[[alnum:32]][[HEX:8]]', seed);

/** The secret must not appear, nor any long slice of its middle. */
export function assertNotLeaked(output: string, secret: string, where = 'output'): void {
  if (output.includes(secret) || output.includes(secret.slice(4, -4))) throw new Error(`raw secret printed in ${where}`);
}

/** The JSON report's rows. */
export type JsonRow = JsonFinding;

export function rows(run: Run): JsonRow[] {
  return JSON.parse(run.stdout) as JsonRow[];
}

/** For a describe block: builds the CLI once, and gives a Scratch area that is removed afterwards. */
export function useScratch(): () => Scratch {
  let scratch: Scratch | undefined;
  before(() => {
    buildCli();
    scratch = new Scratch();
  });
  after(() => scratch?.cleanup());
  return () => scratch!;
}
