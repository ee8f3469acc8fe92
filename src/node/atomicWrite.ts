// Replacing a file all at once: a temp file beside it, fsync, rename. Readers see the old file or the new one, never
// half of it; a failure leaves the old file as it was and no temp file behind. Used by the .env quick fixes.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What an atomic write did: whether it created the file, and how to put back what was there before. */
export interface AtomicWrite {
  created: boolean;
  /** Puts back the previous content and mode (atomically too), or deletes the file when the write created it. */
  restore(): Promise<void>;
}

/** Options of writeFileAtomic. */
export interface AtomicWriteOptions {
  /** Permission bits of a file that does not exist yet (default 0o600, owner-only); an existing file keeps its own. */
  newFileMode?: number;
}

/** A file's bytes and permission bits, or undefined when it does not exist. */
interface Previous {
  data: Buffer;
  mode: number;
}

/**
 * Replaces `file` with `data` atomically. Writes through a symbolic link to its target. Throws (with nothing
 * changed) when the file cannot be written, for example when a parent folder is missing or is a file.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<AtomicWrite> {
  const target = await resolveTarget(file);
  const previous = await readPrevious(target);
  await replace(target, data, previous?.mode ?? options.newFileMode ?? 0o600);
  return {
    created: previous === undefined,
    restore: async () => {
      if (previous) await replace(target, previous.data, previous.mode);
      else await fs.promises.rm(target, { force: true });
    },
  };
}

/** Thrown by appendFileAtomic when the file is not what the caller planned from, or the change is not an append. */
export class NotAnAppendError extends Error {}

/**
 * Appends to a text file atomically: `next` must start with `expected`, the file's current text (undefined: the file
 * must not exist). The existing bytes are kept as they are; only `next`'s tail is added, as UTF-8.
 */
export async function appendFileAtomic(
  file: string, expected: string | undefined, next: string, options: AtomicWriteOptions = {},
): Promise<AtomicWrite> {
  if (!next.startsWith(expected ?? '')) throw new NotAnAppendError(`the change to ${path.basename(file)} would rewrite existing lines`);
  const previous = await readPrevious(await resolveTarget(file));
  const current = previous === undefined ? undefined : new TextDecoder().decode(previous.data);
  if (current !== expected) throw new NotAnAppendError(`${path.basename(file)} changed on disk since the fix was planned`);
  const tail = Buffer.from(next.slice((expected ?? '').length), 'utf8');
  return writeFileAtomic(file, Buffer.concat([previous?.data ?? Buffer.alloc(0), tail]), options);
}

/**
 * A text file's content as appendFileAtomic compares it (UTF-8, a byte-order mark dropped), or undefined when there is
 * no such file (also when a parent is not a folder: writing it will then say why).
 */
export async function readTextFile(file: string): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await fs.promises.readFile(file));
  } catch (e) {
    if (isCode(e, 'ENOENT') || isCode(e, 'ENOTDIR')) return undefined;
    throw e;
  }
}

/** One file a change writes first: its name for messages, and the write (which returns how to undo it). */
export interface PendingWrite {
  name: string;
  write: () => Promise<AtomicWrite>;
}

/** What writeAllThen did. `notRestored` names files that could not be put back after a failure. */
export type WriteAllResult =
  | { status: 'applied' }
  | { status: 'write-failed'; name: string; error: unknown; notRestored: string[] }
  | { status: 'not-applied'; error?: unknown; notRestored: string[] };

/**
 * Writes the files in order, then runs `apply` (the change that needs them, such as the document edit). When a write
 * fails, or `apply` returns false or throws, every file already written is put back, newest first, and `apply` never
 * runs after a failed write.
 */
export async function writeAllThen(writes: readonly PendingWrite[], apply: () => Promise<boolean>): Promise<WriteAllResult> {
  const done: { name: string; undo: AtomicWrite }[] = [];
  const putBack = async (): Promise<string[]> => {
    const failed: string[] = [];
    for (const d of [...done].reverse()) {
      await d.undo.restore().catch(() => failed.push(d.name));
    }
    return failed;
  };
  for (const w of writes) {
    try {
      done.push({ name: w.name, undo: await w.write() });
    } catch (error) {
      return { status: 'write-failed', name: w.name, error, notRestored: await putBack() };
    }
  }
  let applied: boolean;
  let error: unknown;
  try {
    applied = await apply();
  } catch (e) {
    applied = false;
    error = e;
  }
  if (applied) return { status: 'applied' };
  return { status: 'not-applied', ...(error !== undefined ? { error } : {}), notRestored: await putBack() };
}

/** The path to replace: a symbolic link's target, so that the link survives. */
async function resolveTarget(file: string): Promise<string> {
  try {
    return await fs.promises.realpath(file);
  } catch (e) {
    if (isCode(e, 'ENOENT')) return path.resolve(file);
    throw e;
  }
}

async function readPrevious(target: string): Promise<Previous | undefined> {
  try {
    const stat = await fs.promises.stat(target);
    if (!stat.isFile()) throw new Error(`${target} is not a regular file`);
    return { data: await fs.promises.readFile(target), mode: stat.mode & 0o7777 };
  } catch (e) {
    if (isCode(e, 'ENOENT')) return undefined;
    throw e;
  }
}

/** Writes a temp file in the target's folder, flushes it, then renames it over the target. */
async function replace(target: string, data: string | Uint8Array, mode: number): Promise<void> {
  const dir = path.dirname(target);
  const temp = path.join(dir, `${path.basename(target)}.leakless-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(temp, 'wx', mode);
    await handle.writeFile(data);
    await handle.chmod(mode); // the umask may have narrowed the mode given to open
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.promises.rename(temp, target);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await fs.promises.rm(temp, { force: true }).catch(() => undefined);
    throw e;
  }
  await syncDir(dir);
}

/** Makes the rename itself durable; not every platform or file system can open a folder, so failures are ignored. */
async function syncDir(dir: string): Promise<void> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(dir, 'r');
    await handle.sync();
  } catch {
    // best effort
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function isCode(e: unknown, code: string): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === code;
}
