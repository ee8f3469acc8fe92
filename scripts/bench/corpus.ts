// The benchmark's inputs: a generated corpus of realistic code in several languages with a few fake secrets
// (deterministic: the same seed gives the same bytes), and a real tree read the way the CLI reads it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expandFakes, prng, type RuleSpec } from '../../src/core';
import { decodeText, DEFAULT_MAX_FILE_SIZE, hasBinaryExtension } from '../../src/node/fileScan';
import { walkFiles } from '../../src/node/walk';

/** One text file of a corpus, held in memory. */
export interface CorpusFile {
  /** Path relative to the corpus root, forward slashes (what path-bound rules see). */
  rel: string;
  absPath: string;
  text: string;
  bytes: number;
}

/** A set of files and where they are on disk. */
export interface Corpus {
  name: string;
  root: string;
  files: CorpusFile[];
  bytes: number;
  /** Fake secrets planted (generated corpus only). */
  planted: number;
}

const WORDS = (
  'user account order invoice payment customer session cache config client server request response handler ' +
  'service repository model view controller router queue worker event message stream buffer record entry item ' +
  'list map set index count total price amount status state result error value name title label path file ' +
  'folder date time retry limit offset page size width height color theme token key secret password region ' +
  'bucket table column schema query filter sort group report export import update create delete fetch load save'
).split(' ');

/** Words that never make a name look secret-bearing (for .env and YAML keys, whose values are plain here). */
const PLAIN_WORDS = WORDS.filter((w) => !['token', 'key', 'secret', 'password'].includes(w));

type Rnd = () => number;

function pick<T>(rnd: Rnd, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)]!;
}

function ident(rnd: Rnd, style: 'camel' | 'snake' | 'pascal' | 'upper', words = WORDS): string {
  const parts = [pick(rnd, words), pick(rnd, words)];
  if (rnd() < 0.4) parts.push(pick(rnd, words));
  if (style === 'snake') return parts.join('_');
  if (style === 'upper') return parts.join('_').toUpperCase();
  const cap = parts.map((p) => p[0]!.toUpperCase() + p.slice(1)).join('');
  return style === 'pascal' ? cap : cap[0]!.toLowerCase() + cap.slice(1);
}

function sentence(rnd: Rnd, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(pick(rnd, WORDS));
  return out.join(' ');
}

