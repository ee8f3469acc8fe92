// Asks Git whether secrets found in a file are already committed: in the HEAD version of that file, or in its recent
// history. Secrets never go on a command line (other local users can read argv): they are piped to `git grep -f -`.
// Without git, outside a repository or in a repository without commits, every answer is "unknown" (undefined).
import { execFile, spawn } from 'node:child_process';
import * as path from 'node:path';

/** Where a secret was found in Git. */
export interface CommitStatus {
  /** The secret is in the file as committed at HEAD. */
  inHead: boolean;
  /** The newest commit (short sha) of the searched history whose version of the file holds the secret. */
  commit: string;
}

/** A repository and the commit HEAD points at. */
export interface RepoHead {
  root: string;
  head: string;
}

/** Environment for every git call: no prompts, no pager, no locale-dependent output. */
const GIT_ENV: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', LC_ALL: 'C', GIT_OPTIONAL_LOCKS: '0' };

/** Largest git output read (git grep -o prints matches only, so this is generous). */
const MAX_BUFFER = 64 * 1024 * 1024;

interface GitResult {
  code: number;
  stdout: string;
}

/** Runs git with the given arguments (never a secret), optionally feeding stdin. Resolves undefined if git is missing. */
export function runGit(args: readonly string[], cwd: string, stdin?: string): Promise<GitResult | undefined> {
  return new Promise((resolve) => {
    let child;
    try {
      child = execFile('git', [...args], { cwd, env: GIT_ENV, maxBuffer: MAX_BUFFER, windowsHide: true }, (err, stdout) => {
        if (err && typeof err.code !== 'number') return resolve(undefined); // ENOENT (no git), killed, buffer exceeded
        resolve({ code: err ? (err.code as number) : 0, stdout: String(stdout) });
      });
    } catch {
      return resolve(undefined);
    }
    child.stdin?.on('error', () => undefined); // git may exit before reading everything (EPIPE)
    child.stdin?.end(stdin ?? '');
  });
}

/** The repository holding `dir` and its HEAD commit; undefined without git, outside a repository, or before a commit. */
export async function repoHead(dir: string): Promise<RepoHead | undefined> {
  const r = await runGit(['rev-parse', '--show-toplevel', '--verify', '--quiet', 'HEAD'], dir);
  if (!r || r.code !== 0) return undefined;
  const [root, head] = r.stdout.split('\n');
  if (!root || !head) return undefined;
  return { root: path.resolve(root), head };
}

/**
 * The last `depth` commits (full shas, newest first) that touched `relPath`.
 * `relPath` is relative to the repository root, with forward slashes.
 */
export async function fileHistory(root: string, relPath: string, depth: number): Promise<string[]> {
  if (depth <= 0) return [];
  const r = await runGit(['--literal-pathspecs', 'log', `-n${Math.floor(depth)}`, '--format=%H', 'HEAD', '--', relPath], root);
  if (!r || r.code !== 0) return [];
  return r.stdout.split('\n').filter((l) => /^[0-9a-f]{40,64}$/.test(l));
}

/** What is searched for a secret: itself, or for a multi-line secret (a PEM key) its longest line. */
export function grepPattern(secret: string): string {
  if (!/[\r\n]/.test(secret)) return secret;
  return secret.split(/\r?\n/).reduce((a, b) => (b.trim().length > a.length ? b.trim() : a), '');
}

/**
 * Which of `secrets` appear in `relPath` at the given revisions. Returns, per secret, the revisions holding it (in the
 * order given). Patterns go through stdin, never argv.
 */
export async function grepRevisions(
  root: string, relPath: string, revisions: readonly string[], secrets: readonly string[],
): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const patterns = new Map<string, string[]>();
  for (const s of secrets) {
    const p = grepPattern(s);
    if (p.length < 8) continue; // too short to search for without matching unrelated text
    patterns.set(p, [...(patterns.get(p) ?? []), s]);
  }
  if (patterns.size === 0 || revisions.length === 0) return found;
  const stdin = `${[...patterns.keys()].join('\n')}\n`;
  const r = await runGit(
    ['--literal-pathspecs', 'grep', '-F', '-o', '-z', '-I', '--no-color', '-f', '-', ...revisions, '--', relPath],
    root,
    stdin,
  );
  if (!r || (r.code !== 0 && r.code !== 1)) return found;
  for (const line of r.stdout.split('\n')) {
    const nul = line.indexOf('\0');
    if (nul < 0) continue;
    const rev = line.slice(0, line.indexOf(':'));
    for (const secret of patterns.get(line.slice(nul + 1)) ?? []) {
      const revs = found.get(secret) ?? [];
      if (!revs.includes(rev)) revs.push(rev);
      found.set(secret, revs);
    }
  }
  return found;
}

/**
 * For each secret, whether it is committed in `absPath`: in HEAD, or in one of the last `depth` commits that touched
 * the file (0 = HEAD only). Secrets not found anywhere are absent from the result. `repo` may be passed when known.
 */
export async function committedSecrets(
  absPath: string, secrets: readonly string[], depth: number, repo?: RepoHead,
): Promise<Map<string, CommitStatus>> {
  const result = new Map<string, CommitStatus>();
  const r = repo ?? (await repoHead(path.dirname(absPath)));
  if (!r || secrets.length === 0) return result;
  const rel = path.relative(r.root, absPath);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return result;
  const relPath = rel.split(path.sep).join('/');
  const history = depth > 0 ? (await fileHistory(r.root, relPath, depth + 1)).filter((c) => c !== r.head).slice(0, depth) : [];
  const revisions = [r.head, ...history];
  const found = await grepRevisions(r.root, relPath, revisions, secrets);
  for (const [secret, revs] of found) {
    const newest = revisions.find((rev) => revs.includes(rev));
    if (!newest) continue;
    result.set(secret, { inHead: newest === r.head, commit: newest.slice(0, 7) });
  }
  return result;
}

/** Streams a git command's standard output line by line (for `git log -p`, which can be large). */
export function gitLines(args: readonly string[], cwd: string, onLine: (line: string) => void): Promise<number | undefined> {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn('git', [...args], { cwd, env: GIT_ENV, windowsHide: true, stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      return resolve(undefined);
    }
    let rest = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const text = rest + chunk;
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      for (const l of lines) onLine(l);
    });
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => {
      if (rest !== '') onLine(rest);
      resolve(code ?? undefined);
    });
  });
}
