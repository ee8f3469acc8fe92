// `npm run bench`: engine throughput (ours vs secretlint, single thread and worker threads), editor latency,
// adversarial inputs per rule, extension activation and peak memory; prints tables, checks the targets, and saves
// bench-results/<timestamp>.json and bench-results/latest.json.
// Options: --quick, --rounds N, --corpus-mb N, --edits N, --only a,b (throughput,cli,workers,latency,adversarial,
// activation,memory), --cli-files N, --no-secretlint, --compare FILE. Set LEAKLESS_BENCH_DEPS to a folder whose node_modules holds
// secretlint when it is not installed in the project.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Engine, type RuleSpec } from '../src/core';
import { loadRuleDir } from '../src/node/ruleFiles';
import { runScanJob } from '../src/node/scanJob';
import { ScanPool } from '../src/node/scanPool';
import { adversarialLine, adversarialPumps, minTime, timeRule } from '../test/helpers/adversarial';
import { childMain, runChild } from './bench/children';
import { cliPair, sampleTree } from './bench/cli';
import { generateCorpus, generateDocument, generateMinified, readTree, writeCorpus, type Corpus } from './bench/corpus';
import { editLatency, fullScanLatency, stats } from './bench/latency';
import { num, printComparison, printTargets, saveResults, table, target, type Target } from './bench/report';
import { loadSecretlint, type Secretlint } from './bench/secretlint';

const ROOT = findRoot(__dirname);

function findRoot(dir: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'rules')) && fs.existsSync(path.join(d, 'package.json'))) return d;
    if (path.dirname(d) === d) throw new Error('cannot find the project root (a folder with rules/ and package.json)');
  }
}

interface Args {
  quick: boolean;
  rounds: number;
  corpusMb: number;
  edits: number;
  only: Set<string> | undefined;
  secretlint: boolean;
  compare: string | undefined;
  cliFiles: number;
}

function parseArgs(argv: readonly string[]): Args {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const quick = argv.includes('--quick');
  const only = value('--only');
  return {
    quick,
    rounds: Number(value('--rounds') ?? (quick ? 1 : 3)),
    corpusMb: Number(value('--corpus-mb') ?? (quick ? 4 : 20)),
    edits: Number(value('--edits') ?? (quick ? 50 : 200)),
    only: only ? new Set(only.split(',')) : undefined,
    secretlint: !argv.includes('--no-secretlint'),
    compare: value('--compare'),
    cliFiles: Number(value('--cli-files') ?? 2000),
  };
}

/** How long secretlint's CLI may run on the whole tree before it is stopped, in seconds. */
const CLI_LIMIT_S = 120;

const rulesOf = (): RuleSpec[] => loadRuleDir(path.join(ROOT, 'rules'), ROOT);
const mbOf = (bytes: number): number => bytes / 1048576;
const median = (xs: readonly number[]): number => stats(xs).median;

/** Ours and secretlint over the same files, interleaved chunk by chunk (about 1 MB each), alternating who goes first. */
async function paired(engine: Engine, corpus: Corpus, lint: Secretlint | undefined, rounds: number): Promise<Record<string, number>> {
  const chunks: Corpus['files'][] = [[]];
  let size = 0;
  for (const f of corpus.files) {
    if (size > 1048576) {
      chunks.push([]);
      size = 0;
    }
    chunks[chunks.length - 1]!.push(f);
    size += f.bytes;
  }
  const ours: number[] = [];
  const theirs: number[] = [];
  const ratios: number[] = [];
  let oursFindings = 0;
  let theirFindings = 0;
  // Both warmed up on the first chunk, untimed, so that a one-round (quick) run does not time the JIT compilers.
  for (const f of chunks[0]!) engine.detect(f.text, { path: f.rel });
  if (lint) {
    for (const f of chunks[0]!) await lint.lint(f.text, f.rel);
    await lint.reset();
  }
  for (let r = 0; r < rounds; r++) {
    let o = 0;
    let t = 0;
    let of = 0;
    let tf = 0;
    for (let c = 0; c < chunks.length; c++) {
      const runOurs = (): void => {
        const t0 = performance.now();
        for (const f of chunks[c]!) of += engine.detect(f.text, { path: f.rel }).length;
        o += performance.now() - t0;
      };
      const runTheirs = async (): Promise<void> => {
        if (!lint) return;
        const t0 = performance.now();
        for (const f of chunks[c]!) tf += await lint.lint(f.text, f.rel);
        t += performance.now() - t0;
        await lint.reset();
      };
      if ((r + c) % 2 === 0) {
        runOurs();
        await runTheirs();
      } else {
        await runTheirs();
        runOurs();
      }
    }
    ours.push(o);
    theirs.push(t);
    if (lint) ratios.push(t / o);
    oursFindings = of;
    theirFindings = tf;
    process.stdout.write(`  ${corpus.name} round ${r + 1}/${rounds}: ours ${num(o)} ms${lint ? `, secretlint ${num(t)} ms` : ''}\n`);
  }
  const mb = mbOf(corpus.bytes);
  return {
    files: corpus.files.length,
    megabytes: mb,
    oursMs: median(ours),
    oursMBps: mb / (median(ours) / 1000),
    oursFindings,
    ...(lint
      ? { secretlintMs: median(theirs), secretlintMBps: mb / (median(theirs) / 1000), secretlintFindings: theirFindings, speedup: median(ratios) }
      : {}),
    ...(corpus.planted ? { planted: corpus.planted } : {}),
  };
}

