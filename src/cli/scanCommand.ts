// `leakless scan`: walks the paths, scans files a few at a time, and writes the report as results arrive.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore from 'ignore';
import { Engine, IGNORE_FILE, parseIgnoreFile, type RuleSpec } from '../core';
import { BaselineMatcher, baselinePath, readBaseline, writeBaseline, type BaselineEntry } from '../node/baseline';
import { scanFiles, type FileScanResult } from '../node/fileScan';
import { projectRoots } from '../node/projectRules';
import { scanGitHistory } from '../node/gitHistory';
import { scanStaged, stagedRoot } from '../node/stagedScan';
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
  /** The running CLI's own file (dist/cli.js), for the pre-commit hook to fall back on. */
  cliPath?: string;
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

/** The files to scan and their results: the walked folders, or the staged blobs with --staged. */
function scanSource(
  args: ScanArgs, ctx: CliContext, engine: Engine, onUnreadable: (absPath: string, reason: string) => void,
): AsyncGenerator<{ file: { absPath: string; displayPath: string }; result: FileScanResult; commit?: string }> {
  const detect = { disabledRules: new Set(args.disabledRules), minConfidence: args.minConfidence };
  if (args.gitHistory !== undefined) return historySource(args, ctx, engine, detect);
  if (args.staged) {
    const excluded = args.exclude.length > 0 ? ignore().add([...args.exclude]) : undefined;
    return scanStaged(engine, {
      cwd: ctx.cwd, paths: args.paths, maxFileSize: args.maxFileSize, detect,
      ...(excluded ? { ignore: (rel: string) => excluded.ignores(rel) } : {}),
    });
  }
  // Folders inside the walk that cannot be read are reported through onUnreadable. The CLI does nothing but scan, so
  // it walks and reads with blocking calls.
  const walkOptions = {
    cwd: ctx.cwd, exclude: args.exclude, gitignore: args.gitignore, followSymlinks: args.followSymlinks, onUnreadable, blocking: true,
  };
  const files = walkFiles(args.paths, walkOptions);
  return scanFiles(files, engine, { maxFileSize: args.maxFileSize, detect, syncReads: true }, CONCURRENCY);
}