/** A few lines of code in one language, in the shapes real projects have (functions, config, calls, comments). */
const BLOCKS: Record<string, (rnd: Rnd) => string> = {
  ts: (rnd) => {
    const f = ident(rnd, 'camel');
    const a = ident(rnd, 'camel');
    const t = ident(rnd, 'pascal');
    return [
      `/** ${sentence(rnd, 8)}. */`,
      `export async function ${f}(${a}: ${t}, options: { retries?: number } = {}): Promise<${t}[]> {`,
      `  const ${ident(rnd, 'camel')} = await fetch(\`https://api.example.com/v1/${pick(rnd, WORDS)}/\${${a}.id}\`, { method: 'GET' });`,
      `  if (!${a}.${ident(rnd, 'camel')} || options.retries === ${Math.floor(rnd() * 10)}) throw new Error('${sentence(rnd, 5)}');`,
      `  const ${ident(rnd, 'camel')} = process.env.${ident(rnd, 'upper')} ?? '${pick(rnd, WORDS)}';`,
      `  return ${a}.items.filter((x) => x.${ident(rnd, 'camel')} > ${Math.floor(rnd() * 1000)}).map((x) => ({ ...x, ${ident(rnd, 'camel')}: true }));`,
      '}',
      '',
    ].join('\n');
  },
  js: (rnd) => {
    const c = ident(rnd, 'pascal');
    return [
      `class ${c} extends EventEmitter {`,
      `  constructor(${ident(rnd, 'camel')}) {`,
      `    super();`,
      `    this.${ident(rnd, 'camel')} = new Map(); // ${sentence(rnd, 6)}`,
      `    this.${ident(rnd, 'camel')} = require('./${ident(rnd, 'camel')}.js');`,
      '  }',
      `  ${ident(rnd, 'camel')}(key, value) { return this.${ident(rnd, 'camel')}.set(key, value), this; }`,
      '}',
      `module.exports.${c} = ${c};`,
      '',
    ].join('\n');
  },
  py: (rnd) => {
    const f = ident(rnd, 'snake');
    return [
      `def ${f}(${ident(rnd, 'snake')}, ${ident(rnd, 'snake')}=None):`,
      `    """${sentence(rnd, 9)}."""`,
      `    ${ident(rnd, 'snake')} = os.environ.get("${ident(rnd, 'upper')}", "${pick(rnd, WORDS)}")`,
      `    for ${pick(rnd, WORDS)} in range(${Math.floor(rnd() * 100)}):`,
      `        logger.info("%s: ${sentence(rnd, 4)}", ${ident(rnd, 'snake')})`,
      `    return {"${ident(rnd, 'snake')}": ${Math.floor(rnd() * 1e6)}, "${ident(rnd, 'snake')}": [1, 2, 3]}`,
      '',
      '',
    ].join('\n');
  },
  go: (rnd) => {
    const f = ident(rnd, 'pascal');
    return [
      `// ${f} ${sentence(rnd, 7)}.`,
      `func (s *${ident(rnd, 'pascal')}) ${f}(ctx context.Context, ${ident(rnd, 'camel')} string) (*${ident(rnd, 'pascal')}, error) {`,
      `\tresp, err := s.client.Get(ctx, fmt.Sprintf("/${pick(rnd, WORDS)}/%s", ${ident(rnd, 'camel')}))`,
      '\tif err != nil {',
      `\t\treturn nil, fmt.Errorf("${sentence(rnd, 3)}: %w", err)`,
      '\t}',
      `\treturn decode${ident(rnd, 'pascal')}(resp.Body)`,
      '}',
      '',
    ].join('\n');
  },
  java: (rnd) => {
    const c = ident(rnd, 'pascal');
    return [
      `public final class ${c} implements ${ident(rnd, 'pascal')} {`,
      `    private static final String ${ident(rnd, 'upper')} = "${pick(rnd, WORDS)}.${pick(rnd, WORDS)}";`,
      `    private final Map<String, ${ident(rnd, 'pascal')}> ${ident(rnd, 'camel')} = new HashMap<>();`,
      `    public ${c}(${ident(rnd, 'pascal')} ${ident(rnd, 'camel')}) { this.${ident(rnd, 'camel')} = Objects.requireNonNull(${ident(rnd, 'camel')}); }`,
      `    @Override public List<String> ${ident(rnd, 'camel')}() { return List.of("${pick(rnd, WORDS)}", "${pick(rnd, WORDS)}"); }`,
      '}',
      '',
    ].join('\n');
  },
  yaml: (rnd) =>
    [
      `${ident(rnd, 'snake')}:`,
      `  ${pick(rnd, WORDS)}: ${pick(rnd, WORDS)}`,
      `  replicas: ${Math.floor(rnd() * 8)}`,
      `  image: registry.example.com/${pick(rnd, WORDS)}:${Math.floor(rnd() * 20)}.${Math.floor(rnd() * 9)}`,
      `  env:`,
      `    - name: ${ident(rnd, 'upper', PLAIN_WORDS)}`,
      `      value: "${pick(rnd, WORDS)}-${Math.floor(rnd() * 100)}"`,
      '',
    ].join('\n'),
  json: (rnd) =>
    `  "${ident(rnd, 'camel')}": { "id": ${Math.floor(rnd() * 1e6)}, "name": "${sentence(rnd, 3)}", "enabled": ${rnd() < 0.5}, "tags": ["${pick(rnd, WORDS)}", "${pick(rnd, WORDS)}"] },\n`,
  md: (rnd) => `## ${sentence(rnd, 4)}\n\n${sentence(rnd, 30)}. Run \`npm run ${pick(rnd, WORDS)}\` to ${sentence(rnd, 6)}.\n\n`,
  sh: (rnd) =>
    [
      `# ${sentence(rnd, 6)}`,
      `${ident(rnd, 'upper')}="\${${ident(rnd, 'upper')}:-${pick(rnd, WORDS)}}"`,
      `if [ -f "$${ident(rnd, 'upper')}" ]; then`,
      `  curl -fsSL "https://downloads.example.com/${pick(rnd, WORDS)}.tar.gz" | tar -xz -C /opt/${pick(rnd, WORDS)}`,
      'fi',
      '',
    ].join('\n'),
  env: (rnd) => `${ident(rnd, 'upper', PLAIN_WORDS)}=${pick(rnd, PLAIN_WORDS)}_${Math.floor(rnd() * 1000)}\n`,
};

const LANGUAGES = Object.keys(BLOCKS);