/** A corpus's files as the scan job takes them (the walk is left out: it is the same for every run). */
async function* listed(corpus: Corpus): AsyncGenerator<{ absPath: string }> {
  for (const f of corpus.files) yield { absPath: f.absPath };
}

/** The worker-pool scan (read and scan, as the extension's Scan Workspace runs it), in MB/s. */
async function poolThroughput(rules: RuleSpec[], corpus: Corpus, workers: number, rounds: number): Promise<Record<string, number>> {
  const workerPath = path.join(ROOT, 'dist', 'scanWorker.js');
  const times: number[] = [];
  let findings = 0;
  let files = 0;
  // How long the calling thread (the extension host's, in the editor) is kept from its event loop.
  const delay = monitorEventLoopDelay({ resolution: 1 });
  for (let r = 0; r < rounds; r++) {
    const pool = new ScanPool(workerPath, { rules, maxFileSize: 1048576, disabledRules: [], minConfidence: 'low' }, workers);
    let f = 0;
    let n = 0;
    const t0 = performance.now();
    delay.enable();
    await runScanJob(pool, listed(corpus), {
      onResult: (_file, result) => {
        if (result.kind !== 'text') return;
        f++;
        n += result.findings.length;
      },
    });
    times.push(performance.now() - t0);
    delay.disable();
    await pool.terminate();
    findings = n;
    files = f;
  }
  return {
    workers, files, seconds: median(times) / 1000, MBps: mbOf(corpus.bytes) / (median(times) / 1000), findings,
    hostBlockMs: delay.max / 1e6,
  };
}

