// Measurements that need a fresh process: the extension's activation (cold require cache) and the peak memory of a
// large scan. The bench forks itself with `--child NAME`; the child posts one JSON result back.
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Engine, type RuleSpec } from '../../src/core';
import { scanFiles } from '../../src/node/fileScan';
import { walkFiles } from '../../src/node/walk';

/** Runs `--child name` in a new Node process and resolves with what it posts. */
export function runChild<T>(name: string, args: readonly string[] = []): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(process.argv[1]!, ['--child', name, ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: T | undefined;
    child.on('message', (m) => (result = m as T));
    child.on('error', reject);
    child.on('exit', (code) => (result !== undefined ? resolve(result) : reject(new Error(`child ${name} exited with ${code}`))));
  });
}

/**
 * A stand-in for the `vscode` module: an object with the API's top-level `names`, each a callable, constructible stub
 * whose properties are stubs too; `get(key, default)` gives the default.
 */
function fakeVscode(names: readonly string[]): unknown {
  const cache = new Map<PropertyKey, unknown>();
  const make = (name: string): unknown => {
    const target = function stub(): void {};
    const assigned = new Map<PropertyKey, unknown>();
    return new Proxy(target, {
      set(_t, prop, value) {
        assigned.set(prop, value);
        return true;
      },
      get(_t, prop) {
        if (assigned.has(prop)) return assigned.get(prop);
        if (prop === 'then') return undefined;
        if (prop === Symbol.toPrimitive) return () => 0;
        if (prop === Symbol.iterator) return function* empty(): Generator<never> {};
        if (prop === 'length') return 0;
        const key = `${name}.${String(prop)}`;
        if (!cache.has(key)) cache.set(key, make(key));
        return cache.get(key);
      },
      apply(_t, _this, args: unknown[]) {
        if (name.endsWith('.get') && args.length >= 2) return args[1];
        if (name.endsWith('.get') || name.endsWith('.inspect')) return undefined;
        return make(`${name}()`);
      },
      construct() {
        return make(`new ${name}`) as object;
      },
    });
  };
  const api: Record<string, unknown> = {};
  for (const n of names) api[n] = make(n);
  return api;
}

/** Times `require(dist/extension.js)` and `activate()` with a stub `vscode` module. */
function activation(root: string): Record<string, number> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Module = require('node:module') as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = Module._resolveFilename;
  const vscodeId = path.join(root, 'node_modules', '.leakless-bench-vscode.js');
  Module._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
    return request === 'vscode' ? vscodeId : original.call(this, request, ...rest);
  };
  const bundle = process.env['LEAKLESS_BENCH_EXTENSION'] ?? path.join(root, 'dist', 'extension.js');
  // The API's top-level names, from @types/vscode (a minified bundle has no `vscode.X` left to read them from).
  const types = fs.readFileSync(path.join(root, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  const names = [...new Set(Array.from(types.matchAll(/^\texport (?:class|enum|namespace|function|const|let) ([A-Za-z_]\w*)/gm), (m) => m[1]!))];
  require.cache[vscodeId] = { id: vscodeId, filename: vscodeId, loaded: true, exports: fakeVscode(names) } as NodeJS.Module;
  const packageJSON: unknown = require(path.join(root, 'package.json'));
  const memento = { get: (_k: string, d?: unknown) => d, update: async () => undefined, keys: () => [] };
  const context = {
    subscriptions: [] as { dispose?: () => void }[],
    workspaceState: memento,
    globalState: { ...memento, setKeysForSync: () => undefined },
    extension: { packageJSON, id: 'leakless.leakless', extensionPath: root },
    extensionPath: root,
    extensionUri: { fsPath: root, path: root, scheme: 'file' },
    asAbsolutePath: (p: string) => path.join(root, p),
    storageUri: undefined,
    globalStorageUri: { fsPath: path.join(root, '.bench-storage'), scheme: 'file' },
    logUri: { fsPath: path.join(root, '.bench-log'), scheme: 'file' },
    extensionMode: 1,
    environmentVariableCollection: {},
    secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined },
  };
  const t0 = performance.now();
  const ext = require(bundle) as { activate: (c: unknown) => unknown };
  const t1 = performance.now();
  ext.activate(context);
  const t2 = performance.now();
  return { requireMs: t1 - t0, activateMs: t2 - t1, totalMs: t2 - t0 };
}

/** Scans a tree on this thread as the CLI does, sampling memory; peak RSS and heap in MB. */
async function memory(root: string, rules: RuleSpec[]): Promise<Record<string, number>> {
  const engine = new Engine(rules);
  let peakHeap = 0;
  let peakRss = 0;
  const sample = (): void => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  };
  const base = process.memoryUsage();
  const timer = setInterval(sample, 10);
  let files = 0;
  const t0 = performance.now();
  for await (const { result } of scanFiles(walkFiles([root], { cwd: root }), engine)) {
    if (result.kind === 'text') files++;
    if (files % 64 === 0) sample();
  }
  clearInterval(timer);
  sample();
  const mb = (n: number): number => n / 1048576;
  return {
    files,
    seconds: (performance.now() - t0) / 1000,
    baseRssMb: mb(base.rss),
    peakRssMb: Math.max(mb(peakRss), process.resourceUsage().maxRSS / 1024),
    peakHeapMb: mb(peakHeap),
  };
}

/** The child side: runs the named measurement and posts its result to the parent. */
export async function childMain(name: string, root: string, loadRules: () => RuleSpec[], args: readonly string[]): Promise<void> {
  let result: unknown;
  if (name === 'activation') result = activation(root);
  else if (name === 'memory') result = await memory(args[0] ?? path.join(root, 'node_modules'), loadRules());
  else throw new Error(`unknown child ${name}`);
  if (process.send) await new Promise<void>((resolve) => process.send!(result as object, () => resolve()));
  else console.log(JSON.stringify(result));
  process.exit(0);
}
