// Walks files and folders the way a user expects a repository scan to: .gitignore files honoured (nested ones too),
// --exclude globs (gitignore syntax), .git/ always skipped, symbolic links followed only on request, never looping.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** One file to scan. Paths other than absPath use forward slashes. */
export interface WalkedFile {
  absPath: string;
  /** The path to show: relative to `cwd`. */
  displayPath: string;
  /** The path relative to the folder being scanned, for path-bound rules (a file named directly: relative to cwd). */
  relPath: string;
}

/** How to walk. */
export interface WalkOptions {
  /** The folder paths are shown relative to (default process.cwd()). */
  cwd?: string;
  /** Extra ignore patterns in .gitignore syntax, matched against paths relative to each scanned folder and to cwd. */
  exclude?: readonly string[];
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
  /** Follow symbolic links inside folders (default false, as Git and ripgrep do); loops are detected either way. */
  followSymlinks?: boolean;
  /** Told about each folder that cannot be read (its files are then not scanned). */
  onUnreadable?: (absPath: string, reason: string) => void;
  /**
   * Blocking file-system calls, for a process that does nothing else meanwhile (the CLI): each folder then costs no
   * round trip through libuv's thread pool, during which the scan would sit idle. Default false (the editor's thread
   * must never block).
   */
  blocking?: boolean;
}

/** The file-system calls a walk makes: promises, or their blocking forms (awaiting a plain value costs next to nothing). */
interface WalkFs {
  stat(p: string): Promise<fs.Stats> | fs.Stats;
  readdir(p: string): Promise<fs.Dirent[]> | fs.Dirent[];
  readText(p: string): Promise<string> | string;
}

const PROMISED_FS: WalkFs = {
  stat: (p) => fs.promises.stat(p),
  readdir: (p) => fs.promises.readdir(p, { withFileTypes: true }),
  readText: (p) => fs.promises.readFile(p, 'utf8'),
};

const BLOCKING_FS: WalkFs = {
  stat: (p) => fs.statSync(p),
  readdir: (p) => fs.readdirSync(p, { withFileTypes: true }),
  readText: (p) => fs.readFileSync(p, 'utf8'),
};

/** A path the user named that does not exist or cannot be read. */
export class WalkError extends Error {
  constructor(readonly target: string, detail: string) {
    super(`${detail}: ${target}`);
    this.name = 'WalkError';
  }
}

/** The rules of one .gitignore file, applied relative to the folder that holds it. */
interface Layer {
  dir: string;
  ig: Ignore;
}

/** Folders never entered, whatever the ignore files say. */
const ALWAYS_SKIPPED = new Set(['.git']);

const IGNORE_CASE = process.platform === 'win32' || process.platform === 'darwin';

/** Paths in the form `ignore` wants: relative, forward slashes, a trailing slash for folders. */
function toIgnorePath(rel: string, isDir: boolean): string {
  const p = slashes(rel);
  return isDir ? `${p}/` : p;
}

/** The path of `target` relative to `base` when it lies strictly inside it. */
function relativeInside(base: string, target: string): string | undefined {
  const rel = path.relative(base, target);
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return undefined;
  return rel;
}

/** Shows an absolute path relative to cwd with forward slashes. */
export function displayPathOf(absPath: string, cwd: string): string {
  const rel = path.relative(cwd, absPath);
  return slashes(rel === '' ? path.basename(absPath) : rel);
}

function slashes(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * Decides whether a path is ignored: --exclude patterns first (they always win), then the .gitignore layers from the
 * deepest folder up, where the first layer with an opinion (ignore or `!` re-include) decides, as in Git.
 */
class IgnoreStack {
  constructor(
    private readonly layers: readonly Layer[],
    private readonly excludes: readonly Layer[],
  ) {}

  with(layer: Layer | undefined): IgnoreStack {
    return layer ? new IgnoreStack([...this.layers, layer], this.excludes) : this;
  }

  ignores(absPath: string, isDir: boolean): boolean {
    for (const ex of this.excludes) {
      const rel = relativeInside(ex.dir, absPath);
      if (rel === undefined) continue;
      if (ex.ig.ignores(toIgnorePath(rel, isDir))) return true;
    }
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i]!;
      const rel = relativeInside(layer.dir, absPath);
      if (rel === undefined) continue;
      const verdict = layer.ig.test(toIgnorePath(rel, isDir));
      if (verdict.ignored) return true;
      if (verdict.unignored) return false;
    }
    return false;
  }
}

async function readLayer(files: WalkFs, dir: string, file: string): Promise<Layer | undefined> {
  try {
    const text = await files.readText(path.join(dir, file));
    return { dir, ig: ignore({ ignorecase: IGNORE_CASE }).add(text) };
  } catch {
    return undefined;
  }
}

