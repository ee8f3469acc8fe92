// Measures detection accuracy: recall per rule family and precision on the labeled corpus (test/corpus), false alarms on
// its hard negatives, and findings on a large tree of real code without secrets (this project's node_modules), for
// Leakless and, side by side, secretlint with its recommended preset. Writes bench-results/accuracy.json.
// Usage: npm run bench:accuracy [-- --no-secretlint] [-- --no-tree] [-- --tree <folder>] [-- --list]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Engine, FAMILIES, maskSecret, type Finding, type RuleSpec } from '../src/core';
import { DEFAULT_MAX_FILE_SIZE, decodeText, hasBinaryExtension } from '../src/node/fileScan';
import { loadRuleDir } from '../src/node/ruleFiles';
import { walkFiles } from '../src/node/walk';
import { loadCorpus, type CorpusFile, type CorpusLabel } from '../test/helpers/corpus';
import { loadSecretlint, SECRETLINT_FAMILIES, type SecretlintHit, type SecretlintLint } from './secretlintRunner';

const ROOT = path.resolve(__dirname, '..', '..');

/** A detection reduced to what scoring needs, from either tool. */
interface Hit {
  ruleId: string;
  start: number;
  end: number;
  line: number;
  masked: string;
  /** Informational findings (public-by-design values) are listed but not counted as alarms. */
  info: boolean;
}

interface ToolScore {
  tool: string;
  recall: Record<string, { planted: number; found: number; foundByOtherRule: number }>;
  recallTotal: { planted: number; found: number; foundAnyRule: number };
  missed: { file: string; line: number; ruleId: string }[];
  precision: { truePositives: number; falsePositives: number; value: number };
  unlabeledOnPositives: string[];
  negatives: { falsePositives: number; list: string[]; info: string[] };
  tree?: TreeScore;
}

interface TreeScore {
  folder: string;
  files: number;
  megabytes: number;
  seconds: number;
  findings: number;
  info: number;
  perRule: Record<string, number>;
  list: string[];
  /** Files that took over a second, slowest first. */
  slowFiles: string[];
}

function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** True when a hit covers the planted secret: it overlaps the label's line from the label's column on. */
function covers(hit: Hit, label: CorpusLabel, text: string): boolean {
  const lineEnd = text.indexOf('\n', label.offset);
  const regionEnd = lineEnd === -1 ? text.length : Math.max(lineEnd, label.offset + 1);
  return hit.start < regionEnd && hit.end > label.offset;
}

/** Scores one tool. With `exactRule`, a planted secret counts as found only when the labeled rule found it. */
function score(tool: string, corpus: CorpusFile[], hitsOf: Map<string, Hit[]>, exactRule: boolean, labelFamily: (ruleId: string) => string): ToolScore {
  const recall: ToolScore['recall'] = {};
  for (const f of FAMILIES) recall[f] = { planted: 0, found: 0, foundByOtherRule: 0 };
  const result: ToolScore = {
    tool, recall, recallTotal: { planted: 0, found: 0, foundAnyRule: 0 }, missed: [],
    precision: { truePositives: 0, falsePositives: 0, value: 0 }, unlabeledOnPositives: [],
    negatives: { falsePositives: 0, list: [], info: [] },
  };
  for (const file of corpus) {
    const hits = hitsOf.get(file.path) ?? [];
    if (file.negative) {
      for (const h of hits) {
        const entry = `${file.path}:${h.line} ${h.ruleId} ${h.masked}`;
        if (h.info) result.negatives.info.push(entry);
        else {
          result.negatives.falsePositives++;
          result.negatives.list.push(entry);
          result.precision.falsePositives++;
        }
      }
      continue;
    }
    for (const label of file.labels) {
      const family = labelFamily(label.ruleId);
      const bucket = (recall[family] ??= { planted: 0, found: 0, foundByOtherRule: 0 });
      bucket.planted++;
      result.recallTotal.planted++;
      const covering = hits.filter((h) => covers(h, label, file.text));
      const right = exactRule ? covering.some((h) => h.ruleId === label.ruleId) : covering.length > 0;
      if (right) {
        bucket.found++;
        result.recallTotal.found++;
      } else {
        if (covering.length > 0) bucket.foundByOtherRule++;
        result.missed.push({ file: file.path, line: label.line, ruleId: label.ruleId + (covering.length > 0 ? ` (found as ${covering.map((h) => h.ruleId).join(', ')})` : '') });
      }
      if (covering.length > 0) result.recallTotal.foundAnyRule++;
    }
    for (const h of hits) {
      if (file.labels.some((l) => covers(h, l, file.text))) result.precision.truePositives++;
      else if (!h.info) {
        result.precision.falsePositives++;
        result.unlabeledOnPositives.push(`${file.path}:${h.line} ${h.ruleId} ${h.masked}`);
      }
    }
  }
  const p = result.precision;
  p.value = p.truePositives + p.falsePositives === 0 ? 1 : p.truePositives / (p.truePositives + p.falsePositives);
  return result;
}