/** Every rule alone on adversarial lines of 100 KB and 200 KB; the slowest, and any that grows faster than linearly. */
function adversarial(engine: Engine): { slowest: Record<string, string | number>[]; superLinear: Record<string, string | number>[]; rules: number; seconds: number } {
  const n = 100_000;
  const rows: { id: string; pump: string; ms1: number; ms2: number; ratio: number }[] = [];
  const t0 = performance.now();
  for (const rule of engine.rules) {
    let worst: (typeof rows)[number] | undefined;
    for (const pump of adversarialPumps(rule.spec)) {
      const one = adversarialLine(pump, n);
      const first = timeRule(engine, rule, one);
      let row = { id: rule.spec.id, pump: pump.slice(0, 24), ms1: first, ms2: NaN, ratio: NaN };
      if (first >= 0.5) {
        const two = adversarialLine(pump, 2 * n);
        const ms1 = minTime(3, () => timeRule(engine, rule, one));
        const ms2 = minTime(3, () => timeRule(engine, rule, two));
        row = { ...row, ms1, ms2, ratio: ms2 / ms1 };
      }
      if (!worst || (Number.isNaN(worst.ms2) ? worst.ms1 * 2 : worst.ms2) < (Number.isNaN(row.ms2) ? row.ms1 * 2 : row.ms2)) worst = row;
      if (row.ratio > 2.5 && row.ms2 > 2) {
        // A pause (GC, the other core's work) can fake a jump: time both sizes again, more often, before calling it.
        const ms1 = minTime(9, () => timeRule(engine, rule, one));
        const ms2 = minTime(9, () => timeRule(engine, rule, adversarialLine(pump, 2 * n)));
        row = { ...row, ms1, ms2, ratio: ms2 / ms1 };
      }
      if (row.ratio > 2.5 && row.ms2 > 2) rows.push({ ...row, id: `${row.id}!` });
    }
    if (worst) rows.push(worst);
  }
  const time = (r: (typeof rows)[number]): number => (Number.isNaN(r.ms2) ? r.ms1 * 2 : r.ms2);
  const shape = (r: (typeof rows)[number]): Record<string, string | number> => ({
    id: r.id.replace(/!$/, ''), pump: r.pump, ms100k: r.ms1, ms200k: r.ms2, ratio: r.ratio,
  });
  const slowest = rows.filter((r) => !r.id.endsWith('!')).sort((a, b) => time(b) - time(a)).slice(0, 10).map(shape);
  const superLinear = rows.filter((r) => r.id.endsWith('!')).sort((a, b) => b.ratio - a.ratio).map(shape);
  return { slowest, superLinear, rules: engine.rules.length, seconds: (performance.now() - t0) / 1000 };
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const childAt = argv.indexOf('--child');
  if (childAt >= 0) return childMain(argv[childAt + 1]!, ROOT, rulesOf, argv.slice(childAt + 2));
  const args = parseArgs(argv);
  const want = (s: string): boolean => !args.only || args.only.has(s);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const loadBefore = os.loadavg();
  console.log(`Leakless benchmark — ${os.cpus()[0]?.model ?? 'cpu'} x${cores}, Node ${process.version}, load ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`);
  const rules = rulesOf();
  const engine = new Engine(rules);
  const results: Record<string, unknown> = {
    timestamp: new Date().toISOString(),
    commit: gitCommit(),
    machine: { cpu: os.cpus()[0]?.model ?? '?', cores, node: process.version, platform: `${process.platform}-${process.arch}` },
    args: { quick: args.quick, rounds: args.rounds, corpusMb: args.corpusMb, edits: args.edits },
    rules: rules.length,
  };
  const targets: Target[] = [];

  let generated: Corpus | undefined;
  let tree: Corpus | undefined;
  if (want('throughput') || want('workers') || want('cli')) {
    generated = generateCorpus(rules, args.corpusMb * 1048576);
    writeCorpus(generated, path.join(os.tmpdir(), `leakless-bench-corpus-${args.corpusMb}mb`));
    tree = await readTree('node_modules', path.join(ROOT, 'node_modules'), args.quick ? 3000 : Infinity);
  }

  if (want('throughput') && generated && tree) {
    let lint: Secretlint | undefined;
    if (args.secretlint) {
      const loaded = await loadSecretlint(ROOT);
      if (typeof loaded === 'string') console.log(`  secretlint skipped: ${loaded}`);
      else lint = loaded;
    }
    console.log('\nThroughput, single thread (engine only, files in memory)…');
    const gen = await paired(engine, generated, lint, args.rounds);
    const real = await paired(engine, tree, lint, args.rounds);
    results['throughput'] = { generated: gen, nodeModules: real, ...(lint ? { secretlint: lint.versions } : {}) };
    const rows = [
      ['generated code', gen] as const,
      ['node_modules', real] as const,
    ].map(([name, r]) => [
      name, num(r['files']), num(r['megabytes']), num(r['oursMBps']), num(r['secretlintMBps']), r['speedup'] ? `${num(r['speedup'])}x` : '-',
      num(r['oursFindings']), num(r['secretlintFindings']),
    ]);
    table('Throughput, single thread (median of rounds)', ['corpus', 'files', 'MB', 'ours MB/s', 'secretlint MB/s', 'ours faster', 'ours found', 'secretlint found'], rows);
    if (lint) {
      targets.push(target('engine only vs secretlint core, node_modules', real['speedup'] ?? NaN, 'min', 10, 'x', 'single thread, same files in memory'));
      targets.push(target('planted secrets found, generated corpus (secretlint: ' + num(gen['secretlintFindings']) + ')', gen['oursFindings'] ?? NaN, 'min', (gen['secretlintFindings'] ?? 0) + 1, 'found'));
    }
  }

  if (want('cli') && tree && args.secretlint) {
    console.log(`\nEnd to end: each command-line scanner in a fresh process on the same ${num(Math.min(args.cliFiles, tree.files.length))} files of node_modules…`);
    try {
      const pairs = [cliPair(ROOT, sampleTree(tree, args.cliFiles), args.rounds)];
      // The whole tree once (full runs): secretlint's CLI slows down with every file, so it is stopped after a while.
      if (!args.quick && tree.files.length > args.cliFiles) {
        console.log(`  …and on all ${num(tree.files.length)} files (secretlint stopped after ${CLI_LIMIT_S} s)`);
        pairs.push(cliPair(ROOT, sampleTree(tree, Infinity), 1, CLI_LIMIT_S));
      }
      results['cli'] = pairs;
      table('End to end (median of rounds)', ['files', 'MB', 'leakless s', 'secretlint s', 'ours faster', 'ours found', 'secretlint found'], pairs.map((pair) => [
        num(pair.files), num(pair.megabytes), num(pair.oursSeconds), `${pair.secretlintTimedOut ? '> ' : ''}${num(pair.secretlintSeconds)}`,
        `${pair.secretlintTimedOut ? '> ' : ''}${num(pair.speedup)}x`, num(pair.oursFindings), pair.secretlintTimedOut ? '-' : num(pair.secretlintFindings),
      ]));
      for (const pair of pairs) {
        targets.push(target(`end to end vs secretlint CLI, ${num(pair.files)} node_modules files`, pair.speedup, 'min', 10, 'x',
          pair.secretlintTimedOut ? `at least: secretlint was stopped after ${CLI_LIMIT_S} s` : 'process start-up included'));
      }
    } catch (e) {
      console.log(`  skipped: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  if (want('workers') && generated && tree) {
    console.log('\nThroughput, worker threads (read + scan)…');
    const workerRows: Record<string, number>[] = [];
    for (const corpus of [generated, tree]) {
      for (const workers of [1, cores]) {
        const r = await poolThroughput(rules, corpus, workers, args.quick ? 1 : Math.max(1, args.rounds - 1));
        workerRows.push({ ...r });
        (workerRows[workerRows.length - 1] as Record<string, unknown>)['name'] = `${corpus.name}/${workers}`;
      }
    }
    results['workers'] = workerRows;
    table('Throughput, worker pool (end to end, median)', ['corpus/workers', 'files', 's', 'MB/s', 'found', 'host blocked ms'], workerRows.map((r) => [
      String((r as Record<string, unknown>)['name']), num(r['files']), num(r['seconds']), num(r['MBps']), num(r['findings']), num(r['hostBlockMs']),
    ]));
    targets.push(target('calling thread blocked during a pooled scan (longest)', Math.max(...workerRows.map((r) => r['hostBlockMs'] ?? NaN)), 'max', 50, 'ms'));
  }

  if (want('latency')) {
    console.log('\nEditor latency…');
    const edits: Record<string, unknown>[] = [];
    for (const lines of [1000, 10000, 100000]) {
      const doc = generateDocument(rules, lines, `doc-${lines}`);
      const r = editLatency(engine, doc, args.edits, `edits-${lines}`);
      edits.push({ name: `edit@${lines}`, lines, chars: doc.length, ...r });
    }
    const file1k = generateDocument(rules, 1000, 'file-1000');
    const full1k = fullScanLatency(engine, file1k, args.quick ? 50 : 200);
    const minified = generateMinified(500 * 1024, 'minified');
    const fullMin = fullScanLatency(engine, minified, args.quick ? 5 : 20);
    results['latency'] = { edits, full1000: { chars: file1k.length, ...full1k }, minified500k: { chars: minified.length, ...fullMin } };
    const row = (name: string, r: Record<string, unknown>): string[] => [
      name, num(r['chars'] as number), num(r['median'] as number), num(r['p95'] as number), num(r['max'] as number), num(r['runs'] as number),
      r['mismatches'] === undefined ? '-' : String(r['mismatches']),
    ];
    table('Editor latency (ms)', ['case', 'chars', 'median', 'p95', 'max', 'runs', 'mismatches'], [
      ...edits.map((e) => row(`re-check after 1-char edit, ${num(e['lines'] as number)} lines`, e)),
      row('full scan, 1,000-line file', { chars: file1k.length, ...full1k }),
      row('full scan, 500 KB minified line', { chars: minified.length, ...fullMin }),
    ]);
    const p95 = (lines: number): number => (edits.find((e) => e['lines'] === lines)?.['p95'] as number | undefined) ?? NaN;
    targets.push(target('edit re-check p95, 10,000 lines', p95(10000), 'max', 2, 'ms'));
    targets.push(target('edit re-check p95, 100,000 lines', p95(100000), 'max', 2, 'ms'));
    targets.push(target('full scan median, 1,000-line file', full1k.median, 'max', 1, 'ms'));
    targets.push(target('full scan median, 500 KB minified line', fullMin.median, 'max', 25, 'ms'));
  }

  if (want('adversarial')) {
    console.log('\nAdversarial lines, every rule alone…');
    const adv = adversarial(engine);
    results['adversarial'] = adv;
    table(`Slowest rules on adversarial lines (${adv.rules} rules, ${num(adv.seconds)} s)`, ['rule', 'pump', 'ms @100KB', 'ms @200KB', 'ratio'], adv.slowest.map((r) => [
      String(r['id']), JSON.stringify(r['pump']), num(r['ms100k'] as number), num(r['ms200k'] as number), num(r['ratio'] as number),
    ]));
    if (adv.superLinear.length > 0) {
      table('Super-linear (200 KB takes over 2.5x the time of 100 KB)', ['rule', 'pump', 'ms @100KB', 'ms @200KB', 'ratio'], adv.superLinear.map((r) => [
        String(r['id']), JSON.stringify(r['pump']), num(r['ms100k'] as number), num(r['ms200k'] as number), num(r['ratio'] as number),
      ]));
    }
    targets.push(target('rules super-linear on adversarial lines', new Set(adv.superLinear.map((r) => r['id'])).size, 'max', 0, 'rules'));
  }

  if (want('activation')) {
    console.log('\nActivation (fresh process each run)…');
    const runs: Record<string, number>[] = [];
    for (let i = 0; i < (args.quick ? 3 : 7); i++) runs.push(await runChild<Record<string, number>>('activation'));
    const act = {
      requireMs: median(runs.map((r) => r['requireMs']!)),
      activateMs: median(runs.map((r) => r['activateMs']!)),
      totalMs: median(runs.map((r) => r['totalMs']!)),
      runs: runs.length,
      bundleKb: fs.statSync(process.env['LEAKLESS_BENCH_EXTENSION'] ?? path.join(ROOT, 'dist', 'extension.js')).size / 1024,
    };
    results['activation'] = act;
    table('Activation of dist/extension.js (median ms)', ['require', 'activate()', 'total', 'bundle KB'], [[num(act.requireMs), num(act.activateMs), num(act.totalMs), num(act.bundleKb)]]);
    targets.push(target('activation (require + activate)', act.totalMs, 'max', 50, 'ms'));
  }

  if (want('memory')) {
    console.log('\nPeak memory of a node_modules scan (fresh process, single thread)…');
    const mem = await runChild<Record<string, number>>('memory', [path.join(ROOT, 'node_modules')]);
    results['memory'] = mem;
    table('Memory, scan of node_modules', ['files', 's', 'base RSS MB', 'peak RSS MB', 'peak heap MB'], [[
      num(mem['files']), num(mem['seconds']), num(mem['baseRssMb']), num(mem['peakRssMb']), num(mem['peakHeapMb']),
    ]]);
  }

  const loadAfter = os.loadavg();
  results['load'] = { before: loadBefore, after: loadAfter };
  results['targets'] = targets;
  printTargets(targets);
  console.log(`\nLoad average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(2)).join(' ')} (${cores} cores)`);
  const saved = saveResults(ROOT, results);
  console.log(`Saved ${path.relative(ROOT, saved)} and bench-results/latest.json`);
  if (args.compare) printComparison(path.resolve(args.compare), results);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exitCode = 1;
});
