import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expandFakes } from '../../src/core';
import { ROOT } from '../helpers/rules';

/** The only modules the bundles may load: nothing that can open a connection. */
const ALLOWED = new Set(['vscode', 'node:path', 'path', 'node:fs', 'fs', 'process', 'node:process', 'node:child_process',
  'node:worker_threads', 'node:perf_hooks', 'node:os', 'os', 'buffer', 'node:buffer', 'node:crypto', 'util', 'node:util']);
const NETWORK = /\b(XMLHttpRequest|WebSocket|sendBeacon|EventSource)\b|require\("(node:)?(http|https|http2|net|tls|dgram|dns|undici)"\)/;

describe('secrets never leave the machine', () => {
  before(function () {
    this.timeout(60000);
    execFileSync(process.execPath, ['esbuild.js'], { cwd: ROOT, stdio: 'pipe' });
  });

  for (const bundle of ['dist/extension.js', 'dist/cli.js', 'dist/scanWorker.js']) {
    it(`${bundle} loads no networking module and uses no browser networking API`, () => {
      const code = fs.readFileSync(path.join(ROOT, bundle), 'utf8');
      const required = new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!));
      // Text our fixes write into user code (require("${imp.module}") in a template) is not a load of ours.
      const extra = [...required].filter((m) => !ALLOWED.has(m) && !m.includes("${"));
      assert.deepEqual(extra, [], `unexpected modules in ${bundle}`);
      assert.equal(NETWORK.exec(code)?.[0], undefined);
    });
  }

  it('the CLI scans with every network door shut', function () {
    this.timeout(60000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakless-nonet-'));
    const trap = path.join(dir, 'trap.js');
    fs.writeFileSync(trap, `
      const Module = require('module');
      const load = Module._load;
      Module._load = function (request, ...rest) {
        if (/^(node:)?(http|https|http2|net|tls|dgram|dns)$/.test(request)) throw new Error('network module loaded: ' + request);
        return load.call(this, request, ...rest);
      };
      globalThis.fetch = () => { throw new Error('fetch called'); };
    `);
    fs.writeFileSync(path.join(dir, 'a.js'), expandFakes('const t = "ATATT3[[b64url:186]]";\n', 'nonet'));
    const r = spawnSync(process.execPath, ['--require', trap, path.join(ROOT, 'dist', 'cli.js'), 'scan', '-f', 'json', dir], { encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true, force: true });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /atlassian-api-token/);
  });
});
