import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expandFakes } from '../../src/core';
import { builtin, ROOT } from '../helpers/rules';
import type { JsonRow } from './pipelineHelpers';

const CLI = path.join(ROOT, 'dist', 'cli.js');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI in a folder, with colours off unless a test forces them. */
function leakless(cwd: string, ...args: string[]): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env['FORCE_COLOR'];
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Writes files (path → content) under a root, creating folders. */
function plant(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
}

let tmpRoot: string;
let counter = 0;
/** A fresh empty folder for one test. */
function folder(): string {
  const dir = path.join(tmpRoot, `t${++counter}`);
  fs.mkdirSync(dir);
  return dir;
}

/** A fake Bitbucket app password (high confidence, 40 characters). */
const bitbucket = (seed: string): string => expandFakes('ATBB[[alnum:32]][[HEX:8]]', seed);
/** A fake Atlassian API token (high confidence). */
const atlassian = (seed: string): string => expandFakes('ATATT3[[alnum:186]]', seed);
/** A fake legacy Jira token (medium confidence, needs the jira name next to it). */
const legacyJira = (seed: string): string => expandFakes('[[lower:20]][[hex:4]]', seed);


function json(run: Run): JsonRow[] {
  return JSON.parse(run.stdout) as JsonRow[];
}

/** The secret must not appear, nor any long slice of its middle. */
function assertNotLeaked(output: string, secret: string): void {
  assert.ok(!output.includes(secret), 'raw secret printed');
  assert.ok(!output.includes(secret.slice(4, -4)), 'middle of the secret printed');
}

const CLEAN_CODE = `import { readFile } from 'node:fs/promises';

// Reads the configuration; the token comes from the environment.
export async function load(path: string): Promise<unknown> {
  const token = process.env.JIRA_API_TOKEN;
  const text = await readFile(path, 'utf8');
  return { token, data: JSON.parse(text) as unknown, sha: 'e3b0c44298fc1c149afbf4c8996fb924' };
}
`;

