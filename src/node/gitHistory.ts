// Scans the lines added by the last N commits of a repository (`git log -p --unified=0`), so a secret that was
// committed and later deleted is still reported, with the commit that added it.
import ignore from 'ignore';
import type { DetectOptions, Engine, Finding } from '../core';
import { gitLines, repoHead } from './git';

/** A secret found in an added line of a commit. `file` is relative to the repository root (forward slashes). */
export interface HistoryFinding {
  file: string;
  /** 1-based line and column of the secret in the file as of that commit. */
  line: number;
  column: number;
  /** Short and full sha of the commit that added the line. */
  commit: string;
  commitFull: string;
  /** Committer date, ISO 8601. */
  date: string;
  /** The finding, its range in the file as of that commit (0-based, like every Finding). */
  finding: Finding;
}

/** Options for a history scan. */
export interface GitHistoryOptions {
  detect?: DetectOptions;
  /** Extra ignore patterns (gitignore syntax), relative to the repository root. */
  exclude?: readonly string[];
  /** Added text of one file in one commit larger than this many characters is skipped (default 1 MiB). */
  maxFileSize?: number;
}

/** What a history scan found, and what it looked at. */
export interface GitHistoryResult {
  findings: HistoryFinding[];
  commits: number;
  /** File patches whose added text was over maxFileSize, not scanned. */
  skippedTooLarge: number;
  /** The repository's root folder (absolute), which `file` paths are relative to; undefined outside a repository. */
  root?: string;
  /** false when the folder is not in a Git repository, git is missing, or `git log` failed. */
  ok: boolean;
}

/** The added lines of one file in one commit: their text and 1-based line numbers in the new version. */
export interface AddedLines {
  commit: string;
  date: string;
  file: string;
  lines: string[];
  lineNumbers: number[];
}

const COMMIT_MARK = '\u0001';
/** The format that marks where each commit starts: \x01, full sha, committer date. */
export const LOG_FORMAT = '--format=%x01%H %cI';

/** Un-quotes a path as Git writes it when it holds special characters ("a\tb", octal escapes for UTF-8 bytes). */
export function unquoteGitPath(p: string): string {
  if (!p.startsWith('"') || !p.endsWith('"')) return p;
  const body = p.slice(1, -1);
  const bytes: number[] = [];
  const simple: Readonly<Record<string, number>> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '\\': 92, '"': 34 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Parses `git log -p --unified=0` output fed line by line; calls `onFile` for every file with added lines. */
export class PatchParser {
  private commit = '';
  private date = '';
  private current: AddedLines | undefined;
  private nextLine = 0;
  /** Between `diff --git` and the first hunk, where `+++ b/path` names the file. */
  private inHeader = false;
  private chars = 0;
  commits = 0;

  /** `maxChars`: a file's added text beyond this many characters is dropped (the file is then reported as too large). */
  constructor(
    private readonly onFile: (added: AddedLines, tooLarge: boolean) => void,
    private readonly maxChars = Number.POSITIVE_INFINITY,
  ) {}

  /** Feeds one line of output (without its newline). */
  line(l: string): void {
    if (l.startsWith(COMMIT_MARK)) {
      this.flush();
      const [sha = '', date = ''] = l.slice(1).split(' ');
      this.commit = sha;
      this.date = date;
      this.commits++;
      return;
    }
    if (l.startsWith('diff --git ')) {
      this.flush();
      this.inHeader = true;
      return;
    }
    if (this.inHeader && l.startsWith('+++ ')) {
      this.flush();
      this.inHeader = true;
      const target = l.slice(4);
      if (target === '/dev/null') return;
      const file = unquoteGitPath(target);
      this.current = { commit: this.commit, date: this.date, file: file.startsWith('b/') ? file.slice(2) : file, lines: [], lineNumbers: [] };
      return;
    }
    if (!this.current) return;
    if (l.startsWith('@@')) {
      this.inHeader = false;
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(l);
      this.nextLine = m ? Number(m[1]) : 0;
      return;
    }
    if (!this.inHeader && l.startsWith('+') && this.nextLine > 0) {
      this.chars += l.length;
      if (this.chars <= this.maxChars) {
        this.current.lines.push(l.slice(1));
        this.current.lineNumbers.push(this.nextLine);
      }
      this.nextLine++;
    }
  }

  /** Ends the input: reports the last file. */
  end(): void {
    this.flush();
  }

  private flush(): void {
    const c = this.current;
    const tooLarge = this.chars > this.maxChars;
    this.current = undefined;
    this.nextLine = 0;
    this.chars = 0;
    this.inHeader = false;
    if (c && c.lines.length > 0) this.onFile(c, tooLarge);
  }
}

/**
 * Runs the engine over a file's added lines (joined with newlines; lines from separate hunks stay on separate
 * lines) and maps each finding back to its line and column in that commit's version of the file.
 */
export function detectInAdded(engine: Engine, added: AddedLines, detect: DetectOptions = {}): HistoryFinding[] {
  const text = added.lines.join('\n');
  const out: HistoryFinding[] = [];
  for (const f of engine.detect(text, detect)) {
    const startLine = added.lineNumbers[f.range.start.line];
    const endLine = added.lineNumbers[f.range.end.line];
    if (startLine === undefined || endLine === undefined) continue;
    const finding: Finding = {
      ...f,
      range: {
        start: { line: startLine - 1, character: f.range.start.character },
        end: { line: endLine - 1, character: f.range.end.character },
      },
    };
    out.push({
      file: added.file, line: startLine, column: f.range.start.character + 1,
      commit: added.commit.slice(0, 7), commitFull: added.commit, date: added.date, finding,
    });
  }
  return out;
}

/**
 * Scans the lines added by the last `n` commits reachable from HEAD in the repository holding `repoDir` (merge
 * commits show no patch and are skipped). Newest commit first; within a commit, in patch order.
 */
export async function scanGitHistory(engine: Engine, repoDir: string, n: number, options: GitHistoryOptions = {}): Promise<GitHistoryResult> {
  const findings: HistoryFinding[] = [];
  const max = options.maxFileSize ?? 1024 * 1024;
  const ig = options.exclude && options.exclude.length > 0 ? ignore().add([...options.exclude]) : undefined;
  let skippedTooLarge = 0;
  const parser = new PatchParser((added, tooLarge) => {
    if (ig?.ignores(added.file)) return;
    if (tooLarge) {
      skippedTooLarge++;
      return;
    }
    findings.push(...detectInAdded(engine, added, options.detect));
  }, max);
  const args = [
    '-c', 'core.quotePath=false', 'log', '-p', '--no-color', '--no-ext-diff', '--no-textconv', '--unified=0',
    '--diff-filter=d', `-n${Math.max(0, Math.floor(n))}`, LOG_FORMAT, 'HEAD', '--',
  ];
  const repo = await repoHead(repoDir);
  if (!repo) return { findings, commits: 0, skippedTooLarge, ok: false };
  const code = await gitLines(args, repo.root, (l) => parser.line(l));
  parser.end();
  return { findings, commits: parser.commits, skippedTooLarge, root: repo.root, ok: code === 0 };
}