/** The lines added by the last N commits, one item per (commit, file) with findings, newest commit first. */
async function* historySource(
  args: ScanArgs, ctx: CliContext, engine: Engine, detect: { disabledRules: Set<string>; minConfidence: ScanArgs['minConfidence'] },
): AsyncGenerator<{ file: { absPath: string; displayPath: string }; result: FileScanResult; commit: string }> {
  const repoDir = path.resolve(ctx.cwd, args.paths[0] ?? '.');
  const res = await scanGitHistory(engine, repoDir, args.gitHistory!, { detect, exclude: args.exclude, maxFileSize: args.maxFileSize });
  if (!res.ok || !res.root) throw new UsageError('--git-history needs a Git repository with commits (and git on the PATH)');
  const groups = new Map<string, { commit: string; file: string; findings: FileScanResult & { kind: 'text' } }>();
  for (const h of res.findings) {
    const key = `${h.commit}\u0000${h.file}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { commit: h.commit, file: h.file, findings: { kind: 'text', findings: [], encoding: 'utf-8' } }));
    g.findings.findings.push(h.finding);
  }
  for (const g of groups.values()) {
    const absPath = path.join(res.root, g.file);
    const rel = path.relative(ctx.cwd, absPath).split(path.sep).join('/');
    yield { file: { absPath, displayPath: args.format === 'text' ? `${g.commit}:${rel}` : rel }, result: g.findings, commit: g.commit };
  }
  for (let i = 0; i < res.skippedTooLarge; i++) yield { file: { absPath: repoDir, displayPath: '' }, result: { kind: 'too-large', size: 0 }, commit: '' };
}

/** Runs the scan; returns the exit status (1 when something was found, 0 when clean or a baseline was written). */
export async function scanCommand(args: ScanArgs, ctx: CliContext): Promise<number> {
  const projectDirs = args.staged ? [await stagedRoot(ctx.cwd)] : projectRoots(args.paths, ctx.cwd);
  const roots = args.projectRules ? projectDirs : [];
  const ignored = args.ignoreFile ? await readIgnoreFiles(projectDirs, ctx) : new Set<string>();
  let ignoredCount = 0;
  const rules = loadRuleSet(ctx.builtinRules, args.rules, ctx.cwd, roots);
  checkRuleIds(rules, args.disabledRules);
  if (!args.staged) await checkPaths(args.paths, ctx.cwd);
  const baselineFile = args.baseline !== undefined ? path.resolve(ctx.cwd, args.baseline) : undefined;
  const baseline = baselineFile ? new BaselineMatcher(readBaseline(baselineFile, args.baseline), baselineFile) : undefined;
  const writeTo = args.writeBaseline !== undefined ? path.resolve(ctx.cwd, args.writeBaseline) : undefined;
  const accepted: BaselineEntry[] = [];
  const engine = new Engine(rules);
  const out = args.output !== undefined ? await openOutput(args.output, ctx.cwd) : ctx.stdout;
  const color = useColor(args, out, ctx.env);
  const textOpts = { color, showSecrets: args.showSecrets };
  const summary = emptySummary(args.maxFileSize);
  const collected: FileFinding[] = [];

  try {
    const unreadableFolder = (absPath: string, reason: string): void => {
      summary.skippedUnreadable++;
      void ctx.stderr.write(`leakless: cannot read ${path.relative(ctx.cwd, absPath).split(path.sep).join('/') || '.'}/ (${reason})\n`);
    };
    for await (const { file, result, commit } of scanSource(args, ctx, engine, unreadableFolder)) {
      if (result.kind === 'binary') summary.skippedBinary++;
      else if (result.kind === 'too-large') summary.skippedTooLarge++;
      else if (result.kind === 'unreadable') {
        summary.skippedUnreadable++;
        await ctx.stderr.write(`leakless: cannot read ${file.displayPath} (${result.reason})\n`);
      } else {
        summary.filesScanned++;
        if (ignored.size > 0) {
          const kept = result.findings.filter((f) => !ignored.has(f.fingerprint));
          ignoredCount += result.findings.length - kept.length;
          result.findings = kept;
        }
        if (writeTo) {
          const rel = baselinePath(writeTo, file.absPath);
          for (const f of result.findings) accepted.push({ fingerprint: f.fingerprint, ruleId: f.ruleId, file: rel });
        }
        if (baseline) result.findings = result.findings.filter((f) => !baseline.has(file.absPath, f.fingerprint));
        if (result.findings.length === 0) continue;
        summary.filesWithFindings++;
        summary.findings += result.findings.length;
        if (args.format === 'text') await out.write(formatTextFile(file.displayPath, result.findings, textOpts));
        else for (const finding of result.findings) collected.push({ file: file.displayPath, finding, ...(commit ? { commit } : {}) });
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
  if (ignoredCount > 0) {
    await ctx.stderr.write(`leakless: ${ignoredCount} finding${ignoredCount === 1 ? '' : 's'} listed in ${IGNORE_FILE} not reported\n`);
  }
  if (baseline && baseline.suppressed > 0) {
    await ctx.stderr.write(`leakless: ${baseline.suppressed} finding${baseline.suppressed === 1 ? '' : 's'} already in the baseline ${args.baseline} not reported\n`);
  }
  if (writeTo) {
    const changed = writeBaseline(writeTo, accepted);
    const count = new Set(accepted.map((e) => `${e.file}\u0000${e.fingerprint}`)).size;
    await ctx.stderr.write(`leakless: ${changed ? 'wrote' : 'baseline unchanged:'} ${count} finding${count === 1 ? '' : 's'} ${changed ? 'to' : 'in'} ${args.writeBaseline}\n`);
    return 0;
  }
  return summary.findings > 0 ? 1 : 0;
}

/** The fingerprints listed in each project root's .leakless/ignore.json; a broken file is named and not applied. */
async function readIgnoreFiles(roots: readonly string[], ctx: CliContext): Promise<Set<string>> {
  const out = new Set<string>();
  for (const root of roots) {
    const file = path.join(root, ...IGNORE_FILE.split('/'));
    let text: string;
    try {
      text = await fs.promises.readFile(file, 'utf8');
    } catch {
      continue;
    }
    const parsed = parseIgnoreFile(text);
    const shown = path.relative(ctx.cwd, file).split(path.sep).join('/');
    if (typeof parsed === 'string') await ctx.stderr.write(`leakless: ${shown}: ${parsed}; its entries are not applied\n`);
    else for (const e of parsed) out.add(e.fingerprint);
  }
  return out;
}