/** The Git work tree that holds `dir`, if any: the nearest ancestor with a `.git` entry. */
function findRepoRoot(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/** The .gitignore layers that apply to a scanned folder from above it: from the repository root down to its parent. */
async function ancestorLayers(files: WalkFs, dir: string): Promise<Layer[]> {
  const root = findRepoRoot(dir);
  if (!root) return [];
  const layers: Layer[] = [];
  const exclude = await readLayer(files, path.join(root, '.git', 'info'), 'exclude');
  if (exclude) layers.push({ dir: root, ig: exclude.ig });
  const chain: string[] = [];
  if (dir !== root) {
    for (let d = path.dirname(dir); ; d = path.dirname(d)) {
      chain.unshift(d);
      if (d === root || path.dirname(d) === d) break;
    }
  }
  for (const d of chain) {
    const layer = await readLayer(files, d, '.gitignore');
    if (layer) layers.push(layer);
  }
  // A folder named explicitly is scanned even if the repository ignores it: then only its own ignore files apply.
  return new IgnoreStack(layers, []).ignores(dir, true) ? [] : layers;
}

function identity(st: fs.Stats): string {
  return `${st.dev}:${st.ino}`;
}

/**
 * Yields the files under the given paths, in a stable order (names sorted), one folder read at a time, so a tree of
 * any size streams. A file or folder named explicitly is scanned even when .gitignore lists it (not when --exclude
 * does), and followed if it is a link. Inside folders, links are skipped unless `followSymlinks` is set.
 * node_modules/ and other dependency folders are skipped only when .gitignore or --exclude says so. Throws WalkError
 * for a path that does not exist.
 */
export async function* walkFiles(paths: readonly string[], options: WalkOptions = {}): AsyncGenerator<WalkedFile> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const walk: DirWalk = {
    cwd, useGitignore: options.gitignore !== false, followSymlinks: options.followSymlinks === true,
    seenDirs: new Set(), seenFiles: new Set(), fs: options.blocking === true ? BLOCKING_FS : PROMISED_FS,
    ...(options.onUnreadable ? { onUnreadable: options.onUnreadable } : {}),
  };
  const excludePatterns = options.exclude ?? [];

  for (const target of paths.length > 0 ? paths : ['.']) {
    const abs = path.resolve(cwd, target);
    let st: fs.Stats;
    try {
      st = await walk.fs.stat(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new WalkError(target, code === 'ENOENT' ? 'no such file or folder' : `cannot read (${code ?? 'error'})`);
    }
    const excludeBase = st.isDirectory() ? abs : path.dirname(abs);
    const excludes = excludePatterns.length > 0 ? excludeLayers(excludePatterns, excludeBase, cwd) : [];
    if (st.isDirectory()) {
      const layers = walk.useGitignore ? await ancestorLayers(walk.fs, abs) : [];
      yield* walkDir(abs, abs, new IgnoreStack(layers, excludes), walk);
    } else if (st.isFile()) {
      if (new IgnoreStack([], excludes).ignores(abs, false) || walk.seenFiles.has(abs)) continue;
      walk.seenFiles.add(abs);
      yield { absPath: abs, displayPath: displayPathOf(abs, cwd), relPath: slashes(relativeInside(cwd, abs) ?? path.basename(abs)) };
    }
  }
}

/** --exclude patterns apply relative to the scanned folder, and also to the current folder when it contains it. */
function excludeLayers(patterns: readonly string[], base: string, cwd: string): Layer[] {
  const make = (dir: string): Layer => ({ dir, ig: ignore({ ignorecase: IGNORE_CASE }).add([...patterns]) });
  const layers = [make(base)];
  if (relativeInside(cwd, base) !== undefined) layers.push(make(cwd));
  return layers;
}

/** The state of one walk, shared by every folder in it. */
interface DirWalk {
  cwd: string;
  useGitignore: boolean;
  followSymlinks: boolean;
  /** Folders entered (device:inode), so a link back up the tree cannot loop. */
  seenDirs: Set<string>;
  seenFiles: Set<string>;
  fs: WalkFs;
  onUnreadable?: (absPath: string, reason: string) => void;
}

async function* walkDir(root: string, dir: string, parent: IgnoreStack, walk: DirWalk): AsyncGenerator<WalkedFile> {
  const { seenDirs, seenFiles } = walk;
  let dirStat: fs.Stats;
  let entries: fs.Dirent[];
  try {
    dirStat = await walk.fs.stat(dir);
    if (seenDirs.has(identity(dirStat))) return;
    seenDirs.add(identity(dirStat));
    entries = await walk.fs.readdir(dir);
  } catch (e) {
    walk.onUnreadable?.(dir, (e as NodeJS.ErrnoException).code ?? 'error');
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const hasGitignore = walk.useGitignore && entries.some((e) => e.name === '.gitignore' && !e.isDirectory());
  const stack = hasGitignore ? parent.with(await readLayer(walk.fs, dir, '.gitignore')) : parent;

  for (const entry of entries) {
    if (ALWAYS_SKIPPED.has(entry.name)) continue;
    const abs = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      if (!walk.followSymlinks) continue;
      try {
        const target = await walk.fs.stat(abs);
        isDir = target.isDirectory();
        isFile = target.isFile();
      } catch {
        continue; // a dangling link
      }
    }
    if (!isDir && !isFile) continue; // sockets, fifos, devices
    if (stack.ignores(abs, isDir)) continue;
    if (isDir) {
      yield* walkDir(root, abs, stack, walk);
    } else if (!seenFiles.has(abs)) {
      seenFiles.add(abs);
      yield { absPath: abs, displayPath: displayPathOf(abs, walk.cwd), relPath: slashes(path.relative(root, abs)) };
    }
  }
}
