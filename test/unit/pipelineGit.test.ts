import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { expandFakes } from '../../src/core';
import { lineRangesToOffsets, touchesRanges } from '../../src/node/gitStaged';
import { HOOK_MARKER, installHook, uninstallHook } from '../../src/node/hooks';
import { ROOT } from '../helpers/rules';
import { assertNotLeaked, bitbucket, CLI, git, gitRun, leakless, plant, rows, useScratch } from './pipelineHelpers';

describe('pipeline: scan --staged and the pre-commit hook', function () {
  this.timeout(60000);
  const scratch = useScratch();

  describe('line ranges', () => {
    it('maps Git line numbers (\\n only) to offsets, whatever \\r does', () => {
      const text = 'a\r\nb\rc\nd\n';
      assert.deepEqual(lineRangesToOffsets(text, [[2, 2]]), [[3, 7]]);
      assert.deepEqual(lineRangesToOffsets(text, [[1, 1], [3, 3]]), [[0, 3], [7, 9]]);
      assert.deepEqual(lineRangesToOffsets('x', [[5, 6]]), []);
      assert.ok(touchesRanges(4, 6, [[3, 7]]));
      assert.ok(!touchesRanges(0, 3, [[3, 7]]));
      assert.ok(touchesRanges(0, 30, [[3, 7]]), 'a multi-line finding that crosses an added line');
    });
  });

  describe('leakless scan --staged', () => {
    it('scans the staged content of a repository with no commits yet', () => {
      const repo = scratch().repo();
      const secret = bitbucket('st-unborn');
      plant(repo, { 'app.yml': `# settings\npassword: "${secret}"\n`, 'untracked.txt': `p = "${bitbucket('st-untracked')}"\n` });
      git(repo, 'add', 'app.yml');
      const r = leakless(repo, ['scan', '--staged', '-f', 'json']);
      assert.equal(r.status, 1, r.stderr);
      assert.deepEqual(rows(r).map((x) => [x.file, x.line, x.column]), [['app.yml', 2, 12]]);
      assertNotLeaked(r.stdout + r.stderr, secret);
    });

    it('reports the staged version, not the working tree, and only added or changed lines', () => {
      const repo = scratch().repo();
      const old = bitbucket('st-old');
      const added = bitbucket('st-added');
      const unstaged = bitbucket('st-unstaged');
      plant(repo, { 'config.txt': `one\npassword = "${old}"\nthree\n` });
      git(repo, 'add', '.');
      git(repo, 'commit', '-qm', 'init');
      // Staged: a new line 1 (so the committed secret moves to line 3, untouched) and a secret on line 5.
      plant(repo, { 'config.txt': `new first line\none\npassword = "${old}"\nthree\ntoken = "${added}"\n` });
      git(repo, 'add', '.');
      // The working tree then differs from the index: this secret is not staged.
      fs.appendFileSync(path.join(repo, 'config.txt'), `later = "${unstaged}"\n`);
      const r = leakless(repo, ['scan', '--staged', '-f', 'json', '--show-secrets']);
      assert.equal(r.status, 1, r.stderr);
      assert.deepEqual(rows(r).map((x) => [x.file, x.line, x.secret]), [['config.txt', 5, added]]);
    });

    it('reports a committed secret again when its own line changes', () => {
      const repo = scratch().repo();
      const old = bitbucket('st-edit');
      plant(repo, { 'a.env': `PASSWORD=${old}\n` });
      git(repo, 'add', '.');
      git(repo, 'commit', '-qm', 'init');
      plant(repo, { 'a.env': `PASSWORD=${old} # edited\n` });
      git(repo, 'add', '.');
      assert.deepEqual(rows(leakless(repo, ['scan', '--staged', '-f', 'json'])).map((x) => x.line), [1]);
    });

    it('a renamed file with an untouched secret passes; a copy into a new file does not', () => {
      const repo = scratch().repo();
      const old = bitbucket('st-rename');
      const body = `${'filler line\n'.repeat(20)}password = "${old}"\n`;
      plant(repo, { 'before.txt': body });
      git(repo, 'add', '.');
      git(repo, 'commit', '-qm', 'init');
      git(repo, 'mv', 'before.txt', 'after.txt');
      const renamed = leakless(repo, ['scan', '--staged', '-f', 'json']);
      assert.equal(renamed.status, 0, renamed.stdout);
      plant(repo, { 'copy.txt': body });
      git(repo, 'add', 'copy.txt');
      assert.deepEqual(rows(leakless(repo, ['scan', '--staged', '-f', 'json'])).map((x) => x.file), ['copy.txt']);
    });

    it('honours paths and --exclude, shows paths relative to the current folder, and exits 0 when clean', () => {
      const repo = scratch().repo();
      plant(repo, { 'src/a.txt': `p = "${bitbucket('st-a')}"\n`, 'docs/b.txt': `p = "${bitbucket('st-b')}"\n`, 'weird name ü.txt': `p = "${bitbucket('st-c')}"\n` });
      git(repo, 'add', '.');
      assert.deepEqual(rows(leakless(repo, ['scan', '--staged', '-f', 'json'])).map((x) => x.file), ['docs/b.txt', 'src/a.txt', 'weird name ü.txt']);
      assert.deepEqual(rows(leakless(repo, ['scan', '--staged', '-f', 'json', 'src'])).map((x) => x.file), ['src/a.txt']);
      assert.deepEqual(rows(leakless(path.join(repo, 'src'), ['scan', '--staged', '-f', 'json'])).map((x) => x.file), ['../docs/b.txt', 'a.txt', '../weird name ü.txt']);
      assert.deepEqual(rows(leakless(repo, ['scan', '--staged', '-f', 'json', '--exclude', 'docs/', '--exclude', '*.txt'])), []);
      const clean = scratch().repo();
      plant(clean, { 'x.md': '# nothing here\n' });
      git(clean, 'add', '.');
      const r = leakless(clean, ['scan', '--staged']);
      assert.equal(r.status, 0);
      assert.equal(r.stdout, 'No secrets found (scanned 1 file).\n');
    });

    it('reads staged UTF-16 files (Git calls them binary) as wholly added', () => {
      const repo = scratch().repo();
      const secret = bitbucket('st-u16');
      plant(repo, { 'win.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`x\r\npass = "${secret}"\r\n`, 'utf16le')]) });
      git(repo, 'add', '.');
      assert.deepEqual(rows(leakless(repo, ['scan', '--staged', '-f', 'json'])).map((x) => [x.line, x.column]), [[2, 9]]);
    });

    it('exits 2 outside a Git repository', () => {
      const r = leakless(scratch().folder(), ['scan', '--staged']);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^leakless: --staged: not inside a Git work tree\n$/);
    });
  });

  describe('leakless install-hook / uninstall-hook', () => {
    it('installs an executable hook that blocks a commit adding a secret and lets a clean one through', () => {
      const repo = scratch().repo();
      const r = leakless(repo, ['install-hook']);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^Installed the Leakless pre-commit hook at \.git\/hooks\/pre-commit/);
      const hook = path.join(repo, '.git', 'hooks', 'pre-commit');
      if (process.platform !== 'win32') assert.equal(fs.statSync(hook).mode & 0o111, 0o111, 'executable');
      assert.ok(fs.readFileSync(hook, 'utf8').includes(CLI.split(path.sep).join('/')), 'falls back on this dist/cli.js');

      const secret = bitbucket('hook-1');
      plant(repo, { 'leak.txt': `password = "${secret}"\n` });
      git(repo, 'add', '.');
      const blocked = gitRun(repo, 'commit', '-m', 'leak');
      assert.notEqual(blocked.status, 0);
      assert.match(blocked.out, /leak\.txt:1:13 .*bitbucket-app-password/);
      assert.match(blocked.out, /commit blocked/);
      assertNotLeaked(blocked.out, secret, 'the hook output');
      assert.throws(() => git(repo, 'rev-parse', '--verify', 'HEAD'), 'nothing was committed');

      git(repo, 'rm', '-q', '--cached', 'leak.txt');
      plant(repo, { 'ok.txt': 'fine\n' });
      git(repo, 'add', 'ok.txt');
      assert.equal(gitRun(repo, 'commit', '-qm', 'ok').status, 0);

      // `git commit -a` and `git commit <path>` stage into a temporary index (GIT_INDEX_FILE): it is what gets checked.
      fs.appendFileSync(path.join(repo, 'ok.txt'), `key = "${bitbucket('hook-a')}"\n`);
      const viaA = gitRun(repo, 'commit', '-a', '-m', 'via -a');
      assert.notEqual(viaA.status, 0);
      assert.match(viaA.out, /ok\.txt:2:8 /);
      assert.notEqual(gitRun(repo, 'commit', '-m', 'via path', '--', 'ok.txt').status, 0);
    });

    it('keeps an existing hook as pre-commit.local, runs it first, is idempotent, and uninstall puts it back', async () => {
      const repo = scratch().repo();
      const hooks = path.join(repo, '.git', 'hooks');
      const original = '#!/bin/sh\necho "local hook ran" >&2\nexit 0\n';
      fs.writeFileSync(path.join(hooks, 'pre-commit'), original, { mode: 0o755 });

      const first = leakless(repo, ['install-hook']);
      assert.match(first.stdout, /existing hook was moved to \.git\/hooks\/pre-commit\.local and still runs first/);
      assert.equal(fs.readFileSync(path.join(hooks, 'pre-commit.local'), 'utf8'), original);
      const second = leakless(repo, ['install-hook']);
      assert.equal(second.status, 0);
      assert.match(second.stdout, /^Updated/);
      assert.equal(fs.readFileSync(path.join(hooks, 'pre-commit.local'), 'utf8'), original, 'not wrapped twice');
      assert.equal(fs.readFileSync(path.join(hooks, 'pre-commit'), 'utf8').split(HOOK_MARKER).length, 2, 'one marker');
      assert.deepEqual(fs.readdirSync(hooks).filter((f) => f.startsWith('pre-commit')).sort(), ['pre-commit', 'pre-commit.local', 'pre-commit.sample'].filter((f) => fs.existsSync(path.join(hooks, f))));

      plant(repo, { 'ok.txt': 'fine\n' });
      git(repo, 'add', '.');
      const commit = gitRun(repo, 'commit', '-m', 'ok');
      assert.equal(commit.status, 0, commit.out);
      assert.match(commit.out, /local hook ran/);

      // A failing local hook still blocks the commit.
      fs.writeFileSync(path.join(hooks, 'pre-commit.local'), '#!/bin/sh\nexit 3\n', { mode: 0o755 });
      plant(repo, { 'ok2.txt': 'fine\n' });
      git(repo, 'add', '.');
      assert.notEqual(gitRun(repo, 'commit', '-m', 'ok2').status, 0);
      fs.writeFileSync(path.join(hooks, 'pre-commit.local'), original, { mode: 0o755 });

      const un = leakless(repo, ['uninstall-hook']);
      assert.equal(un.status, 0);
      assert.match(un.stdout, /previous hook is back/);
      assert.equal(fs.readFileSync(path.join(hooks, 'pre-commit'), 'utf8'), original);
      assert.ok(!fs.existsSync(path.join(hooks, 'pre-commit.local')));
      assert.match(leakless(repo, ['uninstall-hook']).stdout, /is not a Leakless hook; left it alone/);
      const { action } = await uninstallHook(repo);
      assert.equal(action, 'foreign');
    });

    it('refuses to overwrite when pre-commit.local is taken, unless --force (which keeps a backup)', () => {
      const repo = scratch().repo();
      const hooks = path.join(repo, '.git', 'hooks');
      fs.writeFileSync(path.join(hooks, 'pre-commit'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
      fs.writeFileSync(path.join(hooks, 'pre-commit.local'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
      const r = leakless(repo, ['install-hook']);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /pre-commit\.local.*--force/);
      const forced = leakless(repo, ['install-hook', '--force']);
      assert.equal(forced.status, 0, forced.stderr);
      assert.match(forced.stdout, /set aside as \.git\/hooks\/pre-commit\.leakless-backup/);
      assert.equal(fs.readFileSync(path.join(hooks, 'pre-commit.leakless-backup'), 'utf8'), '#!/bin/sh\nexit 0\n');
    });

    it('honours core.hooksPath and works from a subfolder', async () => {
      const repo = scratch().repo();
      git(repo, 'config', 'core.hooksPath', 'githooks');
      fs.mkdirSync(path.join(repo, 'sub'));
      const result = await installHook({ cwd: path.join(repo, 'sub'), cliPath: CLI });
      assert.equal(result.hookPath, path.join(repo, 'githooks', 'pre-commit'));
      assert.ok(fs.existsSync(path.join(repo, 'githooks', 'pre-commit')));
      plant(repo, { 'leak.txt': `password = "${bitbucket('hook-hp')}"\n` });
      git(repo, 'add', '.');
      assert.notEqual(gitRun(repo, 'commit', '-m', 'leak').status, 0);
    });

    it('exits 2 outside a repository', () => {
      const r = leakless(scratch().folder(), ['install-hook']);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^leakless: not inside a Git repository/);
    });
  });

  describe('baseline', () => {
    it('writes a sorted baseline without secrets or line numbers, and reports only new findings', () => {
      const dir = scratch().folder();
      const a = bitbucket('bl-a');
      const b = bitbucket('bl-b');
      plant(dir, { 'src/z.txt': `p = "${a}"\n`, 'a.txt': `p = "${b}"\n` });
      const w = leakless(dir, ['scan', '--write-baseline', '.leakless-baseline.json']);
      assert.equal(w.status, 0, w.stderr);
      assert.match(w.stderr, /wrote 2 findings to \.leakless-baseline\.json/);
      const text = fs.readFileSync(path.join(dir, '.leakless-baseline.json'), 'utf8');
      assertNotLeaked(text, a, 'the baseline');
      assertNotLeaked(text, b, 'the baseline');
      assert.ok(!/"line"/.test(text));
      const parsed = JSON.parse(text) as { version: number; generated: string; findings: { file: string; ruleId: string; fingerprint: string }[] };
      assert.equal(parsed.version, 1);
      assert.ok(!Number.isNaN(Date.parse(parsed.generated)));
      assert.deepEqual(parsed.findings.map((f) => [f.file, f.ruleId]), [['a.txt', 'bitbucket-app-password'], ['src/z.txt', 'bitbucket-app-password']]);
      assert.deepEqual(Object.keys(parsed.findings[0]!).sort(), ['file', 'fingerprint', 'ruleId']);

      // Code moves: still baselined. A new secret: reported. From a subfolder: paths still match.
      plant(dir, { 'a.txt': `\n\n// moved\np = "${b}"\n`, 'src/new.txt': `q = "${bitbucket('bl-new')}"\n` });
      const r = leakless(dir, ['scan', '-f', 'json', '--baseline', '.leakless-baseline.json']);
      assert.equal(r.status, 1);
      assert.deepEqual(rows(r).map((x) => x.file), ['src/new.txt']);
      assert.match(r.stderr, /2 findings already in the baseline \.leakless-baseline\.json not reported/);
      const sub = leakless(path.join(dir, 'src'), ['scan', '-f', 'json', '--baseline', '../.leakless-baseline.json']);
      assert.deepEqual(rows(sub).map((x) => x.file), ['new.txt']);

      // Re-writing the same findings leaves the file (and its date) untouched.
      plant(dir, { 'src/new.txt': 'gone\n' });
      const again = leakless(dir, ['scan', '--write-baseline', '.leakless-baseline.json']);
      assert.match(again.stderr, /baseline unchanged: 2 findings in/);
      assert.equal(fs.readFileSync(path.join(dir, '.leakless-baseline.json'), 'utf8'), text);
    });

    it('exits 2 naming the file for a malformed or missing baseline', () => {
      const dir = scratch().folder();
      plant(dir, { 'bad.json': '{ "version": 1, "findings": [ { "fingerprint": "x" } ] }', 'broken.json': '{ nope', 'x.txt': 'nothing\n' });
      const cases: [string, RegExp][] = [
        ['bad.json', /^leakless: baseline bad\.json: findings\[0\]\.fingerprint must be a Leakless fingerprint/],
        ['broken.json', /^leakless: baseline broken\.json: not valid JSON/],
        ['missing.json', /^leakless: baseline missing\.json: no such file/],
      ];
      for (const [file, message] of cases) {
        const r = leakless(dir, ['scan', '--baseline', file]);
        assert.equal(r.status, 2, file);
        assert.match(r.stderr, message);
        assert.equal(r.stderr.trim().split('\n').length, 1);
      }
    });
  });

  describe('project rules', () => {
    const rule = (id: string, regex: string): string => `provider: Acme
family: saas
remediation:
  what: An Acme internal token.
  risk: Access to Acme internals.
  rotate: [Revoke it in the Acme console.]
  misuse: Check the Acme audit log.
rules:
  - id: ${id}
    name: Acme token
    description: An Acme internal token.
    regex: '${regex}'
    keywords: [acme_]
    examples:
      positive: ['t = "acme_[[alnum:24]]"']
      negative: ['t = "acme_short"']
`;

    it('loads .leakless/rules.yaml and .leakless/rules/*.yaml from the repository root', () => {
      const repo = scratch().repo();
      plant(repo, {
        '.leakless/rules.yaml': rule('acme-token', '(acme_[A-Za-z0-9]{24})(?:[^A-Za-z0-9]|$)'),
        '.leakless/rules/more.yaml': rule('acme-other-token', '(acmx_[A-Za-z0-9]{24})').replace(/acme_/g, 'acmx_'),
        'sub/a.txt': `k = "acme_${expandFakes('[[alnum:24]]', 'pr-1')}"\nj = "acmx_${expandFakes('[[alnum:24]]', 'pr-2')}"\n`,
      });
      const r = leakless(path.join(repo, 'sub'), ['scan', '-f', 'json']);
      assert.deepEqual(rows(r).map((x) => x.ruleId), ['acme-token', 'acme-other-token']);
      assert.deepEqual(rows(leakless(repo, ['scan', '-f', 'json', '--no-project-rules'])), []);
      git(repo, 'add', 'sub');
      assert.deepEqual(rows(leakless(path.join(repo, 'sub'), ['scan', '--staged', '-f', 'json'])).map((x) => x.ruleId), ['acme-token', 'acme-other-token']);
    });

    it('leaves out the secrets listed in the repository\'s .leakless/ignore.json (as the editor does), unless --no-ignore-file', () => {
      const repo = scratch().repo();
      const kept = `ATATT3${expandFakes('[[b64url:186]]', 'ign-1')}`;
      const other = `ATATT3${expandFakes('[[b64url:186]]', 'ign-2')}`;
      plant(repo, { 'sub/a.js': `const a = "${kept}";\nconst b = "${other}";\n` });
      const all = rows(leakless(repo, ['scan', '-f', 'json']));
      assert.deepEqual([...new Set(all.map((x) => x.line))], [1, 2]);
      const first = all.filter((x) => x.line === 1);
      const ignore = first.map((x) => ({ fingerprint: x.fingerprint, ruleId: x.ruleId, file: 'sub/a.js' }));
      plant(repo, { '.leakless/ignore.json': JSON.stringify({ version: 1, ignore }) });
      const r = leakless(path.join(repo, 'sub'), ['scan', '-f', 'json']);
      const key = (x: { line: number; fingerprint: string }): string => `${x.line} ${x.fingerprint}`;
      assert.deepEqual(rows(r).map(key), all.filter((x) => x.line === 2).map(key));
      assert.match(r.stderr, new RegExp(`${first.length} findings? listed in \\.leakless/ignore\\.json not reported`));
      assertNotLeaked(fs.readFileSync(path.join(repo, '.leakless', 'ignore.json'), 'utf8'), kept, 'the ignore file');
      assert.equal(rows(leakless(repo, ['scan', '-f', 'json', '--no-ignore-file'])).length, all.length);
      git(repo, 'add', 'sub');
      assert.deepEqual([...new Set(rows(leakless(repo, ['scan', '--staged', '-f', 'json'])).map((x) => x.line))], [2]);
      plant(repo, { '.leakless/ignore.json': '{ "ignore": [ {' });
      const broken = leakless(repo, ['scan', '-f', 'json']);
      assert.equal(rows(broken).length, all.length, 'a broken ignore file hides nothing');
      assert.match(broken.stderr, /\.leakless\/ignore\.json: not valid JSON .*; its entries are not applied/);
    });

    it('rejects an unsafe or invalid project rule: exit 2 naming file, line, rule and field', () => {
      const dir = scratch().folder();
      plant(dir, { '.leakless/rules.yaml': rule('acme-token', '(acme_(?:[a-z]+)+)!'), 'a.txt': 'x\n' });
      const r = leakless(dir, ['scan']);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^leakless: invalid rule: \.leakless\/rules\.yaml:12: rule "acme-token", field "regex": risks catastrophic backtracking/);
      plant(dir, { '.leakless/rules.yaml': rule('bitbucket-app-password', '(acme_[a-z]{24})') });
      assert.match(leakless(dir, ['scan']).stderr, /rule "bitbucket-app-password", field "id": duplicate id \(first defined at rules\//);
    });
  });

  describe('.pre-commit-hooks.yaml', () => {
    it('declares a node hook that runs leakless scan --staged', () => {
      const hooks = parseYaml(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];
      const hook = hooks.find((h) => h['id'] === 'leakless');
      assert.ok(hook);
      assert.equal(hook['language'], 'node');
      assert.equal(hook['entry'], 'leakless scan --staged');
      assert.equal(hook['pass_filenames'], false);
    });
  });
});
