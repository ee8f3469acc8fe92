import * as assert from 'node:assert/strict';
import { expandFakes } from '../../src/core';
import { PatchParser, scanGitHistory, unquoteGitPath, type AddedLines } from '../../src/node/gitHistory';
import { builtin } from '../helpers/rules';
import { TempRepo } from './gitHelpers';

const token = (seed: string): string => expandFakes('ATATT3[[b64url:186]]', seed);

describe('git history: added lines of recent commits', () => {
  it('parses hunks into added lines with their line numbers, ignoring removed lines and headers', () => {
    const files: AddedLines[] = [];
    const p = new PatchParser((a) => files.push(a));
    const patch = [
      '\u0001' + 'a'.repeat(40) + ' 2024-01-02T03:04:05+00:00',
      'diff --git a/x.js b/x.js',
      'index 1..2 100644',
      '--- a/x.js',
      '+++ b/x.js',
      '@@ -3,0 +4,2 @@ function f() {',
      '+const a = 1;',
      '++++ looks like a header but is content',
      '@@ -10 +12 @@',
      '-old',
      '+new',
      'diff --git a/gone.txt b/gone.txt',
      'deleted file mode 100644',
      '--- a/gone.txt',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-bye',
      'diff --git "a/sp\\303\\251cial name.txt" "b/sp\\303\\251cial name.txt"',
      '--- "a/sp\\303\\251cial name.txt"',
      '+++ "b/sp\\303\\251cial name.txt"',
      '@@ -0,0 +1 @@',
      '+hello',
    ];
    for (const l of patch) p.line(l);
    p.end();
    assert.equal(p.commits, 1);
    assert.deepEqual(files.map((f) => [f.file, f.lines, f.lineNumbers]), [
      ['x.js', ['const a = 1;', '+++ looks like a header but is content', 'new'], [4, 5, 12]],
      ['spécial name.txt', ['hello'], [1]],
    ]);
    assert.equal(unquoteGitPath('"a\\tb"'), 'a\tb');
  });

  describe('on a repository', () => {
    let repo: TempRepo;
    beforeEach(() => {
      repo = new TempRepo();
    });
    afterEach(() => repo.remove());

    it('reports a secret added and later deleted, with the commit that added it and its line', async () => {
      const secret = token('hist');
      repo.write('README.md', '# demo\n');
      repo.commit('init');
      repo.write('src/config.js', `// config\nconst a = 1;\nconst jira = "${secret}";\n`);
      const added = repo.commit('add config');
      repo.write('src/config.js', '// config\nconst a = 1;\nconst jira = process.env.JIRA;\n');
      repo.commit('remove the token');
      const { engine } = builtin();
      const result = await scanGitHistory(engine, repo.dir, 50);
      assert.equal(result.ok, true);
      assert.equal(result.commits, 3);
      assert.equal(result.findings.length, 1);
      const f = result.findings[0]!;
      assert.equal(f.file, 'src/config.js');
      assert.equal(f.commit, added);
      assert.equal(f.line, 3);
      assert.equal(f.column, 'const jira = "'.length + 1);
      assert.equal(f.finding.ruleId, 'atlassian-api-token');
      assert.equal(f.finding.range.start.line, 2);
      assert.ok(!JSON.stringify({ ...f, finding: { ...f.finding, secret: '' } }).includes(secret));
    });

    it('looks only at the last N commits, and honours exclude patterns', async () => {
      const old = token('old');
      repo.write('a.env', `JIRA_API_TOKEN=${old}\n`);
      repo.commit('old secret');
      repo.write('b.txt', 'nothing\n');
      repo.commit('later');
      const { engine } = builtin();
      assert.equal((await scanGitHistory(engine, repo.dir, 1)).findings.length, 0);
      assert.equal((await scanGitHistory(engine, repo.dir, 2)).findings.length, 1);
      assert.equal((await scanGitHistory(engine, repo.dir, 2, { exclude: ['*.env'] })).findings.length, 0);
    });

    it('is not ok outside a repository', async () => {
      const outside = new TempRepo(false);
      try {
        const r = await scanGitHistory(builtin().engine, outside.dir, 5);
        assert.equal(r.ok, false);
        assert.equal(r.findings.length, 0);
      } finally {
        outside.remove();
      }
    });
  });
});
