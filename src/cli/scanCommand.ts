// `leakless scan`: walks the paths, scans files a few at a time, and writes the report as results arrive.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Engine, type RuleSpec } from '../core';
import { scanFiles } from '../node/fileScan';
import { walkFiles } from '../node/walk';
import { formatJson } from '../report/json';
import { describeSkipped, describeSummary, emptySummary, type FileFinding } from '../report/model';
import { formatSarif } from '../report/sarif';
import { formatTextFile, formatTextSummary } from '../report/text';
import { UsageError, type ScanArgs } from './args';
import { INFORMATION_URI, VERSION } from './meta';
import { fileSink, type Sink } from './output';
import { checkRuleIds, loadRuleSet } from './ruleSet';

/** What a command needs from the outside world (injected so tests can run it in-process). */
export interface CliContext {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: Sink;
  stderr: Sink;
  builtinRules: readonly RuleSpec[];
}

/** Files read at once. */
const CONCURRENCY = 8;

/** Colour only on a terminal, unless forced by a flag; NO_COLOR and FORCE_COLOR are honoured. */
function useColor(args: ScanArgs, sink: Sink, env: CliContext['env']): boolean {
  if (args.color !== undefined) return args.color;
  if (env['NO_COLOR']) return false;
  if (env['FORCE_COLOR'] !== undefined) return env['FORCE_COLOR'] !== '0';
  return sink.isTTY;
}

async function checkPaths(paths: readonly string[], cwd: string): Promise<void> {
  for (const p of paths) {
    try {
      await fs.promises.stat(path.resolve(cwd, p));
    } catch {
      throw new UsageError(`no such file or folder: ${p}`);
    }
  }
}

async function openOutput(file: string, cwd: string): Promise<Sink> {
  try {
    return await fileSink(path.resolve(cwd, file));
  } catch (e) {
    throw new UsageError(`cannot write --output ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Runs the scan; returns the exit status (1 when something was found, 0 when clean). */
export async function scanCommand(args: ScanArgs, ctx: CliContext): Promise<number> {
  const rules = loadRuleSet(ctx.builtinRules, args.rules, ctx.cwd);
  checkRuleIds(rules, args.disabledRules);
  await checkPaths(args.paths, ctx.cwd);
  const engine = new Engine(rules);
  const out = args.output !== undefined ? await openOutput(args.output, ctx.cwd) : ctx.stdout;
  const color = useColor(args, out, ctx.env);
  const textOpts = { color, showSecrets: args.showSecrets };
  const summary = emptySummary(args.maxFileSize);
  const collected: FileFinding[] = [];

  try {
    const files = walkFiles(args.paths, {
      cwd: ctx.cwd, exclude: args.exclude, gitignore: args.gitignore, followSymlinks: args.followSymlinks,
    });
    const options = {
      maxFileSize: args.maxFileSize,
      detect: { disabledRules: new Set(args.disabledRules), minConfidence: args.minConfidence },
    };
    for await (const { file, result } of scanFiles(files, engine, options, CONCURRENCY)) {
      if (result.kind === 'binary') summary.skippedBinary++;
      else if (result.kind === 'too-large') summary.skippedTooLarge++;
      else if (result.kind === 'unreadable') {
        summary.skippedUnreadable++;
        await ctx.stderr.write(`leakless: cannot read ${file.displayPath} (${result.reason})\n`);
      } else {
        summary.filesScanned++;
        if (result.findings.length === 0) continue;
        summary.filesWithFindings++;
        summary.findings += result.findings.length;
        if (args.format === 'text') await out.write(formatTextFile(file.displayPath, result.findings, textOpts));
        else for (const finding of result.findings) collected.push({ file: file.displayPath, finding });
      }
    }

    if (args.format === 'text') {
      await out.write(formatTextSummary(summary, textOpts));
      if (out !== ctx.stdout) await ctx.stderr.write(`leakless: ${describeSummary(summary)} Report written to ${args.output}.\n`);
    } else {
      await out.write(
        args.format === 'json'
          ? formatJson(collected, args.showSecrets)
          : formatSarif(collected, rules, { version: VERSION, informationUri: INFORMATION_URI }),
      );
      const skipped = describeSkipped(summary);
      if (skipped) await ctx.stderr.write(`leakless: ${skipped}\n`);
    }
  } finally {
    if (out !== ctx.stdout) await out.close();
  }
  return summary.findings > 0 ? 1 : 0;
}
