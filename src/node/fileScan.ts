// Reads one file for scanning: classifies it (binary, too large, text), decodes it, and runs the engine on it.
// Shared by the CLI and the extension's workspace scan, so it never prints anything.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { secretFileFinding, secretFileKind, type DetectOptions, type Engine, type Finding } from '../core';

/** The default largest file scanned: 1 MiB. */
export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

/** How many leading bytes are checked for a NUL byte to tell binary files from text. */
export const BINARY_SNIFF_BYTES = 8192;

/** Extensions of files that are binary whatever their first bytes say (images, archives, media, compiled code). */
export const BINARY_EXTENSIONS: ReadonlySet<string> = new Set([
  // images
  'png', 'jpg', 'jpeg', 'gif', 'bmp', 'ico', 'icns', 'webp', 'tif', 'tiff', 'psd', 'heic', 'avif',
  // fonts
  'woff', 'woff2', 'ttf', 'otf', 'eot',
  // archives and packages
  'zip', 'gz', 'tgz', 'bz2', 'xz', 'zst', '7z', 'rar', 'tar', 'jar', 'war', 'ear', 'apk', 'aab', 'ipa', 'nupkg',
  'whl', 'deb', 'rpm', 'msi', 'dmg', 'iso', 'img', 'vsix',
  // compiled code and libraries
  'exe', 'dll', 'so', 'dylib', 'a', 'o', 'obj', 'lib', 'class', 'pyc', 'pyo', 'wasm', 'node', 'bin',
  // media
  'mp3', 'mp4', 'm4a', 'aac', 'wav', 'ogg', 'oga', 'flac', 'avi', 'mov', 'mkv', 'webm',
  // documents and databases
  'pdf', 'doc', 'xls', 'ppt', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp', 'sqlite', 'sqlite3',
]);

/** What happened to one file. */
export type FileScanResult =
  | { kind: 'text'; findings: Finding[]; encoding: TextEncodingName }
  | { kind: 'binary' }
  | { kind: 'too-large'; size: number }
  | { kind: 'unreadable'; reason: string };

/** The encodings text files are read in. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/** Options for scanning one file. */
export interface FileScanOptions {
  /** Files larger than this many bytes are skipped (default 1 MiB). */
  maxFileSize?: number;
  detect?: DetectOptions;
  /**
   * Read each file with blocking calls (open, fstat, read, close) instead of promises: several times cheaper per file,
   * for callers whose thread does nothing else meanwhile (a scan worker, the CLI).
   */
  syncReads?: boolean;
}

/** True when the file name's extension marks a binary file. */
export function hasBinaryExtension(filePath: string): boolean {
  const ext = path.extname(filePath).slice(1).toLowerCase();
  return ext !== '' && BINARY_EXTENSIONS.has(ext);
}

/**
 * Decodes file bytes as text: UTF-16 when a byte-order mark says so, otherwise UTF-8 (a UTF-8 BOM is dropped, as
 * editors do, so columns match). Returns undefined for binary content: a NUL byte in the first 8 KB.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const body = bytes.subarray(2, 2 + ((bytes.length - 2) & ~1));
    const swapped = new Uint8Array(body.length);
    for (let i = 0; i + 1 < body.length; i += 2) {
      swapped[i] = body[i + 1]!;
      swapped[i + 1] = body[i]!;
    }
    return { text: new TextDecoder('utf-16le').decode(swapped), encoding: 'utf-16be' };
  }
  const sniff = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < sniff; i++) if (bytes[i] === 0) return undefined;
  return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
}

/** Reads, classifies and scans one file. Never throws for file problems: they come back as `unreadable`. */
export async function scanFile(absPath: string, engine: Engine, options: FileScanOptions = {}): Promise<FileScanResult> {
  if (hasBinaryExtension(absPath)) return { kind: 'binary' };
  const max = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  try {
    const st = await fs.promises.stat(absPath);
    if (st.size > max) return { kind: 'too-large', size: st.size };
    const bytes = await fs.promises.readFile(absPath);
    if (bytes.length > max) return { kind: 'too-large', size: bytes.length };
    const decoded = decodeText(bytes);
    if (!decoded) return { kind: 'binary' };
    return { kind: 'text', findings: engine.detect(decoded.text, options.detect), encoding: decoded.encoding };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { kind: 'unreadable', reason: err.code ?? err.message };
  }
}