function leaklessHits(engine: Engine, text: string, filePath: string): Hit[] {
  return engine.detect(text, { path: filePath }).map((f: Finding) => ({
    ruleId: f.ruleId, start: f.start, end: f.end, line: f.range.start.line + 1, masked: f.masked, info: f.severity === 'info',
  }));
}

function secretlintHits(text: string, hits: SecretlintHit[]): Hit[] {
  return hits.map((h) => ({
    ruleId: h.ruleId.replace('@secretlint/secretlint-rule-', 'secretlint/'), start: h.start, end: h.end,
    line: lineOf(text, h.start), masked: maskSecret(text.slice(h.start, h.end)), info: h.severity === 'info',
  }));
}

/** Reads the text files of a tree the way the CLI does (gitignore honoured, binary and >1 MiB files skipped). */
async function* treeTexts(folder: string): AsyncGenerator<{ rel: string; text: string; bytes: number }> {
  for await (const f of walkFiles([folder], { cwd: folder })) {
    if (hasBinaryExtension(f.absPath)) continue;
    const st = await fs.promises.stat(f.absPath);
    if (st.size > DEFAULT_MAX_FILE_SIZE) continue;
    const decoded = decodeText(await fs.promises.readFile(f.absPath));
    if (!decoded) continue;
    yield { rel: f.relPath, text: decoded.text, bytes: st.size };
  }
}

async function scanTree(folder: string, run: (text: string, rel: string) => Hit[] | Promise<Hit[]>, limitList: number): Promise<TreeScore> {
  const t0 = Date.now();
  const s: TreeScore = { folder: path.relative(ROOT, folder) || folder, files: 0, megabytes: 0, seconds: 0, findings: 0, info: 0, perRule: {}, list: [], slowFiles: [] };
  let bytes = 0;
  const slow: [number, string][] = [];
  for await (const { rel, text, bytes: b } of treeTexts(folder)) {
    s.files++;
    bytes += b;
    if (process.env['BENCH_VERBOSE'] && s.files % 1000 === 0) console.error(`${s.files} files, ${Math.round((Date.now() - t0) / 1000)} s, at ${rel}`);
    const t1 = Date.now();
    const hits = await run(text, rel);
    const ms = Date.now() - t1;
    if (ms > 1000) {
      slow.push([ms, rel]);
      if (process.env['BENCH_VERBOSE']) console.error(`slow: ${rel} ${ms} ms`);
    }
    for (const h of hits) {
      if (h.info) {
        s.info++;
        continue;
      }
      s.findings++;
      s.perRule[h.ruleId] = (s.perRule[h.ruleId] ?? 0) + 1;
      if (s.list.length < limitList) s.list.push(`${rel}:${h.line} ${h.ruleId} ${h.masked}`);
    }
  }
  s.slowFiles = slow.sort((a, b) => b[0] - a[0]).map(([ms, rel]) => `${rel} ${Math.round(ms / 100) / 10} s`);
  s.megabytes = Math.round((bytes / 1048576) * 10) / 10;
  s.seconds = Math.round((Date.now() - t0) / 100) / 10;
  return s;
}

function pct(found: number, total: number): string {
  return total === 0 ? '–' : `${Math.round((found / total) * 1000) / 10}%`;
}

function markdown(ours: ToolScore, theirs: ToolScore | undefined): string {
  const rows: string[] = [];
  const head = theirs ? '| Family | Planted | Leakless | secretlint |' : '| Family | Planted | Leakless |';
  rows.push(head, theirs ? '| --- | ---: | ---: | ---: |' : '| --- | ---: | ---: |');
  for (const f of FAMILIES) {
    const o = ours.recall[f]!;
    if (o.planted === 0) continue;
    const t = theirs?.recall[f];
    rows.push(`| ${f} | ${o.planted} | ${pct(o.found, o.planted)} |${t ? ` ${pct(t.found, t.planted)} |` : ''}`);
  }
  const tot = (s: ToolScore): string => `**${pct(s.recallTotal.found, s.recallTotal.planted)}**`;
  rows.push(`| **Recall, all families** | ${ours.recallTotal.planted} | ${tot(ours)} |${theirs ? ` ${tot(theirs)} |` : ''}`);
  const prec = (s: ToolScore): string => pct(s.precision.truePositives, s.precision.truePositives + s.precision.falsePositives);
  rows.push(`| Precision on the corpus | | ${prec(ours)} |${theirs ? ` ${prec(theirs)} |` : ''}`);
  rows.push(`| False alarms on hard negatives | | ${ours.negatives.falsePositives} |${theirs ? ` ${theirs.negatives.falsePositives} |` : ''}`);
  if (ours.tree) {
    const tr = (s: ToolScore): string => (s.tree ? `${s.tree.findings}` : 'n/a');
    rows.push(`| Findings in node_modules (${ours.tree.files} files, ${ours.tree.megabytes} MB) | | ${tr(ours)} |${theirs ? ` ${tr(theirs)} |` : ''}`);
  }
  return rows.join('\n');
}

