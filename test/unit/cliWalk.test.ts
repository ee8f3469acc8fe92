import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Engine, expandFakes } from '../../src/core';
import { decodeText, hasBinaryExtension, scanFile, scanFiles } from '../../src/node/fileScan';
import { walkFiles, WalkError, type WalkOptions } from '../../src/node/walk';
import { builtin } from '../helpers/rules';

let root: string;

function plant(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(root, 'w-'));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

async function list(dir: string, paths: string[] = ['.'], options: WalkOptions = {}): Promise<string[]> {
  const out: string[] = [];
  for await (const f of walkFiles(paths, { cwd: dir, ...options })) out.push(f.displayPath);
  return out;
}

describe('walking and reading files for a scan', () => {
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'leakless-walk-'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  describe('file walking (src/node/walk)', () => {
    it('lists files in a stable, sorted order with forward slashes', async () => {
      const dir = plant({ 'b.txt': '', 'a/z.txt': '', 'a/b/c.txt': '', 'C.txt': '' });
      assert.deepEqual(await list(dir), ['C.txt', 'a/b/c.txt', 'a/z.txt', 'b.txt']);
    });

    it('nested .gitignore: deeper files override shallower ones, dir-only patterns match folders', async () => {
      const dir = plant({
        '.gitignore': '*.tmp\nout/\n',
        'x.tmp': '', 'out/a.js': '', 'keep.js': '',
        'lib/.gitignore': '!important.tmp\nout\n/only-here.js\n',
        'lib/important.tmp': '', 'lib/other.tmp': '', 'lib/out': '', 'lib/only-here.js': '', 'lib/sub/only-here.js': '',
      });
      assert.deepEqual(await list(dir), ['.gitignore', 'keep.js', 'lib/.gitignore', 'lib/important.tmp', 'lib/sub/only-here.js']);
      assert.equal((await list(dir, ['.'], { gitignore: false })).length, 10);
    });

    it('--exclude wins over .gitignore negations, and is matched from the scanned folder and from cwd', async () => {
      const dir = plant({ '.gitignore': '!*.keep\n', 'a.keep': '', 'src/gen/x.ts': '', 'src/y.ts': '' });
      assert.deepEqual(await list(dir, ['.'], { exclude: ['*.keep', '.gitignore'] }), ['src/gen/x.ts', 'src/y.ts']);
      assert.deepEqual(await list(dir, ['src'], { exclude: ['gen/'] }), ['src/y.ts']);
      assert.deepEqual(await list(dir, ['src'], { exclude: ['src/gen/'] }), ['src/y.ts']);
    });

    it('gives each file its path relative to the scanned folder, for path-bound rules', async () => {
      const dir = plant({ 'svc/config/.npmrc': '', 'top.txt': '' });
      const rel: string[] = [];
      for await (const f of walkFiles(['svc', 'top.txt'], { cwd: dir })) rel.push(`${f.displayPath} ${f.relPath}`);
      assert.deepEqual(rel, ['svc/config/.npmrc config/.npmrc', 'top.txt top.txt']);
    });

    it('does not list a file twice when paths overlap, and throws WalkError for a missing path', async () => {
      const dir = plant({ 'src/a.ts': '', 'b.ts': '' });
      assert.deepEqual(await list(dir, ['.', 'src', 'src/a.ts']), ['b.ts', 'src/a.ts']);
      await assert.rejects(() => list(dir, ['nope']), WalkError);
    });

    it('skips links unless asked, and never loops when following them', async function () {
      const dir = plant({ 'a/f.txt': '' });
      try {
        fs.symlinkSync(dir, path.join(dir, 'a', 'up'), 'dir');
        fs.symlinkSync(path.join(dir, 'a', 'f.txt'), path.join(dir, 'link.txt'));
        fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'dangling'));
      } catch {
        this.skip();
      }
      assert.deepEqual(await list(dir), ['a/f.txt']);
      assert.deepEqual(await list(dir, ['.'], { followSymlinks: true }), ['a/f.txt', 'link.txt']);
    });

    it('walks the same with blocking calls (as the CLI does) as with promises (as the editor does)', async function () {
      const dir = plant({
        '.gitignore': '*.tmp\nout/\n', 'x.tmp': '', 'out/a.js': '', 'keep.js': '', 'lib/.gitignore': '!important.tmp\n',
        'lib/important.tmp': '', 'lib/deep/er/f.ts': '', 'svc/config/.npmrc': '',
      });
      try {
        fs.symlinkSync(dir, path.join(dir, 'lib', 'up'), 'dir');
      } catch {
        this.skip();
      }
      for (const options of [{}, { followSymlinks: true }, { gitignore: false }, { exclude: ['lib/deep/'] }] as WalkOptions[]) {
        const promised = await list(dir, ['.', 'svc/config/.npmrc'], options);
        assert.ok(promised.length >= 4);
        assert.deepEqual(await list(dir, ['.', 'svc/config/.npmrc'], { ...options, blocking: true }), promised, JSON.stringify(options));
      }
      await assert.rejects(() => list(dir, ['nope'], { blocking: true }), WalkError);
    });
  });

  describe('file scanning (src/node/fileScan)', () => {
    const engine = (): Engine => builtin().engine;

    it('decodes UTF-8 (dropping a BOM), UTF-16 LE and BE with a BOM; NUL bytes mean binary', () => {
      assert.deepEqual(decodeText(Buffer.from('\ufeffhé', 'utf8')), { text: 'hé', encoding: 'utf-8' });
      assert.deepEqual(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hé', 'utf16le')])), { text: 'hé', encoding: 'utf-16le' });
      const be = Buffer.from('hé', 'utf16le').swap16();
      assert.deepEqual(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), { text: 'hé', encoding: 'utf-16be' });
      assert.equal(decodeText(Buffer.from([0x41, 0x00, 0x42])), undefined);
      const lateNul = Buffer.concat([Buffer.alloc(9000, 0x41), Buffer.from([0])]);
      assert.equal(decodeText(lateNul)?.encoding, 'utf-8', 'only the first 8 KB are sniffed');
    });

    it('knows binary extensions, case-insensitively', () => {
      assert.ok(hasBinaryExtension('a/b/logo.PNG'));
      assert.ok(hasBinaryExtension('x.woff2'));
      assert.ok(!hasBinaryExtension('config.yml'));
      assert.ok(!hasBinaryExtension('Makefile'));
    });

    it('classifies files: text with findings, binary, too large, unreadable', async () => {
      const secret = expandFakes('ATBB[[alnum:32]][[HEX:8]]', 'fs1');
      const dir = plant({ 'a.txt': `p = "${secret}"\n`, 'b.txt': Buffer.from([1, 0, 2]), 'c.jpg': 'text', 'd.txt': 'x'.repeat(100) });
      const a = await scanFile(path.join(dir, 'a.txt'), engine());
      assert.equal(a.kind, 'text');
      assert.deepEqual(a.kind === 'text' ? a.findings.map((f) => f.ruleId) : [], ['bitbucket-app-password']);
      assert.equal((await scanFile(path.join(dir, 'b.txt'), engine())).kind, 'binary');
      assert.equal((await scanFile(path.join(dir, 'c.jpg'), engine())).kind, 'binary');
      assert.deepEqual(await scanFile(path.join(dir, 'd.txt'), engine(), { maxFileSize: 99 }), { kind: 'too-large', size: 100 });
      assert.equal((await scanFile(path.join(dir, 'd.txt'), engine(), { maxFileSize: 100 })).kind, 'text');
      assert.equal((await scanFile(path.join(dir, 'missing.txt'), engine())).kind, 'unreadable');
    });

    it('scanFiles keeps input order with several reads in flight', async () => {
      const files: Record<string, string> = {};
      for (let i = 0; i < 30; i++) files[`f${String(i).padStart(2, '0')}.txt`] = i % 7 === 0 ? `p = "${expandFakes('ATBB[[alnum:32]]', `o${i}`)}"` : 'nothing';
      const dir = plant(files);
      const names = Object.keys(files).sort();
      const out: string[] = [];
      let found = 0;
      for await (const { file, result } of scanFiles(names.map((n) => ({ absPath: path.join(dir, n), n })), engine(), {}, 4)) {
        out.push(file.n);
        if (result.kind === 'text') found += result.findings.length;
      }
      assert.deepEqual(out, names);
      assert.equal(found, 5);
    });
  });
});
