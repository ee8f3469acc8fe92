// Measures a workspace-style scan of a folder with the worker pool, as the extension runs it: files, megabytes,
// seconds, and the longest stretch the calling (main) thread was blocked.
// Usage: node esbuild.js && npx tsc -p tsconfig.test.json && node out/scripts/measureScan.js [folder] [--workers N]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { runScanJob } from '../src/node/scanJob';
import { defaultWorkerCount, ScanPool } from '../src/node/scanPool';
import { walkFiles } from '../src/node/walk';

const ROOT = path.resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const wi = args.indexOf('--workers');
  const workers = wi >= 0 ? Number(args[wi + 1]) : defaultWorkerCount();
  const target = path.resolve(args.find((a, i) => !a.startsWith('--') && i !== wi + 1) ?? path.join(ROOT, 'node_modules'));
  const workerPath = path.join(ROOT, 'dist', 'scanWorker.js');
  if (!fs.existsSync(workerPath)) throw new Error('dist/scanWorker.js is missing: run node esbuild.js first');

  // Two probes of the main thread: the event-loop delay histogram, and a 1 ms interval whose drift is the block.
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  let last = performance.now();
  let worstDrift = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    worstDrift = Math.max(worstDrift, now - last - 1);
    last = now;
  }, 1);

  const started = performance.now();
  const pool = new ScanPool(workerPath, { maxFileSize: 1024 * 1024, disabledRules: [], minConfidence: 'low' }, workers);
  let bytes = 0;
  let scanned = 0;
  let findings = 0;
  const skipped = { binary: 0, tooLarge: 0, unreadable: 0 };
  const outcome = await runScanJob(pool, walkFiles([target], { cwd: target }), {
    onResult: (_file, r) => {
      if (r.kind === 'text') {
        scanned++;
        findings += r.findings.length;
      } else if (r.kind === 'binary') skipped.binary++;
      else if (r.kind === 'too-large') skipped.tooLarge++;
      else skipped.unreadable++;
    },
  });
  const seconds = (performance.now() - started) / 1000;
  await pool.terminate();
  clearInterval(probe);
  histogram.disable();

  // Sizes are summed after the scan so that stat calls do not disturb the timing.
  for await (const f of walkFiles([target], { cwd: target })) {
    try {
      bytes += (await fs.promises.stat(f.absPath)).size;
    } catch {
      // gone meanwhile
    }
  }
  const result = {
    folder: target,
    workers,
    filesWalked: outcome.discovered,
    filesScanned: scanned,
    skipped,
    megabytes: Number((bytes / 1024 / 1024).toFixed(1)),
    seconds: Number(seconds.toFixed(2)),
    filesPerSecond: Math.round(outcome.discovered / seconds),
    findings,
    mainThreadLongestBlockMs: Number((histogram.max / 1e6).toFixed(1)),
    mainThreadP99DelayMs: Number((histogram.percentile(99) / 1e6).toFixed(1)),
    intervalProbeWorstDriftMs: Number(worstDrift.toFixed(1)),
  };
  console.log(JSON.stringify(result, null, 2));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
