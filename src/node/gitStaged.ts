// Reads what is staged in Git (the index) for `leakless scan --staged` and the pre-commit hook: which files, their
// staged content, and which of their lines the commit adds. Git runs through execFile/spawn with argument arrays,
// never a shell string. The environment is inherited, so a hook honours GIT_INDEX_FILE (`git commit -a`, `git commit
// <paths>` use a temporary index).
import { execFile, spawn } from 'node:child_process';
import * as path from 'node:path';

/** Git is missing, or a git command failed in a way the user must hear about. */
export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitError';
  }
}

interface GitOutput {
  code: number;
  stdout: Buffer;
  stderr: string;
}

function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', LC_ALL: 'C', GIT_OPTIONAL_LOCKS: '0' };
}

/** Runs git and collects its output (up to `maxBuffer` bytes). Throws GitError when git cannot be run. */
export function runGit(args: readonly string[], cwd: string, options: { stdin?: string; maxBuffer?: number } = {}): Promise<GitOutput> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git', [...args],
      { cwd, env: gitEnv(), encoding: 'buffer', maxBuffer: options.maxBuffer ?? 16 * 1024 * 1024, windowsHide: true },
      (err, stdout, stderr) => {
        const code: unknown = err ? (err as { code?: unknown }).code : 0;
        if (typeof code !== 'number') {
          const why = code === 'ENOENT' ? 'git is not installed or not on PATH' : `git ${args[0] ?? ''} failed (${String(code ?? err?.message)})`;
          return reject(new GitError(why));
        }
        resolve({ code, stdout, stderr: stderr.toString('utf8') });
      },
    );
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.stdin ?? '');
  });
}

/** The top folder of the work tree holding `cwd`, or undefined outside a repository (or in a bare one). */
export async function gitTopLevel(cwd: string): Promise<string | undefined> {
  const r = await runGit(['rev-parse', '--show-toplevel'], cwd);
  const top = r.stdout.toString('utf8').trim();
  return r.code === 0 && top !== '' ? path.resolve(top) : undefined;
}

/** One staged file: its path (relative to the repository root, forward slashes), blob and the lines it adds. */
export interface StagedFile {
  path: string;
  /** The staged blob's object id. */
  blob: string;
  /**
   * The lines the commit adds or changes, as 1-based [first, last] ranges in the staged version, counted as Git
   * counts them (by \n). `'all'` when Git shows no line diff but the file may be text (Git called it binary).
   */
  added: [number, number][] | 'all';
}

/** Modes whose staged content is not a file's text: submodules (160000) and symbolic links (120000). */
const NOT_TEXT_MODES = new Set(['160000', '120000']);

/**
 * The files the next commit adds, copies, modifies or renames (`git diff --cached --diff-filter=ACMR`), with the
 * lines it adds. Works in a repository with no commits yet (everything staged is added). `pathspecs` (literal,
 * relative to `cwd`) narrow the list.
 */
export function stagedFiles(cwd: string, pathspecs: readonly string[] = []): Promise<StagedFile[]> {
  const args = [
    '-c', 'core.quotePath=false', 'diff', '--cached', '--patch-with-raw', '-z', '--no-abbrev', '-U0', '-M', '--no-color',
    '--no-ext-diff', '--no-textconv', '--diff-filter=ACMR', '--',
    ...pathspecs.map((p) => `:(literal)${p}`),
  ];
  return new Promise((resolve, reject) => {
    let child;
    try {
      child = spawn('git', args, { cwd, env: gitEnv(), windowsHide: true, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      return reject(new GitError(`cannot run git (${(e as Error).message})`));
    }
    const parser = new DiffParser();
    let stderr = '';
    child.stdout.setEncoding('latin1'); // one character per byte: paths are decoded from UTF-8 later
    child.stdout.on('data', (chunk: string) => parser.push(chunk));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 4096) stderr += chunk;
    });
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(new GitError(e.code === 'ENOENT' ? 'git is not installed or not on PATH' : `cannot run git (${e.message})`)),
    );
    child.on('close', (code) => {
      if (code !== 0) return reject(new GitError(`git diff --cached failed: ${stderr.trim().split('\n')[0] ?? `exit ${code}`}`));
      resolve(parser.finish());
    });
  });
}

