import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { appendFileAtomic, NotAnAppendError, readTextFile, writeAllThen, writeFileAtomic, type PendingWrite } from '../../src/node/atomicWrite';

describe('atomicWrite: replacing and appending to files all at once', () => {
  let dir: string;
  const mode = (p: string): number => fs.statSync(p).mode & 0o777;
  /** Every file in the folder, so a stray temp file shows up. */
  const listing = (): string[] => fs.readdirSync(dir).sort();

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakless-atomic-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates a missing file owner-only (0600) by default, and says it created it', async () => {
    const file = path.join(dir, '.env');
    const done = await writeFileAtomic(file, 'A=1\n');
    assert.equal(fs.readFileSync(file, 'utf8'), 'A=1\n');
    assert.equal(mode(file), 0o600);
    assert.equal(done.created, true);
    assert.deepEqual(listing(), ['.env']);
  });

  it('gives a new file exactly the requested mode, whatever the umask', async () => {
    const file = path.join(dir, '.gitignore');
    const old = process.umask(0o077);
    try {
      await writeFileAtomic(file, '.env\n', { newFileMode: 0o644 });
    } finally {
      process.umask(old);
    }
    assert.equal(mode(file), 0o644);
  });

  it('appends to an existing file, keeping its bytes (a BOM and CRLF included) and its mode', async () => {
    const file = path.join(dir, '.env');
    const before = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('DEBUG=true\r\nNAME=x\r\n')]);
    fs.writeFileSync(file, before);
    fs.chmodSync(file, 0o640);
    const expected = await readTextFile(file);
    assert.equal(expected, 'DEBUG=true\r\nNAME=x\r\n', 'the text is compared without the BOM');
    const done = await appendFileAtomic(file, expected, `${expected}TOKEN=abc\r\n`);
    assert.deepEqual(fs.readFileSync(file), Buffer.concat([before, Buffer.from('TOKEN=abc\r\n')]));
    assert.equal(mode(file), 0o640);
    assert.equal(done.created, false);
    assert.deepEqual(listing(), ['.env']);
  });

  it('writes through a symbolic link, which stays a link', async () => {
    const real = path.join(dir, 'real.env');
    const link = path.join(dir, '.env');
    fs.writeFileSync(real, 'A=1\n');
    fs.symlinkSync(real, link);
    await appendFileAtomic(link, 'A=1\n', 'A=1\nB=2\n');
    assert.ok(fs.lstatSync(link).isSymbolicLink());
    assert.equal(fs.readFileSync(real, 'utf8'), 'A=1\nB=2\n');
  });

  it('refuses a change that would rewrite existing lines, leaving the file byte-identical', async () => {
    const file = path.join(dir, '.env');
    fs.writeFileSync(file, 'A=1\n');
    await assert.rejects(appendFileAtomic(file, 'A=1\n', 'A=2\n'), NotAnAppendError);
    assert.equal(fs.readFileSync(file, 'utf8'), 'A=1\n');
    assert.deepEqual(listing(), ['.env']);
  });

  it('refuses when the file changed on disk since the append was planned (or appeared, or vanished)', async () => {
    const file = path.join(dir, '.env');
    fs.writeFileSync(file, 'A=1\nB=written-meanwhile\n');
    await assert.rejects(appendFileAtomic(file, 'A=1\n', 'A=1\nC=3\n'), /changed on disk/);
    assert.equal(fs.readFileSync(file, 'utf8'), 'A=1\nB=written-meanwhile\n');
    await assert.rejects(appendFileAtomic(file, undefined, 'C=3\n'), /changed on disk/);
    const missing = path.join(dir, 'missing.env');
    await assert.rejects(appendFileAtomic(missing, 'A=1\n', 'A=1\nC=3\n'), /changed on disk/);
    assert.equal(fs.existsSync(missing), false);
    assert.deepEqual(listing(), ['.env']);
  });

  it('fails with ENOTDIR when a parent is a file, creating nothing and leaving the parent byte-identical', async () => {
    const blocker = path.join(dir, 'blocker');
    fs.writeFileSync(blocker, 'not a folder\n');
    assert.equal(await readTextFile(path.join(blocker, '.env')), undefined, 'reads as a missing file');
    await assert.rejects(appendFileAtomic(path.join(blocker, '.env'), undefined, 'A=1\n'), (e: NodeJS.ErrnoException) => e.code === 'ENOTDIR');
    await assert.rejects(writeFileAtomic(path.join(blocker, '.env'), 'A=1\n'), (e: NodeJS.ErrnoException) => e.code === 'ENOTDIR');
    assert.equal(fs.readFileSync(blocker, 'utf8'), 'not a folder\n');
    assert.deepEqual(listing(), ['blocker']);
  });

  it('a write that fails midway leaves the existing file byte-identical and no temp file behind', async () => {
    const file = path.join(dir, '.env');
    fs.writeFileSync(file, 'A=1\n');
    fs.chmodSync(file, 0o600);
    // Data the file handle cannot write: the temp file exists by then, so this exercises the clean-up.
    const unwritable = { length: 3 } as unknown as string;
    await assert.rejects(writeFileAtomic(file, unwritable));
    assert.equal(fs.readFileSync(file, 'utf8'), 'A=1\n');
    assert.equal(mode(file), 0o600);
    assert.deepEqual(listing(), ['.env']);
  });

  it('refuses to replace a folder', async () => {
    fs.mkdirSync(path.join(dir, '.env'));
    await assert.rejects(writeFileAtomic(path.join(dir, '.env'), 'A=1\n'), /not a regular file/);
    assert.ok(fs.statSync(path.join(dir, '.env')).isDirectory());
  });

  it('restore() puts back the previous content and mode of a file it appended to', async () => {
    const file = path.join(dir, '.env');
    fs.writeFileSync(file, 'A=1\n');
    fs.chmodSync(file, 0o640);
    const done = await appendFileAtomic(file, 'A=1\n', 'A=1\nB=2\n');
    assert.equal(fs.readFileSync(file, 'utf8'), 'A=1\nB=2\n');
    await done.restore();
    assert.equal(fs.readFileSync(file, 'utf8'), 'A=1\n');
    assert.equal(mode(file), 0o640);
    assert.deepEqual(listing(), ['.env']);
  });

  it('restore() deletes a file the write created', async () => {
    const file = path.join(dir, '.env');
    const done = await appendFileAtomic(file, undefined, 'A=1\n');
    assert.equal(fs.readFileSync(file, 'utf8'), 'A=1\n');
    await done.restore();
    assert.equal(fs.existsSync(file), false);
    assert.deepEqual(listing(), []);
  });

  describe('writeAllThen: .env and .gitignore first, then the document edit, or nothing at all', () => {
    let env: string;
    let gitignore: string;
    let writes: PendingWrite[];
    beforeEach(() => {
      env = path.join(dir, '.env');
      gitignore = path.join(dir, '.gitignore');
      fs.writeFileSync(gitignore, 'node_modules/\n');
      writes = [
        { name: '.env', write: () => appendFileAtomic(env, undefined, 'TOKEN=abc\n') },
        { name: '.gitignore', write: () => appendFileAtomic(gitignore, 'node_modules/\n', 'node_modules/\n.env\n', { newFileMode: 0o644 }) },
      ];
    });

    it('runs the edit only once both files are on disk, and keeps them when it succeeds', async () => {
      let seen: (string | undefined)[] = [];
      const result = await writeAllThen(writes, async () => {
        seen = [fs.readFileSync(env, 'utf8'), fs.readFileSync(gitignore, 'utf8')];
        return true;
      });
      assert.deepEqual(result, { status: 'applied' });
      assert.deepEqual(seen, ['TOKEN=abc\n', 'node_modules/\n.env\n']);
      assert.equal(fs.readFileSync(env, 'utf8'), 'TOKEN=abc\n');
      assert.equal(mode(env), 0o600);
    });

    for (const [how, apply] of [
      ['refused (false)', async () => false],
      ['failing (throws)', async () => { throw new Error('editor gone'); }],
    ] as const) {
      it(`puts both files back when the edit is ${how}: the created .env is deleted, .gitignore is byte-identical`, async () => {
        const result = await writeAllThen(writes, apply);
        assert.equal(result.status, 'not-applied');
        assert.deepEqual(result.status === 'not-applied' && result.notRestored, []);
        assert.equal(fs.existsSync(env), false);
        assert.equal(fs.readFileSync(gitignore, 'utf8'), 'node_modules/\n');
        assert.deepEqual(listing(), ['.gitignore']);
      });
    }

    it('when the second file cannot be written, puts the first back and never runs the edit', async () => {
      fs.writeFileSync(env, 'A=1\n');
      fs.writeFileSync(path.join(dir, 'blocker'), 'x');
      let ran = false;
      const result = await writeAllThen([
        { name: '.env', write: () => appendFileAtomic(env, 'A=1\n', 'A=1\nTOKEN=abc\n') },
        { name: 'blocker/.gitignore', write: () => appendFileAtomic(path.join(dir, 'blocker', '.gitignore'), undefined, '.env\n') },
      ], async () => {
        ran = true;
        return true;
      });
      assert.equal(result.status, 'write-failed');
      assert.equal(result.status === 'write-failed' && result.name, 'blocker/.gitignore');
      assert.equal(ran, false);
      assert.equal(fs.readFileSync(env, 'utf8'), 'A=1\n');
      assert.deepEqual(listing(), ['.env', '.gitignore', 'blocker']);
    });
  });
});
