// A pool of worker threads that read and scan files (dist/scanWorker.js), so that a workspace scan never runs the
// engine on the caller's thread. Paths go out in small batches; each worker holds at most a few batches at a time.
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Confidence, RuleSpec } from '../core';
import type { FileScanResult } from './fileScan';

/** What a worker is set up with: the rules (built-in ones when omitted) and the scan options. */
export interface WorkerInit {
  rules?: readonly RuleSpec[];
  maxFileSize: number;
  disabledRules: readonly string[];
  minConfidence: Confidence;
  /** The workspace folders (absolute): path-bound rules see each file's path relative to the one holding it. */
  roots?: readonly string[];
}

/** Messages to a worker. */
export type ToWorker = { type: 'init'; init: WorkerInit } | { type: 'scan'; id: number; paths: string[] };

/** Messages from a worker. */
export type FromWorker =
  | { type: 'done'; id: number; results: FileScanResult[] }
  | { type: 'failed'; id: number; message: string };

/** The default number of workers: every core but one (for the editor), at least one. */
export function defaultWorkerCount(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, cores - 1);
}

interface Pending {
  resolve: (results: FileScanResult[]) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

/** Worker threads that scan batches of files; `scan` resolves with one result per path, in order. */
export class ScanPool {
  /** Batches one worker may hold at once (one running, one queued, so a worker never waits for the host). */
  static readonly perWorker = 2;
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private waiters: (() => void)[] = [];
  private dead = false;

  constructor(workerPath: string, init: WorkerInit, size = defaultWorkerCount()) {
    for (let i = 0; i < Math.max(1, size); i++) {
      const worker = new Worker(workerPath);
      const slot: Slot = { worker, pending: new Map() };
      worker.on('message', (m: FromWorker) => this.onMessage(slot, m));
      worker.on('error', (e) => this.fail(slot, e));
      worker.on('exit', (code) => this.fail(slot, new Error(`scan worker exited with code ${code}`)));
      worker.unref();
      worker.postMessage({ type: 'init', init } satisfies ToWorker);
      this.slots.push(slot);
    }
  }

  /** How many workers. */
  get size(): number {
    return this.slots.length;
  }

  /** Batches in flight across the pool. */
  get inFlight(): number {
    return this.slots.reduce((n, s) => n + s.pending.size, 0);
  }

  /** True when another batch can be sent without queueing more than `perWorker` per worker. */
  get hasRoom(): boolean {
    return !this.dead && this.slots.some((s) => s.pending.size < ScanPool.perWorker);
  }

  /** False once a worker has failed or the pool was terminated: make a new pool. */
  get usable(): boolean {
    return !this.dead;
  }

  /** Resolves when a batch finishes (or at once when there is room). */
  room(): Promise<void> {
    if (this.hasRoom || this.dead) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Scans a batch of absolute paths on the least busy worker. */
  scan(paths: string[]): Promise<FileScanResult[]> {
    if (this.dead) return Promise.reject(new Error('the scan pool was stopped'));
    const slot = this.slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      if (slot.pending.size === 1) slot.worker.ref();
      slot.worker.postMessage({ type: 'scan', id, paths } satisfies ToWorker);
    });
  }

  /** Stops every worker; batches still in flight are rejected. */
  async terminate(): Promise<void> {
    this.dead = true;
    const workers = this.slots.map((s) => s.worker);
    for (const s of this.slots) this.rejectAll(s, new Error('the scan pool was stopped'));
    this.wake();
    await Promise.all(workers.map((w) => w.terminate().catch(() => 0)));
  }

  private onMessage(slot: Slot, m: FromWorker): void {
    const p = slot.pending.get(m.id);
    if (!p) return;
    slot.pending.delete(m.id);
    if (slot.pending.size === 0) slot.worker.unref();
    if (m.type === 'done') p.resolve(m.results);
    else p.reject(new Error(m.message));
    this.wake();
  }

  private fail(slot: Slot, e: Error): void {
    if (this.dead) return;
    this.dead = true;
    this.rejectAll(slot, e);
    this.wake();
  }

  private rejectAll(slot: Slot, e: Error): void {
    for (const p of slot.pending.values()) p.reject(e);
    slot.pending.clear();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const resolve of w) resolve();
  }
}