interface RawEntry {
  mode: string;
  blob: string;
  path: string;
}

/**
 * Reads `git diff --patch-with-raw -z -U0` as it streams: first the raw entries (NUL-separated), then one patch
 * section per entry, in the same order, of which only the headers and hunk ranges are kept.
 */
class DiffParser {
  private buf = '';
  private inPatch = false;
  private readonly entries: RawEntry[] = [];
  private readonly sections: { added: [number, number][]; binary: boolean }[] = [];

  push(chunk: string): void {
    this.buf += chunk;
    if (!this.inPatch) this.readRaw();
    if (this.inPatch) this.readLines(false);
  }

  finish(): StagedFile[] {
    if (!this.inPatch) this.readRaw();
    this.readLines(true);
    // Sections pair with entries by position. Should Git ever disagree with itself, every line counts as added:
    // reporting too much is safer than letting a secret through.
    const paired = this.sections.length === this.entries.length;
    const out: StagedFile[] = [];
    this.entries.forEach((e, i) => {
      if (NOT_TEXT_MODES.has(e.mode) || /^0+$/.test(e.blob)) return;
      const section = paired ? this.sections[i] : undefined;
      const added = !section || section.binary ? 'all' : section.added;
      if (added !== 'all' && added.length === 0) return;
      out.push({ path: e.path, blob: e.blob, added });
    });
    return out;
  }

  private readRaw(): void {
    for (;;) {
      if (this.buf.length === 0) return;
      if (this.buf[0] !== ':') {
        if (this.buf[0] === '\0') this.buf = this.buf.slice(1);
        this.inPatch = true;
        return;
      }
      const metaEnd = this.buf.indexOf('\0');
      if (metaEnd < 0) return;
      const meta = this.buf.slice(1, metaEnd).split(' ');
      const status = meta[4] ?? '';
      const paths = status.startsWith('R') || status.startsWith('C') ? 2 : 1;
      let pos = metaEnd + 1;
      const names: string[] = [];
      for (let k = 0; k < paths; k++) {
        const end = this.buf.indexOf('\0', pos);
        if (end < 0) return; // wait for more
        names.push(this.buf.slice(pos, end));
        pos = end + 1;
      }
      this.buf = this.buf.slice(pos);
      const name = names[names.length - 1]!;
      this.entries.push({ mode: meta[1] ?? '', blob: meta[3] ?? '', path: Buffer.from(name, 'latin1').toString('utf8') });
    }
  }

  private readLines(final: boolean): void {
    let start = 0;
    for (;;) {
      const nl = this.buf.indexOf('\n', start);
      if (nl < 0) break;
      this.line(this.buf.slice(start, Math.min(nl, start + 200)));
      start = nl + 1;
    }
    this.buf = this.buf.slice(start);
    if (final && this.buf.length > 0) {
      this.line(this.buf.slice(0, 200));
      this.buf = '';
    }
  }

  private line(l: string): void {
    if (l.startsWith('diff --git ')) {
      this.sections.push({ added: [], binary: false });
      return;
    }
    const section = this.sections[this.sections.length - 1];
    if (!section) return;
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(l);
    if (hunk) {
      const first = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      if (count > 0) section.added.push([first, first + count - 1]);
    } else if (l.startsWith('Binary files ') || l.startsWith('GIT binary patch')) section.binary = true;
  }
}