describe('leakless CLI', function () {
  this.timeout(60000);

  before(() => {
    builtin(); // read the rules before bundling them, so every rule the tests know is in the bundle
    execFileSync(process.execPath, ['esbuild.js', '--cli'], { cwd: ROOT, stdio: 'pipe' });
    tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'leakless-cli-'));
  });

  after(() => {
    if (tmpRoot) fs.rmSync(tmpRoot, { recursive: true, force: true });
  });

  describe('help, version and usage errors', () => {
    it('prints the version from package.json', () => {
      const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
      const r = leakless(tmpRoot, '--version');
      assert.equal(r.status, 0);
      assert.equal(r.stdout.trim(), pkg.version);
    });

    it('prints help with the flags and exit codes', () => {
      const r = leakless(tmpRoot, '--help');
      assert.equal(r.status, 0);
      for (const flag of ['--format', '--output', '--min-confidence', '--disable-rule', '--exclude', '--max-file-size', '--show-secrets', '--no-color', 'Exit status']) {
        assert.ok(r.stdout.includes(flag), `help mentions ${flag}`);
      }
      assert.equal(leakless(tmpRoot, 'scan', '-h').status, 0);
    });

    const cases: [string[], RegExp][] = [
      [['scan', '--foo'], /^leakless: unknown option --foo \(see leakless --help\)\n$/],
      [['scna'], /^leakless: unknown command "scna" \(see leakless --help\)\n$/],
      [[], /^leakless: missing command/],
      [['scan', '--format', 'xml'], /^leakless: --format must be text, json or sarif \(got "xml"\)/],
      [['scan', '--format'], /^leakless: --format needs a value/],
      [['scan', '--min-confidence', 'sure'], /^leakless: --min-confidence must be high, medium or low/],
      [['scan', '--max-file-size', 'big'], /^leakless: --max-file-size must be a size/],
      [['scan', '--disable-rule', 'no-such-rule'], /^leakless: --disable-rule: unknown rule id "no-such-rule"/],
      [['scan', 'does/not/exist'], /^leakless: no such file or folder: does\/not\/exist/],
      [['scan', '--show-secrets=yes'], /^leakless: --show-secrets takes no value/],
    ];
    for (const [args, message] of cases) {
      it(`exits 2 with one line for: leakless ${args.join(' ')}`, () => {
        const r = leakless(tmpRoot, ...args);
        assert.equal(r.status, 2);
        assert.match(r.stderr, message);
        assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
        assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace');
        assert.equal(r.stdout, '');
      });
    }

    it('exits 2 naming file, rule and field for an invalid --rules file', () => {
      const dir = folder();
      plant(dir, { 'bad.yaml': 'provider: X\nfamily: saas\nrules:\n  - id: Bad_Id\n    name: x\n' });
      const r = leakless(dir, 'scan', '--rules', 'bad.yaml');
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^leakless: invalid rule: bad\.yaml:4: rule "Bad_Id"/);
      assert.ok(!/\n\s+at /.test(r.stderr));
    });
  });

  describe('findings and formats', () => {
    let dir: string;
    let bb: string;
    let at: string;

    before(() => {
      dir = folder();
      bb = bitbucket('cli-bb');
      at = atlassian('cli-at');
      plant(dir, {
        'src/config/app.yml': `# settings\n\npassword: "${bb}"\n`,
        'deploy.sh': `#!/bin/sh\ncurl -H "Authorization: Bearer ${at}" https://corp.atlassian.net\n`,
        'src/clean.ts': CLEAN_CODE,
      });
    });

    it('JSON: array of findings with 1-based positions and paths relative to the current folder', () => {
      const r = leakless(dir, 'scan', '--format', 'json');
      assert.equal(r.status, 1);
      const rows = json(r);
      assert.deepEqual(rows.map((f) => [f.file, f.ruleId]), [
        ['deploy.sh', 'atlassian-api-token'],
        ['src/config/app.yml', 'bitbucket-app-password'],
      ]);
      const row = rows[1]!;
      assert.deepEqual(Object.keys(row).sort(), [
        'column', 'confidence', 'endColumn', 'endLine', 'file', 'fingerprint', 'line', 'masked', 'name', 'ruleId', 'severity',
      ]);
      assert.equal(row.line, 3);
      assert.equal(row.column, 12);
      assert.equal(row.endLine, 3);
      assert.equal(row.endColumn, 12 + bb.length);
      assert.equal(row.name, 'Bitbucket app password');
      assert.equal(row.confidence, 'high');
      assert.match(row.fingerprint, /^bitbucket-app-password:[0-9a-f]{24}$/);
      assert.equal(row.masked, `${bb.slice(0, 4)}…${bb.slice(-4)}`);
      assertNotLeaked(r.stdout + r.stderr, bb);
      assertNotLeaked(r.stdout + r.stderr, at);
    });

    it('JSON paths are relative to the current folder when scanning a subfolder', () => {
      const r = leakless(dir, 'scan', 'src', '--format=json');
      assert.deepEqual(json(r).map((f) => f.file), ['src/config/app.yml']);
      const up = leakless(path.join(dir, 'src'), 'scan', '..', '-f', 'json');
      assert.deepEqual(json(up).map((f) => f.file), ['../deploy.sh', 'config/app.yml']);
    });

    it('--show-secrets adds the raw secret, and only then', () => {
      const rows = json(leakless(dir, 'scan', '--format', 'json', '--show-secrets'));
      assert.deepEqual(rows.map((f) => f.secret), [at, bb]);
      const text = leakless(dir, 'scan', '--show-secrets');
      assert.ok(text.stdout.includes(bb));
    });

    it('text: one line per finding grouped by file, then a summary, all masked', () => {
      const r = leakless(dir, 'scan');
      assert.equal(r.status, 1);
      const lines = r.stdout.trimEnd().split('\n');
      assert.equal(lines[0], `deploy.sh:2:32  warning  Atlassian API token (atlassian-api-token)  ${at.slice(0, 4)}…${at.slice(-4)}  [high]`);
      assert.equal(lines[1], '');
      assert.equal(lines[2], `src/config/app.yml:3:12  warning  Bitbucket app password (bitbucket-app-password)  ${bb.slice(0, 4)}…${bb.slice(-4)}  [high]`);
      assert.equal(lines.at(-1), 'Found 2 secrets in 2 files (scanned 3 files).');
      assert.ok(!r.stdout.includes('\u001b['), 'no colour when not on a terminal');
      assertNotLeaked(r.stdout + r.stderr, bb);
      assertNotLeaked(r.stdout + r.stderr, at);
    });

    it('--color forces colour and --no-color wins over FORCE_COLOR', () => {
      assert.ok(leakless(dir, 'scan', '--color').stdout.includes('\u001b['));
      const r = spawnSync(process.execPath, [CLI, 'scan', '--no-color'], { cwd: dir, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '1', NO_COLOR: '' } });
      assert.ok(!r.stdout.includes('\u001b['));
    });

    it('SARIF 2.1.0 with rules, help, levels, relative URIs and partial fingerprints', () => {
      const r = leakless(dir, 'scan', '--format', 'sarif');
      assert.equal(r.status, 1);
      assertNotLeaked(r.stdout, bb);
      assertNotLeaked(r.stdout, at);
      const log = JSON.parse(r.stdout) as {
        $schema: string; version: string;
        runs: {
          columnKind: string;
          tool: { driver: { name: string; informationUri: string; version: string; rules: Record<string, unknown>[] } };
          results: {
            ruleId: string; ruleIndex: number; level: string; message: { text: string };
            locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[];
            partialFingerprints: Record<string, string>;
          }[];
        }[];
      };
      assert.match(log.$schema, /sarif-2\.1\.0/);
      assert.equal(log.version, '2.1.0');
      const run = log.runs[0]!;
      assert.equal(run.columnKind, 'utf16CodeUnits');
      const driver = run.tool.driver;
      assert.equal(driver.name, 'Leakless');
      assert.match(driver.informationUri, /^https?:\/\//);
      assert.match(driver.version, /^\d+\.\d+\.\d+/);
      for (const rule of driver.rules) {
        const props = rule['properties'] as { tags: string[]; 'security-severity': string };
        assert.deepEqual(props.tags, ['security', 'secret']);
        assert.ok(Number(props['security-severity']) > 0);
        const help = rule['help'] as { text: string; markdown: string };
        assert.ok(help.text.length > 20 && help.markdown.length > 20);
        assert.ok((rule['shortDescription'] as { text: string }).text);
        assert.ok((rule['fullDescription'] as { text: string }).text);
        assert.ok(['error', 'warning', 'note'].includes((rule['defaultConfiguration'] as { level: string }).level));
      }
      assert.equal(run.results.length, 2);
      const result = run.results.find((x) => x.ruleId === 'bitbucket-app-password')!;
      assert.equal(driver.rules[result.ruleIndex]!['id'], 'bitbucket-app-password');
      assert.equal(result.level, 'warning');
      assert.ok(result.message.text.includes(`${bb.slice(0, 4)}…${bb.slice(-4)}`));
      const loc = result.locations[0]!.physicalLocation;
      assert.deepEqual(loc.artifactLocation, { uri: 'src/config/app.yml', uriBaseId: '%SRCROOT%' });
      assert.deepEqual(loc.region, { startLine: 3, startColumn: 12, endLine: 3, endColumn: 12 + bb.length });
      assert.match(result.partialFingerprints['leakless/v1']!, /^bitbucket-app-password:[0-9a-f]{24}$/);
    });

    it('SARIF for a clean folder is a valid log with no results', () => {
      const clean = folder();
      plant(clean, { 'a.ts': CLEAN_CODE });
      const r = leakless(clean, 'scan', '--format', 'sarif');
      assert.equal(r.status, 0);
      const log = JSON.parse(r.stdout) as { runs: { results: unknown[] }[] };
      assert.deepEqual(log.runs[0]!.results, []);
    });

    it('--output writes the report to a file and keeps stdout empty', () => {
      const out = path.join(tmpRoot, 'report.json');
      const r = leakless(dir, 'scan', '--format', 'json', '--output', out);
      assert.equal(r.status, 1);
      assert.equal(r.stdout, '');
      assert.equal((JSON.parse(fs.readFileSync(out, 'utf8')) as unknown[]).length, 2);
      const bad = leakless(dir, 'scan', '-o', path.join(tmpRoot, 'missing', 'dir', 'r.txt'));
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /^leakless: cannot write --output/);
    });

    it('--min-confidence and --disable-rule drop findings', () => {
      const d = folder();
      plant(d, { 'a.py': `jira_token = "${legacyJira('cli-legacy')}"\npassword = "${bitbucket('cli-bb2')}"\n` });
      assert.deepEqual(json(leakless(d, 'scan', '-f', 'json')).map((f) => f.ruleId), ['jira-legacy-api-token', 'bitbucket-app-password']);
      assert.deepEqual(json(leakless(d, 'scan', '-f', 'json', '--min-confidence', 'high')).map((f) => f.ruleId), ['bitbucket-app-password']);
      const r = leakless(d, 'scan', '-f', 'json', '--disable-rule', 'bitbucket-app-password', '--disable-rule', 'jira-legacy-api-token', '--disable-rule', 'generic-secret-assignment');
      assert.equal(r.status, 0);
      assert.deepEqual(json(r), []);
    });

    it('a clean folder of ordinary code exits 0 and reports nothing', () => {
      const clean = folder();
      plant(clean, {
        'src/index.ts': CLEAN_CODE,
        'README.md': '# Demo\n\nSet `JIRA_API_TOKEN` in your environment. See https://example.com/docs.\n',
        'package.json': '{ "name": "demo", "version": "1.0.0", "integrity": "sha512-deadbeef" }\n',
      });
      const text = leakless(clean, 'scan');
      assert.equal(text.status, 0);
      assert.equal(text.stdout, 'No secrets found (scanned 3 files).\n');
      const j = leakless(clean, 'scan', '--format', 'json');
      assert.equal(j.status, 0);
      assert.deepEqual(json(j), []);
      assert.equal(j.stderr, '');
    });
  });

  describe('which files are scanned', () => {
    it('honours .gitignore files, nested ones relative to their folder, with negations', () => {
      const d = folder();
      plant(d, {
        '.gitignore': '*.log\nbuild/\n',
        'build/out.js': `p = "${bitbucket('gi1')}"`,
        'app.log': `p = "${bitbucket('gi2')}"`,
        'pkg/.gitignore': '/local.txt\n!keep.log\n',
        'pkg/local.txt': `p = "${bitbucket('gi3')}"`,
        'pkg/keep.log': `p = "${bitbucket('gi4')}"`,
        'pkg/other.log': `p = "${bitbucket('gi5')}"`,
        'pkg/deeper/local.txt': `p = "${bitbucket('gi6')}"`,
        'src/main.txt': `p = "${bitbucket('gi7')}"`,
      });
      const r = leakless(d, 'scan', '-f', 'json');
      assert.deepEqual(json(r).map((f) => f.file), ['pkg/deeper/local.txt', 'pkg/keep.log', 'src/main.txt']);
      const all = leakless(d, 'scan', '-f', 'json', '--no-gitignore');
      assert.equal(json(all).length, 7);
    });

    it('applies the repository\'s .gitignore when scanning a subfolder of it', () => {
      const d = folder();
      plant(d, { '.git/HEAD': 'ref: refs/heads/main\n', '.gitignore': 'secrets.txt\n', 'sub/secrets.txt': `p = "${bitbucket('gr1')}"`, 'sub/x.txt': `p = "${bitbucket('gr2')}"` });
      assert.deepEqual(json(leakless(path.join(d, 'sub'), 'scan', '-f', 'json')).map((f) => f.file), ['x.txt']);
    });

    it('always skips .git/; scans node_modules/ unless .gitignore or --exclude skips it', () => {
      const d = folder();
      plant(d, {
        '.git/config': `[remote]\n  password = ${bitbucket('g1')}\n`,
        'node_modules/lib/index.js': `p = "${bitbucket('nm1')}"`,
        'index.js': `p = "${bitbucket('nm2')}"`,
      });
      assert.deepEqual(json(leakless(d, 'scan', '-f', 'json', '--no-gitignore')).map((f) => f.file), ['index.js', 'node_modules/lib/index.js']);
      assert.deepEqual(json(leakless(d, 'scan', '-f', 'json', '--exclude', 'node_modules')).map((f) => f.file), ['index.js']);
      fs.writeFileSync(path.join(d, '.gitignore'), 'node_modules/\n');
      assert.deepEqual(json(leakless(d, 'scan', '-f', 'json')).map((f) => f.file), ['index.js']);
    });

    it('--exclude takes .gitignore globs and repeats', () => {
      const d = folder();
      plant(d, {
        'a.env': `p = "${bitbucket('ex1')}"`,
        'test/fixtures/f.txt': `p = "${bitbucket('ex2')}"`,
        'test/real.txt': `p = "${bitbucket('ex3')}"`,
        'src/gen/x.ts': `p = "${bitbucket('ex4')}"`,
        'src/y.ts': `p = "${bitbucket('ex5')}"`,
      });
      const r = leakless(d, 'scan', '-f', 'json', '--exclude', '*.env', '--exclude', 'test/fixtures/', '--exclude=src/gen/**');
      assert.deepEqual(json(r).map((f) => f.file), ['src/y.ts', 'test/real.txt']);
      const sub = leakless(d, 'scan', 'src', '-f', 'json', '--exclude', 'gen/');
      assert.deepEqual(json(sub).map((f) => f.file), ['src/y.ts']);
    });

    it('skips binary and oversized files and says how many', () => {
      const d = folder();
      const inBinary = `p = "${bitbucket('bin1')}"`;
      plant(d, {
        'blob.bin.txt': Buffer.concat([Buffer.from([0x00, 0x01, 0x02]), Buffer.from(inBinary)]),
        'logo.png': inBinary,
        'huge.txt': `${'x'.repeat(3000)}\np = "${bitbucket('big1')}"\n`,
        'ok.txt': `p = "${bitbucket('ok1')}"`,
      });
      const text = leakless(d, 'scan', '--max-file-size', '2k');
      assert.equal(text.status, 1);
      assert.match(text.stdout, /Found 1 secret in 1 file \(scanned 1 file; skipped 2 binary files and 1 file larger than 2 KB\)\.\n$/);
      const j = leakless(d, 'scan', '--format', 'json', '--max-file-size', '2k');
      assert.deepEqual(json(j).map((f) => f.file), ['ok.txt']);
      assert.equal(j.stderr, 'leakless: skipped 2 binary files and 1 file larger than 2 KB\n');
      const s = leakless(d, 'scan', '--format', 'sarif', '--max-file-size', '2k');
      assert.ok(JSON.parse(s.stdout));
      assert.match(s.stderr, /skipped 2 binary files and 1 file larger than 2 KB/);
      assert.deepEqual(json(leakless(d, 'scan', '-f', 'json', '--max-file-size', '4000')).map((f) => f.file), ['huge.txt', 'ok.txt']);
      assert.equal(leakless(d, 'scan', '--max-file-size', '1mb').status, 1);
    });

    it('reads UTF-16 files with a byte-order mark', () => {
      const d = folder();
      const secret = bitbucket('u16');
      plant(d, { 'win.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`é\r\npass = "${secret}"\r\n`, 'utf16le')]) });
      const rows = json(leakless(d, 'scan', '-f', 'json'));
      assert.deepEqual(rows.map((f) => [f.file, f.line, f.column]), [['win.txt', 2, 9]]);
    });

    it('scans files named explicitly, and survives symbolic link loops', function () {
      const d = folder();
      plant(d, { '.gitignore': 'named.txt\n', 'named.txt': `p = "${bitbucket('sym1')}"`, 'sub/a.txt': `p = "${bitbucket('sym2')}"` });
      assert.deepEqual(json(leakless(d, 'scan', 'named.txt', '-f', 'json')).map((f) => f.file), ['named.txt']);
      try {
        fs.symlinkSync('..', path.join(d, 'sub', 'loop'), 'dir');
      } catch {
        this.skip();
      }
      assert.deepEqual(json(leakless(d, 'scan', '-f', 'json')).map((f) => f.file), ['sub/a.txt']);
      const followed = leakless(d, 'scan', '-f', 'json', '--follow-symlinks');
      assert.equal(followed.status, 1);
      assert.deepEqual(json(followed).map((f) => f.file), ['sub/a.txt']);
    });
  });

  describe('every built-in rule', () => {
    it('reports the first positive example of each rule through the CLI, masked', () => {
      const { rules } = builtin();
      const d = folder();
      const expected = new Map<string, string>();
      for (const rule of rules) {
        const example = rule.examples.positive[0]!;
        const file = `${rule.id}/${example.path ?? 'example.txt'}`;
        expected.set(file, rule.id);
        plant(d, { [file]: `${expandFakes(example.text, `${rule.id}#p0`)}\n` });
      }
      // One scan root per rule, so path-bound rules see the example's own path.
      const roots = rules.map((r) => r.id);
      const r = leakless(d, 'scan', '-f', 'json', '--show-secrets', ...roots);
      assert.equal(r.status, 1, r.stderr);
      const rows = json(r);
      for (const [file, ruleId] of expected) {
        const own = rows.filter((f) => f.file === file && f.ruleId === ruleId);
        assert.equal(own.length, 1, `${file}: ${JSON.stringify(rows.filter((f) => f.file === file).map((f) => f.ruleId))}`);
      }
      const masked = leakless(d, 'scan', ...roots);
      for (const row of rows) {
        if (row.secret && row.secret.length >= 12) assertNotLeaked(masked.stdout + masked.stderr, row.secret);
      }
    });
  });
});