/** The corpus of generated code: about `targetBytes` over many files, with a fake secret in about one file in 25. */
export function generateCorpus(rules: readonly RuleSpec[], targetBytes: number, seed = 'leakless-bench'): Corpus {
  const rnd = prng(seed);
  const files: CorpusFile[] = [];
  const withExamples = rules.filter((r) => r.examples.positive.length > 0 && r.path === undefined);
  let bytes = 0;
  let planted = 0;
  for (let i = 0; bytes < targetBytes; i++) {
    const lang = LANGUAGES[i % LANGUAGES.length]!;
    const size = 2000 + Math.floor(rnd() * rnd() * 60000);
    const parts: string[] = [];
    let length = 0;
    const secretAt = rnd() < 0.04 ? Math.floor(rnd() * 20) : -1;
    for (let b = 0; length < size; b++) {
      const block = b === secretAt ? plantSecret(withExamples, rnd, i) : BLOCKS[lang]!(rnd);
      if (b === secretAt) planted++;
      parts.push(block);
      length += block.length;
    }
    const text = parts.join('');
    const rel = `${lang}/${String(i).padStart(5, '0')}-${ident(rnd, 'camel')}.${lang === 'env' ? 'env' : lang}`;
    files.push({ rel, absPath: '', text, bytes: Buffer.byteLength(text) });
    bytes += files[files.length - 1]!.bytes;
  }
  return { name: 'generated', root: '', files, bytes, planted };
}

function plantSecret(rules: readonly RuleSpec[], rnd: Rnd, i: number): string {
  const rule = pick(rnd, rules);
  const example = rule.examples.positive[0]!;
  return `${expandFakes(example.text, `bench-${i}-${rule.id}`)}\n`;
}

/** Writes a corpus to disk (once per seed and size), so the worker-thread scan can read it like a real tree. */
export function writeCorpus(corpus: Corpus, root: string): void {
  const stamp = path.join(root, '.complete');
  const expected = `${corpus.files.length}:${corpus.bytes}`;
  const done = fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === expected;
  if (!done) fs.rmSync(root, { recursive: true, force: true });
  for (const f of corpus.files) {
    f.absPath = path.join(root, f.rel);
    if (done) continue;
    fs.mkdirSync(path.dirname(f.absPath), { recursive: true });
    fs.writeFileSync(f.absPath, f.text);
  }
  if (!done) fs.writeFileSync(stamp, expected);
  corpus.root = root;
}

/** Reads a real tree as the CLI does: walked with .gitignore rules, binary and over-size files skipped. */
export async function readTree(name: string, root: string, maxFiles = Infinity): Promise<Corpus> {
  const files: CorpusFile[] = [];
  let bytes = 0;
  for await (const f of walkFiles([root], { cwd: root })) {
    if (files.length >= maxFiles) break;
    if (hasBinaryExtension(f.absPath)) continue;
    let raw: Buffer;
    try {
      const st = await fs.promises.stat(f.absPath);
      if (st.size > DEFAULT_MAX_FILE_SIZE) continue;
      raw = await fs.promises.readFile(f.absPath);
    } catch {
      continue;
    }
    const decoded = decodeText(raw);
    if (!decoded) continue;
    files.push({ rel: f.relPath, absPath: f.absPath, text: decoded.text, bytes: raw.length });
    bytes += raw.length;
  }
  return { name, root, files, bytes, planted: 0 };
}

/** A document of about `lines` lines of TypeScript with a few fake secrets, for editor latency. */
export function generateDocument(rules: readonly RuleSpec[], lines: number, seed: string): string {
  const rnd = prng(seed);
  const withExamples = rules.filter((r) => r.examples.positive.length > 0 && r.path === undefined);
  const parts: string[] = [];
  let count = 0;
  for (let b = 0; count < lines; b++) {
    const block = b % 40 === 17 ? plantSecret(withExamples, rnd, b) : BLOCKS[LANGUAGES[b % 2]!]!(rnd);
    parts.push(block);
    count += block.split('\n').length - 1;
  }
  return parts.join('').split('\n').slice(0, lines).join('\n');
}

/** A minified single line of JavaScript of about `length` characters. */
export function generateMinified(length: number, seed: string): string {
  const rnd = prng(seed);
  const parts: string[] = [];
  let n = 0;
  while (n < length) {
    const block = BLOCKS[pick(rnd, ['ts', 'js'])]!(rnd).replace(/ \/\/ [^\n]*/g, '').replace(/\/\*\*.*?\*\//g, '').replace(/\s*\n\s*/g, '');
    parts.push(block, ';');
    n += block.length + 1;
  }
  return parts.join('').slice(0, length);
}