/** The sizes of blobs, from one `git cat-file --batch-check`. */
export async function blobSizes(cwd: string, blobs: readonly string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  if (blobs.length === 0) return sizes;
  const r = await runGit(['cat-file', '--batch-check'], cwd, { stdin: `${blobs.join('\n')}\n`, maxBuffer: 64 * 1024 * 1024 });
  if (r.code !== 0) throw new GitError(`git cat-file --batch-check failed: ${r.stderr.trim().split('\n')[0] ?? ''}`);
  for (const line of r.stdout.toString('utf8').split('\n')) {
    const [id, type, size] = line.split(' ');
    if (id && type === 'blob' && size) sizes.set(id, Number(size));
  }
  return sizes;
}

/**
 * The contents of blobs, in the order asked, from one `git cat-file --batch` process. Streams: the next blob is read
 * only when the caller asks for it, so memory holds about one blob at a time. A missing blob yields undefined data.
 */
export async function* readBlobs(cwd: string, ids: readonly string[]): AsyncGenerator<{ id: string; data: Buffer | undefined }> {
  if (ids.length === 0) return;
  let child;
  try {
    child = spawn('git', ['cat-file', '--batch'], { cwd, env: gitEnv(), windowsHide: true, stdio: ['pipe', 'pipe', 'ignore'] });
  } catch (e) {
    throw new GitError(`cannot run git (${(e as Error).message})`);
  }
  let spawnError: Error | undefined;
  child.on('error', (e: NodeJS.ErrnoException) => {
    spawnError = new GitError(e.code === 'ENOENT' ? 'git is not installed or not on PATH' : `cannot run git (${e.message})`);
  });
  child.stdin.on('error', () => undefined);
  child.stdin.end(`${ids.join('\n')}\n`);

  let chunks: Buffer[] = [];
  let have = 0;
  let want: { id: string; size: number } | undefined;
  let next = 0;
  const take = (n: number): Buffer => {
    const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, have);
    chunks = have > n ? [all.subarray(n)] : [];
    have -= n;
    return all.subarray(0, n);
  };
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      have += chunk.length;
      for (;;) {
        if (!want) {
          const joined = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, have);
          chunks = joined.length > 0 ? [joined] : [];
          const nl = joined.indexOf(10);
          if (nl < 0) break;
          const header = take(nl + 1).toString('utf8').trim().split(' ');
          const id = ids[next++] ?? header[0] ?? '';
          if (header[1] === 'missing' || header.length < 3) {
            yield { id, data: undefined };
            continue;
          }
          want = { id, size: Number(header[2]) };
        }
        if (have < want.size + 1) break;
        const data = Buffer.from(take(want.size + 1).subarray(0, want.size));
        const done = want;
        want = undefined;
        yield { id: done.id, data };
      }
    }
  } finally {
    if (child.exitCode === null) child.kill();
  }
  if (spawnError) throw spawnError;
}

/**
 * Offset ranges [start, end) in `text` of the given 1-based line ranges, where lines end at \n as Git counts them
 * (so a lone \r does not shift the numbering).
 */
export function lineRangesToOffsets(text: string, ranges: readonly [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  let line = 1;
  let offset = 0;
  for (const [first, last] of sorted) {
    while (line < first && offset <= text.length) {
      const nl = text.indexOf('\n', offset);
      offset = nl < 0 ? text.length + 1 : nl + 1;
      line++;
    }
    if (offset > text.length) break;
    const start = offset;
    while (line <= last && offset <= text.length) {
      const nl = text.indexOf('\n', offset);
      offset = nl < 0 ? text.length + 1 : nl + 1;
      line++;
    }
    out.push([start, Math.min(offset, text.length)]);
  }
  return out;
}

/** True when [start, end) touches one of the sorted, non-overlapping ranges. */
export function touchesRanges(start: number, end: number, ranges: readonly [number, number][]): boolean {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid]![1] <= start) lo = mid + 1;
    else hi = mid;
  }
  const r = ranges[lo];
  return r !== undefined && r[0] < Math.max(end, start + 1);
}
