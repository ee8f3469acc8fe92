import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fakeJiraToken, leakless, workspaceRoot } from './util';

const GIT_ID = ['-c', 'user.email=t@example.test', '-c', 'user.name=Test', '-c', 'commit.gpgsign=false'];

describe('Leakless: Install Pre-commit Hook', function () {
  this.timeout(60000);
  let root: string;

  before(async () => {
    await leakless();
    root = workspaceRoot().fsPath;
    execFileSync('git', ['init', '-q'], { cwd: root });
    fs.mkdirSync(path.join(root, '.git', 'hooks'), { recursive: true });
    fs.writeFileSync(path.join(root, '.git', 'hooks', 'pre-commit'), '#!/bin/sh\necho existing-hook-ran >&2\n', { mode: 0o755 });
  });

  after(() => {
    fs.rmSync(path.join(root, '.git'), { recursive: true, force: true });
    fs.rmSync(path.join(root, 'hooked'), { recursive: true, force: true });
  });

  it('installs a hook that keeps the existing one and blocks a commit that adds a secret', async () => {
    const hookPath = await vscode.commands.executeCommand<string | undefined>('leakless.installHook');
    assert.equal(hookPath, path.join(root, '.git', 'hooks', 'pre-commit'));
    assert.match(fs.readFileSync(hookPath, 'utf8'), /leakless-pre-commit-hook/);
    assert.ok(fs.existsSync(path.join(root, '.git', 'hooks', 'pre-commit.local')), 'the existing hook is kept');
    assert.ok(fs.statSync(hookPath).mode & 0o100, 'the hook is executable');

    fs.mkdirSync(path.join(root, 'hooked'), { recursive: true });
    fs.writeFileSync(path.join(root, 'hooked', 'clean.js'), 'module.exports = 1;\n');
    execFileSync('git', ['add', 'hooked/clean.js'], { cwd: root });
    const clean = spawnSync('git', [...GIT_ID, 'commit', '-q', '-m', 'clean'], { cwd: root, encoding: 'utf8' });
    assert.equal(clean.status, 0, `a clean commit must pass: ${clean.stderr}`);
    assert.match(clean.stderr, /existing-hook-ran/);

    const token = fakeJiraToken();
    fs.writeFileSync(path.join(root, 'hooked', 'leak.js'), `const t = "${token}";\n`);
    execFileSync('git', ['add', 'hooked/leak.js'], { cwd: root });
    const blocked = spawnSync('git', [...GIT_ID, 'commit', '-q', '-m', 'leak'], { cwd: root, encoding: 'utf8' });
    assert.notEqual(blocked.status, 0, 'the commit adding a secret must be blocked');
    const out = blocked.stdout + blocked.stderr;
    assert.match(out, /hooked\/leak\.js:1/);
    assert.ok(!out.includes(token), 'the hook output is masked');
  });
});