function printDetails(s: ToolScore, all: boolean): void {
  console.log(`\n## ${s.tool}`);
  if (s.missed.length > 0) console.log(`missed (${s.missed.length}):\n  ${s.missed.slice(0, all ? undefined : 40).map((m) => `${m.file}:${m.line} ${m.ruleId}`).join('\n  ')}`);
  console.log(`false alarms on negatives (${s.negatives.falsePositives}):${s.negatives.list.map((l) => `\n  ${l}`).join('')}`);
  if (s.negatives.info.length > 0) console.log(`informational on negatives (${s.negatives.info.length}, not counted):${s.negatives.info.map((l) => `\n  ${l}`).join('')}`);
  if (s.unlabeledOnPositives.length > 0) console.log(`unlabeled findings on positives (${s.unlabeledOnPositives.length}):${s.unlabeledOnPositives.map((l) => `\n  ${l}`).join('')}`);
  if (s.tree) {
    const t = s.tree;
    console.log(`${t.folder}: ${t.files} files, ${t.megabytes} MB, ${t.seconds} s, ${t.findings} findings (+${t.info} informational)`);
    if (t.slowFiles.length > 0) console.log(`  files over 1 s: ${t.slowFiles.join(', ')}`);
    for (const [rule, n] of Object.entries(t.perRule).sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(5)}  ${rule}`);
    if (all) for (const l of t.list) console.log(`    ${l}`);
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const withSecretlint = !args.includes('--no-secretlint');
  const ti = args.indexOf('--tree');
  const tree = args.includes('--no-tree') ? undefined : path.resolve(ti >= 0 ? args[ti + 1] ?? '' : path.join(ROOT, 'node_modules'));
  const listAll = args.includes('--list');

  const rules: RuleSpec[] = loadRuleDir(path.join(ROOT, 'rules'), ROOT);
  const engine = new Engine(rules);
  const familyByRule = new Map(rules.map((r) => [r.id, r.family]));
  const corpus = loadCorpus(path.join(ROOT, 'test', 'corpus'));
  const labelFamily = (id: string): string => familyByRule.get(id) ?? 'unknown';

  const ourHits = new Map(corpus.map((f) => [f.path, leaklessHits(engine, f.text, f.path)]));
  const ours = score('Leakless', corpus, ourHits, true, labelFamily);
  if (tree) ours.tree = await scanTree(tree, (text, rel) => leaklessHits(engine, text, rel), 2000);

  let theirs: ToolScore | undefined;
  let secretlintInfo: Record<string, string> = {};
  if (withSecretlint) {
    const sl = await loadSecretlint();
    if ('error' in sl) console.error(`secretlint skipped: ${sl.error}`);
    else {
      secretlintInfo = { '@secretlint/core': sl.version, '@secretlint/secretlint-rule-preset-recommend': sl.presetVersion };
      const lint: SecretlintLint = sl.lint;
      const hits = new Map<string, Hit[]>();
      for (const f of corpus) hits.set(f.path, secretlintHits(f.text, await lint(f.text, path.join(ROOT, 'test', 'corpus', f.path))));
      // secretlint's rules are not ours: any secretlint finding on the planted secret counts as found.
      theirs = score(`secretlint ${sl.version} (preset-recommend)`, corpus, hits, false, labelFamily);
      if (tree) theirs.tree = await scanTree(tree, async (text, rel) => secretlintHits(text, await lint(text, path.join(tree, rel))), 2000);
    }
  }

  const table = markdown(ours, theirs);
  const out = {
    date: new Date().toISOString(), rules: rules.length, corpus: { files: corpus.length, planted: ours.recallTotal.planted },
    versions: secretlintInfo, secretlintFamilies: SECRETLINT_FAMILIES, table, leakless: ours, secretlint: theirs,
  };
  fs.mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench-results', 'accuracy.json'), `${JSON.stringify(out, null, 2)}\n`);

  printDetails(ours, listAll);
  if (theirs) printDetails(theirs, listAll);
  console.log(`\n${corpus.length} corpus files, ${ours.recallTotal.planted} planted secrets, ${rules.length} rules.\n`);
  console.log(table);
  console.log('\nWritten to bench-results/accuracy.json');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
