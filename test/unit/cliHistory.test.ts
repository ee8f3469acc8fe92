import * as assert from 'node:assert/strict';
import { assertNotLeaked, bitbucket, git, leakless, plant, useScratch } from './pipelineHelpers';

describe('leakless scan --git-history', function () {
  this.timeout(60000);
  const scratch = useScratch();

  it('finds a secret that a later commit removed, and names the commit that added it', () => {
    const repo = scratch().repo();
    const secret = bitbucket('hist-removed');
    plant(repo, { 'src/app.js': 'const a = 1;\n' });
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'start');
    plant(repo, { 'src/app.js': `const a = 1;\nconst password = "${secret}";\n` });
    git(repo, 'commit', '-qam', 'add a password');
    const adding = git(repo, 'rev-parse', '--short=7', 'HEAD').trim();
    plant(repo, { 'src/app.js': 'const a = 1;\nconst password = process.env.BITBUCKET_APP_PASSWORD;\n' });
    git(repo, 'commit', '-qam', 'move it out');

    const clean = leakless(repo, ['scan', '-f', 'json']);
    assert.equal(clean.status, 0, 'the working tree is clean');

    const r = leakless(repo, ['scan', '--git-history', '-f', 'json']);
    assert.equal(r.status, 1, r.stderr);
    const rows = JSON.parse(r.stdout) as Array<{ file: string; line: number; column: number; ruleId: string; commit: string }>;
    assert.deepEqual(rows.map((x) => [x.file, x.line, x.column, x.ruleId]), [['src/app.js', 2, 19, 'bitbucket-app-password']]);
    assert.ok(rows[0]!.commit.startsWith(adding.slice(0, 7)), `${rows[0]!.commit} vs ${adding}`);
    assertNotLeaked(r.stdout + r.stderr, secret);

    const text = leakless(repo, ['scan', '--git-history=5']);
    assert.equal(text.status, 1);
    assert.match(text.stdout, new RegExp(`${rows[0]!.commit}:src/app\\.js:2:19`));
    assertNotLeaked(text.stdout, secret);
  });

  it('looks back only N commits', () => {
    const repo = scratch().repo();
    plant(repo, { 'k.txt': `password = "${bitbucket('hist-old')}"\n` });
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'old secret');
    plant(repo, { 'k.txt': 'password = none\n' });
    git(repo, 'commit', '-qam', 'remove');
    plant(repo, { 'other.txt': 'x\n' });
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'unrelated');
    assert.equal(leakless(repo, ['scan', '--git-history=2', '-f', 'json']).status, 0);
    assert.equal(leakless(repo, ['scan', '--git-history=3', '-f', 'json']).status, 1);
  });

  it('says clearly when there is no repository, or N is not a number', () => {
    const dir = scratch().folder();
    plant(dir, { 'a.txt': 'nothing\n' });
    const r = leakless(dir, ['scan', '--git-history']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--git-history needs a Git repository/);
    const bad = leakless(dir, ['scan', '--git-history=many']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--git-history takes a number of commits/);
  });
});
