// Which single paths a workspace scan leaves out, for re-scanning one changed file the way the full walk
// (src/node/walk.ts) would: editor exclude globs turned into .gitignore syntax, and the .gitignore files above it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';

const IGNORE_CASE = process.platform === 'win32' || process.platform === 'darwin';

/** Expands `{a,b}` alternatives in a glob (nested braces included): `**\/*.{js,map}` → two globs. */
export function expandBraces(glob: string): string[] {
  const open = glob.indexOf('{');
  if (open < 0) return [glob];
  let depth = 0;
  const commas: number[] = [];
  for (let i = open; i < glob.length; i++) {
    const c = glob[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      const parts: string[] = [];
      let from = open + 1;
      for (const comma of commas) {
        parts.push(glob.slice(from, comma));
        from = comma + 1;
      }
      parts.push(glob.slice(from, i));
      const rest = glob.slice(i + 1);
      return parts.flatMap((p) => expandBraces(glob.slice(0, open) + p + rest));
    } else if (c === ',' && depth === 1) commas.push(i);
  }
  return [glob];
}

/**
 * A VS Code glob (as in `files.exclude`, matched against the path relative to the workspace folder) in .gitignore
 * syntax: anchored to the folder unless it starts with `**`, braces expanded.
 */
export function globToIgnorePatterns(glob: string): string[] {
  const g = glob.trim().replace(/^\.\//, '');
  if (g === '') return [];
  return expandBraces(g).map((p) => (p.startsWith('**') || p.startsWith('/') ? p : `/${p}`));
}

/** The globs an exclude setting turns on: `{ "**\/dist": true }` entries (conditional `when` entries are not applied). */
export function enabledGlobs(setting: unknown): string[] {
  if (!setting || typeof setting !== 'object' || Array.isArray(setting)) return [];
  return Object.entries(setting as Record<string, unknown>).filter(([, v]) => v === true).map(([k]) => k);
}

function repoRootOf(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/**
 * Decides whether one file under a workspace folder is left out: by the exclude patterns (.gitignore syntax,
 * relative to the folder) or by the .gitignore files from the repository root down to the file, as the walk does.
 * Reads each .gitignore once; call `forget()` when one changes.
 */
export class PathFilter {
  private readonly layers = new Map<string, Ignore | null>();
  private readonly exclude: Ignore;
  /** The highest folder whose .gitignore applies: the repository root, or the folder itself outside a repository. */
  private readonly top: string;

  constructor(
    private readonly folder: string,
    excludePatterns: readonly string[],
    private readonly useGitignore = true,
  ) {
    this.exclude = ignore({ ignorecase: IGNORE_CASE }).add([...excludePatterns]);
    this.top = repoRootOf(folder) ?? folder;
  }

  /** Drops the cached .gitignore files (after one changed). */
  forget(): void {
    this.layers.clear();
  }

  /** True when the walk would not yield this file (or it is outside the folder). */
  async ignored(absPath: string): Promise<boolean> {
    const rel = path.relative(this.folder, absPath);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return true;
    const parts = rel.split(path.sep);
    if (parts.includes('.git')) return true;
    for (let i = 1; i <= parts.length; i++) {
      const isDir = i < parts.length;
      const relPart = parts.slice(0, i).join('/') + (isDir ? '/' : '');
      if (this.exclude.ignores(relPart)) return true;
      if (this.useGitignore && (await this.gitignored(path.join(this.folder, ...parts.slice(0, i)), isDir))) return true;
    }
    return false;
  }

  /** The nearest .gitignore (deepest first, up to the repository root or the folder) with an opinion decides. */
  private async gitignored(abs: string, isDir: boolean): Promise<boolean> {
    for (let dir = path.dirname(abs); ; dir = path.dirname(dir)) {
      const ig = await this.layer(dir);
      if (ig) {
        const rel = path.relative(dir, abs).split(path.sep).join('/') + (isDir ? '/' : '');
        const verdict = ig.test(rel);
        if (verdict.ignored) return true;
        if (verdict.unignored) return false;
      }
      if (dir === this.top || path.dirname(dir) === dir) return false;
    }
  }

  private async layer(dir: string): Promise<Ignore | null> {
    const cached = this.layers.get(dir);
    if (cached !== undefined) return cached;
    let ig: Ignore | null = null;
    const texts: string[] = [];
    for (const file of [path.join(dir, '.gitignore'), path.join(dir, '.git', 'info', 'exclude')]) {
      try {
        texts.push(await fs.promises.readFile(file, 'utf8'));
      } catch {
        // none
      }
    }
    if (texts.length > 0) ig = ignore({ ignorecase: IGNORE_CASE }).add(texts.join('\n'));
    this.layers.set(dir, ig);
    return ig;
  }
}
