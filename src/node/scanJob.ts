// Drives a scan: pulls files from a walk, sends them to a ScanPool in batches as workers have room, and hands each
// result back. The calling thread only walks and routes, and gives the event loop a turn every few milliseconds.
import { performance } from 'node:perf_hooks';
import type { FileScanResult } from './fileScan';
import type { ScanPool } from './scanPool';

/** How a scan job runs. */
export interface ScanJobOptions<T> {
  /** Files per batch sent to a worker (default 32). */
  batchSize?: number;
  /** Longest stretch of work on the calling thread before yielding to the event loop, in ms (default 4). */
  sliceMs?: number;
  /** On cancellation the job stops sending work and resolves at once, without waiting for batches in flight. */
  token?: CancelSignal;
  /** Called as the walk finds each file. */
  onDiscovered?: (file: T) => void;
  /** Called with each file's result (never after the job resolved). */
  onResult?: (file: T, result: FileScanResult) => void;
}

/** A cancellation token (vscode.CancellationToken has this shape). */
export interface CancelSignal {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

/** How a job ended. */
export interface ScanJobOutcome {
  discovered: number;
  done: number;
  cancelled: boolean;
  /** Why batches failed (a worker crashed), if any; their files count as unreadable. */
  errors: string[];
}

/** Gives the event loop a turn (I/O, timers, UI messages) before continuing. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Scans `files` on `pool`; resolves when every file is scanned, or at once on cancellation. */
export async function runScanJob<T extends { absPath: string }>(
  pool: ScanPool, files: AsyncIterable<T>, options: ScanJobOptions<T> = {},
): Promise<ScanJobOutcome> {
  const batchSize = Math.max(1, options.batchSize ?? 32);
  const sliceMs = options.sliceMs ?? 4;
  const token = options.token;
  const cancelled = (): boolean => token?.isCancellationRequested === true;
  let onCancel: { dispose(): void } | undefined;
  const whenCancelled = new Promise<void>((resolve) => {
    onCancel = token?.onCancellationRequested(() => resolve());
  });
  const untilRoomOrCancel = (): Promise<void> => Promise.race([pool.room(), whenCancelled]);
  const outcome: ScanJobOutcome = { discovered: 0, done: 0, cancelled: false, errors: [] };
  const inFlight = new Set<Promise<void>>();
  let finished = false;
  let sliceStart = performance.now();

  const send = (batch: T[]): void => {
    const job = pool.scan(batch.map((f) => f.absPath)).then(
      (results) => {
        if (finished) return;
        batch.forEach((file, i) => {
          outcome.done++;
          options.onResult?.(file, results[i] ?? { kind: 'unreadable', reason: 'no result' });
        });
      },
      (e: unknown) => {
        if (finished) return;
        outcome.errors.push(e instanceof Error ? e.message : String(e));
        for (const file of batch) {
          outcome.done++;
          options.onResult?.(file, { kind: 'unreadable', reason: 'scan worker failed' });
        }
      },
    );
    inFlight.add(job);
    void job.finally(() => inFlight.delete(job));
  };

  let batch: T[] = [];
  const iterator = files[Symbol.asyncIterator]();
  try {
    for (;;) {
      if (cancelled()) break;
      const next = await iterator.next();
      if (next.done) break;
      outcome.discovered++;
      options.onDiscovered?.(next.value);
      batch.push(next.value);
      if (batch.length >= batchSize) {
        while (!pool.hasRoom && pool.usable && !cancelled()) await untilRoomOrCancel();
        if (cancelled()) break;
        send(batch);
        batch = [];
      }
      if (performance.now() - sliceStart > sliceMs) {
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
    }
    if (batch.length > 0 && !cancelled()) {
      while (!pool.hasRoom && pool.usable && !cancelled()) await untilRoomOrCancel();
      if (!cancelled()) send(batch);
    }
    while (inFlight.size > 0 && !cancelled()) await Promise.race([...inFlight, whenCancelled]);
  } finally {
    onCancel?.dispose();
    outcome.cancelled = cancelled();
    finished = true;
    await iterator.return?.(undefined);
  }
  return outcome;
}
