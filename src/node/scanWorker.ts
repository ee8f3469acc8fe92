// The scan worker thread (bundled as dist/scanWorker.js with the built-in rules embedded): reads, classifies and
// scans the files of each batch it is sent, a few reads at a time, and posts one result per file back.
import { parentPort } from 'node:worker_threads';
import builtinRules from 'leakless:builtin-rules';
import { Engine } from '../core';
import { scanFiles, type FileScanOptions, type FileScanResult } from './fileScan';
import type { FromWorker, ToWorker } from './scanPool';

/** Reads in flight per worker: enough to overlap I/O with scanning. */
const READS_IN_FLIGHT = 4;

let engine: Engine | undefined;
let options: FileScanOptions = {};
let queue: Promise<void> = Promise.resolve();

async function scanBatch(id: number, paths: string[]): Promise<FromWorker> {
  if (!engine) return { type: 'failed', id, message: 'the scan worker was not initialised' };
  const results: FileScanResult[] = [];
  for await (const { result } of scanFiles(paths.map((absPath) => ({ absPath })), engine, options, READS_IN_FLIGHT)) {
    results.push(result);
  }
  return { type: 'done', id, results };
}

parentPort?.on('message', (m: ToWorker) => {
  if (m.type === 'init') {
    engine = new Engine(m.init.rules ?? builtinRules);
    options = {
      maxFileSize: m.init.maxFileSize,
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
