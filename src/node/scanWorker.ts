// The scan worker thread (bundled as dist/scanWorker.js with the built-in rules embedded): reads, classifies and
// scans the files of each batch it is sent, a few reads at a time, and posts one result per file back.
import * as path from 'node:path';
import { parentPort } from 'node:worker_threads';
import builtinRules from 'leakless:builtin-rules';
import { Engine } from '../core';
import { scanFiles, type FileScanOptions, type FileScanResult } from './fileScan';
import type { FromWorker, ToWorker } from './scanPool';

/** Reads in flight per worker: enough to overlap I/O with scanning. */
const READS_IN_FLIGHT = 4;

let engine: Engine | undefined;
let options: FileScanOptions = {};
let roots: readonly string[] = [];

/** A file's path relative to the workspace folder holding it (forward slashes), as path-bound rules expect. */
function relativeToRoot(absPath: string): string | undefined {
  const root = roots.filter((r) => absPath.startsWith(r + path.sep)).sort((a, b) => b.length - a.length)[0];
  return root === undefined ? undefined : path.relative(root, absPath).split(path.sep).join('/');
}
let queue: Promise<void> = Promise.resolve();

async function scanBatch(id: number, paths: string[]): Promise<FromWorker> {
  if (!engine) return { type: 'failed', id, message: 'the scan worker was not initialised' };
  const results: FileScanResult[] = [];
  for await (const { result } of scanFiles(paths.map((absPath) => {
    const relPath = relativeToRoot(absPath);
    return relPath === undefined ? { absPath } : { absPath, relPath };
  }), engine, options, READS_IN_FLIGHT)) {
    results.push(result);
  }
  return { type: 'done', id, results };
}

parentPort?.on('message', (m: ToWorker) => {
  if (m.type === 'init') {
    engine = new Engine(m.init.rules ?? builtinRules);
    roots = m.init.roots ?? [];
    options = {
      maxFileSize: m.init.maxFileSize,
      // This thread does nothing but scan: blocking reads cost it nothing and are far cheaper per file.
      syncReads: true,
      detect: { disabledRules: new Set(m.init.disabledRules), minConfidence: m.init.minConfidence },
    };
    return;
  }
  // One batch at a time, in order; the next one waits in the queue so the worker never sits idle between batches.
  queue = queue.then(async () => {
    let reply: FromWorker;
    try {
      reply = await scanBatch(m.id, m.paths);
    } catch (e) {
      reply = { type: 'failed', id: m.id, message: e instanceof Error ? e.message : String(e) };
    }
    parentPort?.postMessage(reply);
  });
});
