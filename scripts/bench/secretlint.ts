// secretlint with its recommended preset, run in-process through its core API (so no process start-up is timed).
// It is an ES module: loaded with a real dynamic import(), from the project's node_modules or LEAKLESS_BENCH_DEPS.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Lints one file's text and returns the number of messages. */
export type SecretlintLint = (text: string, rel: string) => Promise<number>;

/** The loaded linter and the versions it came from. */
export interface Secretlint {
  lint: SecretlintLint;
  /**
   * Empties secretlint's profiler, which keeps every performance mark of the process and searches them on each new
   * one (so a long in-process run slows down quadratically and burdens the rest of the process): called between
   * timed chunks so that what is measured is its detection.
   */
  reset: () => Promise<void>;
  versions: Record<string, string>;
}

const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

function packageDir(name: string, roots: readonly string[]): string | undefined {
  for (const root of roots) {
    const dir = path.join(root, 'node_modules', ...name.split('/'));
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
  }
  return undefined;
}

async function load(name: string, roots: readonly string[]): Promise<{ mod: Record<string, unknown>; version: string }> {
  const dir = packageDir(name, roots);
  if (!dir) throw new Error(`${name} is not installed`);
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version?: string; main?: string };
  const entry = path.join(dir, pkg.main ?? 'index.js');
  const mod = (await importModule(pathToFileURL(entry).href)) as Record<string, unknown>;
  return { mod, version: pkg.version ?? '?' };
}

/** Loads secretlint, or returns why it cannot (not installed). */
export async function loadSecretlint(projectRoot: string): Promise<Secretlint | string> {
  const roots = [projectRoot, ...(process.env['LEAKLESS_BENCH_DEPS'] ? [process.env['LEAKLESS_BENCH_DEPS']] : [])];
  try {
    const core = await load('@secretlint/core', roots);
    const profilerModule = await load('@secretlint/profiler', roots).catch(() => undefined);
    const profiler = profilerModule?.mod['secretLintProfiler'] as
      | { entries?: unknown[]; measures?: unknown[]; waifForExecutionPromises?: () => Promise<unknown> }
      | undefined;
    const preset = await load('@secretlint/secretlint-rule-preset-recommend', roots);
    const lintSource = core.mod['lintSource'] as (args: unknown) => Promise<{ messages: unknown[] }>;
    const creator = preset.mod['creator'];
    if (typeof lintSource !== 'function' || !creator) return 'unexpected @secretlint/core API';
    const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: creator }] };
    const lint: SecretlintLint = async (text, rel) => {
      const result = await lintSource({
        source: { content: text, filePath: rel, ext: path.extname(rel), contentType: 'text' },
        options: { config, maskSecrets: true, noPhysicFilePath: true },
      });
      return result.messages.length;
    };
    const reset = async (): Promise<void> => {
      // Let the profiler's observer see the last marks and finish its measures before they are cleared.
      for (let i = 0; i < 2; i++) {
        await new Promise((resolve) => setImmediate(resolve));
        await profiler?.waifForExecutionPromises?.();
      }
      if (Array.isArray(profiler?.entries)) profiler.entries.length = 0;
      if (Array.isArray(profiler?.measures)) profiler.measures.length = 0;
      performance.clearMarks();
      performance.clearMeasures();
    };
    return {
      lint,
      reset,
      versions: { '@secretlint/core': core.version, '@secretlint/secretlint-rule-preset-recommend': preset.version },
    };
  } catch (e) {
    return `${e instanceof Error ? e.message : String(e)} (npm install --no-save secretlint @secretlint/secretlint-rule-preset-recommend)`;
  }
}
