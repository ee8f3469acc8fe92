import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expandFakes } from '../../src/core';
import { committedSecrets, grepPattern, repoHead } from '../../src/node/git';
import { TempRepo } from './gitHelpers';

const token = (seed: string): string => expandFakes('ATATT3[[b64url:186]]', seed);

describe('git: already-committed secrets', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = new TempRepo();
  });
  afterEach(() => repo.remove());

  it('finds a secret that is in the HEAD version of the file', async () => {
    const secret = token('head');
    const file = repo.write('src/app.js', `const t = "${secret}";\n`);
    const sha = repo.commit('add app');
    const found = await committedSecrets(file, [secret], 50);
    assert.deepEqual(found.get(secret), { inHead: true, commit: sha });
  });

  it('finds a secret removed since, in the file history, with the newest commit holding it', async () => {
    const secret = token('history');
    const file = repo.write('config.py', `TOKEN = "${secret}"\n`);
    repo.commit('one');
    repo.write('config.py', `TOKEN = "${secret}"\nDEBUG = True\n`);
    const second = repo.commit('two');
    repo.write('config.py', 'TOKEN = os.environ["TOKEN"]\n');
    repo.commit('three: remove the token');
    repo.write('config.py', `TOKEN = "${secret}"\n`); // re-added in the working copy
    const found = await committedSecrets(file, [secret], 50);
    assert.deepEqual(found.get(secret), { inHead: false, commit: second });
  });

  it('with depth 0 searches HEAD only', async () => {
    const secret = token('depth0');
    const file = repo.write('a.txt', `key ${secret}\n`);
    repo.commit('one');
    repo.write('a.txt', 'clean\n');
    repo.commit('two');
    assert.equal((await committedSecrets(file, [secret], 0)).size, 0);
    assert.equal((await committedSecrets(file, [secret], 1)).size, 1);
  });

  it('says nothing for a secret that was never committed, or for an untracked file', async () => {
    const committed = token('c');
    const fresh = token('fresh');
    const file = repo.write('a.txt', `${committed}\n`);
    repo.commit('one');
    repo.write('a.txt', `${committed}\n${fresh}\n`);
    const untracked = repo.write('new.txt', `${committed}\n`);
    const found = await committedSecrets(file, [committed, fresh], 50);
    assert.ok(found.has(committed));
    assert.ok(!found.has(fresh));
    assert.equal((await committedSecrets(untracked, [committed], 50)).size, 0);
  });

  it('handles paths with spaces and glob characters literally', async () => {
    const secret = token('odd');
    const file = repo.write('odd dir/[x] *.env', `K=${secret}\n`);
    repo.write('odd dir/other.env', `K=${secret}\n`);
    repo.commit('odd');
    assert.equal((await committedSecrets(file, [secret], 5)).get(secret)?.inHead, true);
  });

  it('matches a multi-line secret by its longest line', async () => {
    const body = expandFakes('[[b64:64]]', 'pem');
    const key = `-----BEGIN PRIVATE KEY-----\n${body}\nabc\n-----END PRIVATE KEY-----`;
    assert.equal(grepPattern(key), body);
    const file = repo.write('key.pem', `${key}\n`);
    repo.commit('key');
    assert.equal((await committedSecrets(file, [key], 5)).get(key)?.inHead, true);
  });

  it('says nothing outside a repository or before the first commit', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'leakless-nogit-'));
    try {
      const secret = token('outside');
      const file = path.join(outside, 'a.txt');
      fs.writeFileSync(file, secret);
      assert.equal(await repoHead(outside), undefined);
      assert.equal((await committedSecrets(file, [secret], 50)).size, 0);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
    const file = repo.write('a.txt', 'x');
    assert.equal(await repoHead(repo.dir), undefined);
    assert.equal((await committedSecrets(file, ['x'.repeat(20)], 50)).size, 0);
  });

  it('never puts a secret on a git command line', async () => {
    const secret = token('argv');
    const file = repo.write('a.txt', `${secret}\n`);
    repo.commit('one');
    const cp = require('node:child_process') as typeof import('node:child_process');
    const original = cp.execFile;
    const seen: string[][] = [];
    (cp as { execFile: unknown }).execFile = (...args: unknown[]) => {
      seen.push((args[1] as string[]) ?? []);
      return (original as (...a: unknown[]) => unknown)(...args);
    };
    try {
      await committedSecrets(file, [secret], 50);
    } finally {
      (cp as { execFile: unknown }).execFile = original;
    }
    assert.ok(seen.length > 0, 'git was not called through execFile');
    assert.ok(seen.every((argv) => argv.every((a) => !a.includes(secret.slice(6, 40)))));
  });
});
