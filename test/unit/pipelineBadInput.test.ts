import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expandFakes } from '../../src/core';
import { scanFileSync } from '../../src/node/fileScan';
import { builtin } from '../helpers/rules';
import { assertNotLeaked, bitbucket, leakless, plant, rows, type Run, useScratch } from './pipelineHelpers';

/** Set LEAKLESS_TIMINGS=1 to print how long the big inputs take. */
function timing(label: string, run: Run): void {
  if (process.env['LEAKLESS_TIMINGS']) process.stderr.write(`      [timing] ${label}: ${run.ms} ms\n`);
}

describe('pipeline: bad input through the CLI', function () {
  this.timeout(120000);
  const scratch = useScratch();

  it('skips binary content (NUL bytes) and says so', () => {
    const dir = scratch().folder();
    plant(dir, { 'data.dat': Buffer.concat([Buffer.from('\u0000\u0001\u0002'), Buffer.from(`p = "${bitbucket('bad-bin')}"`)]) });
    const r = leakless(dir, ['scan']);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, 'No secrets found (scanned 0 files; skipped 1 binary file).\n');
  });

  it('reads invalid UTF-8 (each bad byte is one replacement character) with exact positions', () => {
    const dir = scratch().folder();
    const secret = bitbucket('bad-utf8');
    plant(dir, { 'latin1.txt': Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9, 0xff, 0xc3, 0x28]), Buffer.from(`\np = "${secret}"\n`)]) });
    const r = leakless(dir, ['scan', '-f', 'json']);
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(rows(r).map((x) => [x.line, x.column]), [[2, 6]]);
    const same = Buffer.concat([Buffer.from([0xe9, 0xff]), Buffer.from(` p = "${secret}"`)]);
    plant(dir, { 'latin1.txt': same });
    assert.deepEqual(rows(leakless(dir, ['scan', '-f', 'json'])).map((x) => [x.line, x.column]), [[1, 9]]);
  });

  it('reads UTF-16 LE and BE files with a byte-order mark', () => {
    const dir = scratch().folder();
    const secret = bitbucket('bad-u16');
    const body = `é😀\r\npass = "${secret}"\r\n`;
    const le = Buffer.from(body, 'utf16le');
    const be = Buffer.from(le);
    be.swap16();
    plant(dir, { 'le.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), le]), 'be.txt': Buffer.concat([Buffer.from([0xfe, 0xff]), be]) });
    const r = leakless(dir, ['scan', '-f', 'json']);
    assert.deepEqual(rows(r).map((x) => [x.file, x.line, x.column]), [['be.txt', 2, 9], ['le.txt', 2, 9]]);
  });

  it('counts lines across CRLF, CR and LF mixes as the editor does', () => {
    const dir = scratch().folder();
    const secret = bitbucket('bad-eol');
    plant(dir, { 'mixed.txt': `a\r\nb\rc\n\r\n\rkey = "${secret}"\r\n`, 'crlf.txt': `x\r\ny\r\nkey = "${secret}"\r\n` });
    const r = leakless(dir, ['scan', '-f', 'json']);
    assert.deepEqual(rows(r).map((x) => [x.file, x.line, x.column, x.endColumn]), [
      ['crlf.txt', 3, 8, 8 + secret.length],
      ['mixed.txt', 6, 8, 8 + secret.length],
    ]);
  });

  it('counts columns in UTF-16 code units after astral characters and emoji', () => {
    const dir = scratch().folder();
    const secret = bitbucket('bad-emoji');
    const prefix = '😀👩‍💻𝔘 ';
    plant(dir, { 'emoji.md': `# 🔑\n${prefix}key = "${secret}"\n` });
    const [row] = rows(leakless(dir, ['scan', '-f', 'json']));
    assert.ok(row);
    assert.equal(row.line, 2);
    assert.equal(row.column, prefix.length + 'key = "'.length + 1);
    assert.equal(row.column, 18);
    const sarif = leakless(dir, ['scan', '-f', 'sarif']);
    assert.match(sarif.stdout, /"startColumn": 18/);
  });

  it('skips a 50 MB file by default; with a raised --max-file-size it completes without a stack overflow', () => {
    const dir = scratch().folder();
    const secret = bitbucket('bad-50mb');
    const line = `${'const value = "lorem ipsum dolor sit amet";'.padEnd(79, ' ')}\n`;
    const lines = Math.ceil((50 * 1024 * 1024) / line.length);
    const fd = fs.openSync(path.join(dir, 'huge.js'), 'w');
    const chunk = line.repeat(10000);
    for (let i = 0; i < lines; i += 10000) fs.writeSync(fd, chunk);
    fs.writeSync(fd, `token = "${secret}"\n`);
    fs.closeSync(fd);
    const total = Math.ceil(lines / 10000) * 10000 + 1;
    const skipped = leakless(dir, ['scan']);
    assert.equal(skipped.status, 0);
    assert.match(skipped.stdout, /skipped 1 file larger than 1 MB/);
    const r = leakless(dir, ['scan', '-f', 'json', '--max-file-size', '64mb']);
    timing('50 MB file', r);
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(rows(r).map((x) => [x.line, x.column]), [[total, 10]]);
  });

  it('scans a 5 MB single-line minified file', () => {
    const dir = scratch().folder();
    const secret = bitbucket('bad-min');
    const unit = 'function a(b){return b.map(function(c){return c*2})};var x="abc",y={k:1,v:[1,2,3]};';
    const body = unit.repeat(Math.ceil((5 * 1024 * 1024) / unit.length));
    plant(dir, { 'app.min.js': `${body}var password="${secret}";${body}` });
    const r = leakless(dir, ['scan', '-f', 'json', '--max-file-size', '16mb']);
    timing('5 MB minified line', r);
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(rows(r).map((x) => [x.line, x.column]), [[1, body.length + 'var password="'.length + 1]]);
  });

  it('reports a secret in a Jupyter notebook on its line of the .ipynb JSON', () => {
    const dir = scratch().folder();
    const ghp = expandFakes('[[github:ghp_]]', 'bad-ipynb');
    const notebook = {
      cells: [
        { cell_type: 'markdown', metadata: {}, source: ['# Analysis\n', 'Loads the data.'] },
        {
          cell_type: 'code', execution_count: 1, metadata: {}, outputs: [],
          source: ['import requests\n', `GITHUB_TOKEN = "${ghp}"\n`, 'requests.get(url, headers={"Authorization": f"token {GITHUB_TOKEN}"})'],
        },
      ],
      metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
      nbformat: 4, nbformat_minor: 5,
    };
    const text = `${JSON.stringify(notebook, null, 1)}\n`;
    plant(dir, { 'analysis.ipynb': text });
    const lineNo = text.split('\n').findIndex((l) => l.includes(ghp)) + 1;
    const r = leakless(dir, ['scan', '-f', 'json']);
    assert.equal(r.status, 1, r.stderr);
    const line = text.split('\n')[lineNo - 1]!;
    assert.deepEqual(rows(r).map((x) => [x.file, x.line, x.column]), [['analysis.ipynb', lineNo, line.indexOf(ghp) + 1]]);
  });

  /** Runs a scan of a folder holding an unreadable subfolder, as an ordinary user (as root every folder is readable). */
  function scanWithLockedFolder(): Run {
    const dir = scratch().folder();
    plant(dir, { 'locked/inside.txt': `p = "${bitbucket('bad-locked')}"\n`, 'open.txt': `p = "${bitbucket('bad-open')}"\n` });
    fs.chmodSync(path.join(dir, 'locked'), 0o000);
    try {
      const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
      if ('uid' in asUser) for (let d = dir; d.startsWith(scratch().root); d = path.dirname(d)) fs.chmodSync(d, 0o755);
      return leakless(dir, ['scan', '-f', 'json'], asUser);
    } finally {
      fs.chmodSync(path.join(dir, 'locked'), 0o755);
    }
  }

  it('carries on past a folder it cannot read, without a crash', function () {
    if (process.platform === 'win32') this.skip();
    const r = scanWithLockedFolder();
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(rows(r).map((x) => x.file), ['open.txt']);
    assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace');
  });

  // Pending until the walker reports unreadable folders (src/node/walk.ts swallows readdir errors today; the patch is
  // in the pipeline report: WalkOptions.onUnreadable, wired in scanCommand).
  it('names a folder it cannot read on stderr and counts it as skipped', () => {
    const r = scanWithLockedFolder();
    assert.match(r.stderr, /cannot read locked\/ \(EACCES\)/);
  });

  it('never prints the raw secret in text, JSON, SARIF, a report file or a baseline without --show-secrets', () => {
    const dir = scratch().folder();
    const secrets = [bitbucket('mask-1'), expandFakes('[[github:ghp_]]', 'mask-2'), expandFakes('ATATT3[[alnum:186]]', 'mask-3')];
    plant(dir, { 'a.env': secrets.map((s, i) => `SECRET_${i}="${s}"`).join('\n') });
    const outputs: [string, string][] = [];
    for (const format of ['text', 'json', 'sarif']) {
      const r = leakless(dir, ['scan', '-f', format]);
      assert.equal(r.status, 1);
      outputs.push([format, r.stdout + r.stderr]);
    }
    const report = path.join(dir, 'report.sarif');
    leakless(dir, ['scan', '-f', 'sarif', '-o', report]);
    outputs.push(['report file', fs.readFileSync(report, 'utf8')]);
    const w = leakless(dir, ['scan', '-f', 'json', '--write-baseline', 'baseline.json']);
    outputs.push(['baseline', fs.readFileSync(path.join(dir, 'baseline.json'), 'utf8') + w.stdout + w.stderr]);
    for (const [where, text] of outputs) for (const s of secrets) assertNotLeaked(text, s, where);
    assert.ok(leakless(dir, ['scan', '--show-secrets']).stdout.includes(secrets[0]!), '--show-secrets does show them');
  });
});

describe('file reading for the workers and the CLI', () => {
  it('refuses a named pipe at once instead of waiting for a writer, and still reads the file beside it', function () {
    if (process.platform === 'win32') this.skip();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakless-fifo-'));
    try {
      const pipe = path.join(dir, 'pipe');
      execFileSync('mkfifo', [pipe]);
      const { engine } = builtin();
      assert.deepEqual(scanFileSync(pipe, engine), { kind: 'unreadable', reason: 'not a regular file' });
      const file = path.join(dir, 'a.txt');
      fs.writeFileSync(file, `token = "ATATT3${expandFakes('[[b64url:186]]', 'fifo')}"\n`);
      const result = scanFileSync(file, engine);
      assert.equal(result.kind, 'text');
      assert.ok(result.kind === 'text' && result.findings.some((f) => f.ruleId === 'atlassian-api-token'));
      assert.deepEqual(scanFileSync(file, engine, { maxFileSize: 10 }), { kind: 'too-large', size: fs.statSync(file).size });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