/** scanFile with blocking reads: one open, fstat, read and close per file. */
export function scanFileSync(absPath: string, engine: Engine, options: FileScanOptions = {}): FileScanResult {
  if (hasBinaryExtension(absPath)) return { kind: 'binary' };
  const max = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  try {
    const read = readAtMost(absPath, max);
    if ('size' in read) return { kind: 'too-large', size: read.size };
    const decoded = decodeText(read.bytes);
    if (!decoded) return { kind: 'binary' };
    return { kind: 'text', findings: engine.detect(decoded.text, options.detect), encoding: decoded.encoding };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { kind: 'unreadable', reason: err.code ?? err.message };
  }
}

/** A file's bytes, or its size when it holds more than `max` bytes (also when it grew past `max` while read). */
function readAtMost(absPath: string, max: number): { bytes: Buffer } | { size: number } {
  // Non-blocking open: a named pipe or a device handed over as a file must not hang the scan (it is refused below).
  const fd = fs.openSync(absPath, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'not a regular file' });
    const size = st.size;
    if (size > max) return { size };
    const buf = Buffer.allocUnsafe(Math.min(max + 1, size + 1));
    let n = 0;
    for (let got = -1; got !== 0 && n < buf.length; n += got) got = fs.readSync(fd, buf, n, buf.length - n, n);
    if (n > max) return { size: n };
    return { bytes: buf.subarray(0, n) };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Scans files with a small number of reads in flight (default 8), pulling paths from `files` only as fast as they are
 * scanned, so a huge tree never sits in memory. Results come out in the order the files went in. A file's `relPath`
 * (relative to the scanned folder, forward slashes) is what path-bound rules match.
 */
export async function* scanFiles<T extends { absPath: string; relPath?: string }>(
  files: AsyncIterable<T> | Iterable<T>, engine: Engine, options: FileScanOptions = {}, concurrency = 8,
): AsyncGenerator<{ file: T; result: FileScanResult }> {
  const inFlight: Promise<{ file: T; result: FileScanResult }>[] = [];
  for await (const file of files) {
    const fileOptions = file.relPath === undefined ? options : { ...options, detect: { ...options.detect, path: file.relPath } };
    if (options.syncReads) {
      yield { file, result: withSecretFile(file.relPath ?? file.absPath, scanFileSync(file.absPath, engine, fileOptions), options) };
      continue;
    }
    const job = scanFile(file.absPath, engine, fileOptions).then((result) => ({ file, result: withSecretFile(file.relPath ?? file.absPath, result, options) }));
    job.catch(() => undefined); // rethrown when its turn comes, not reported as unhandled meanwhile
    inFlight.push(job);
    if (inFlight.length >= Math.max(1, concurrency)) yield await inFlight.shift()!;
  }
  while (inFlight.length > 0) yield await inFlight.shift()!;
}

/** Adds the finding for a file that is a secret by its name (a key store), which its content cannot show. */
function withSecretFile(filePath: string, result: FileScanResult, options: FileScanOptions): FileScanResult {
  const kind = secretFileKind(filePath);
  if (!kind || options.detect?.disabledRules?.has(kind.ruleId)) return result;
  if (result.kind !== 'text' && result.kind !== 'binary' && result.kind !== 'too-large') return result;
  const finding = secretFileFinding(kind, filePath);
  if (options.detect?.ignoredFingerprints?.has(finding.fingerprint)) return result;
  return result.kind === 'text' ? { ...result, findings: [finding, ...result.findings] } : { kind: 'text', findings: [finding], encoding: 'utf-8' };
}
