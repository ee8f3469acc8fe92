// Scans what the next commit would record: the staged (index) version of each added or changed file, reporting only
// findings on the lines the commit adds or changes. A secret that is already committed and untouched does not block
// the commit (as `gitleaks protect` does); `leakless scan` of the folder, or `--git-history`, still reports it.
import * as path from 'node:path';
import type { DetectOptions, Engine } from '../core';
import { DEFAULT_MAX_FILE_SIZE, decodeText, hasBinaryExtension, type FileScanResult } from './fileScan';
import { blobSizes, gitTopLevel, GitError, lineRangesToOffsets, readBlobs, stagedFiles, touchesRanges } from './gitStaged';
import { displayPathOf } from './walk';

/** A staged file as the report shows it: the work-tree path, and the path relative to the repository root. */
export interface StagedScanFile {
  absPath: string;
  displayPath: string;
  relPath: string;
}

/** Options for a staged scan. */
export interface StagedScanOptions {
  /** The folder paths are shown relative to (and pathspecs are read from). */
  cwd: string;
  /** Only staged files under these paths (relative to cwd). */
  paths?: readonly string[];
  /** Skips a file when this returns true for its path relative to the repository root. */
  ignore?: (relPath: string) => boolean;
  maxFileSize?: number;
  detect?: DetectOptions;
}

/** The repository root for a staged scan; throws GitError outside a repository. */
export async function stagedRoot(cwd: string): Promise<string> {
  const root = await gitTopLevel(cwd);
  if (!root) throw new GitError('--staged: not inside a Git work tree');
  return root;
}

/** Scans the staged files one blob at a time, in the order Git lists them. */
export async function* scanStaged(engine: Engine, options: StagedScanOptions): AsyncGenerator<{ file: StagedScanFile; result: FileScanResult }> {
  const root = await stagedRoot(options.cwd);
  const max = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const files = (await stagedFiles(options.cwd, options.paths ?? [])).filter((f) => !options.ignore?.(f.path));
  const sizes = await blobSizes(root, [...new Set(files.map((f) => f.blob))]);

  const scanText = (f: (typeof files)[number], file: StagedScanFile, bytes: Buffer): FileScanResult => {
    const decoded = decodeText(bytes);
    if (!decoded) return { kind: 'binary' };
    let findings = engine.detect(decoded.text, { ...options.detect, path: f.path });
    if (f.added !== 'all') {
      const ranges = lineRangesToOffsets(decoded.text, f.added);
      findings = findings.filter((x) => touchesRanges(x.start, x.end, ranges));
    }
    return { kind: 'text', findings, encoding: decoded.encoding };
  };

  // Files that need their content are read through one `git cat-file --batch`, in order; the others are settled now.
  const fileOf = (f: (typeof files)[number]): StagedScanFile => {
    const absPath = path.join(root, ...f.path.split('/'));
    return { absPath, displayPath: displayPathOf(absPath, options.cwd), relPath: f.path };
  };
  const toRead = files.filter((f) => {
    const size = sizes.get(f.blob);
    return !hasBinaryExtension(f.path) && size !== undefined && size <= max;
  });
  const blobs = readBlobs(root, toRead.map((f) => f.blob));
  for (const f of files) {
    const file = fileOf(f);
    const size = sizes.get(f.blob);
    if (hasBinaryExtension(f.path)) yield { file, result: { kind: 'binary' } };
    else if (size === undefined) yield { file, result: { kind: 'unreadable', reason: 'staged blob missing' } };
    else if (size > max) yield { file, result: { kind: 'too-large', size } };
    else {
      const next = await blobs.next();
      const data = next.done ? undefined : next.value.data;
      yield { file, result: data ? scanText(f, file, data) : { kind: 'unreadable', reason: 'staged blob missing' } };
    }
  }
  await blobs.return(undefined);
}
