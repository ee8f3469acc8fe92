import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { enabledGlobs, expandBraces, globToIgnorePatterns, PathFilter } from '../../src/node/pathFilter';

describe('path filter for re-scans of changed files', () => {
  it('turns editor exclude globs into anchored .gitignore patterns', () => {
    assert.deepEqual(expandBraces('**/*.{js,map}'), ['**/*.js', '**/*.map']);
    assert.deepEqual(globToIgnorePatterns('**/node_modules'), ['**/node_modules']);
    assert.deepEqual(globToIgnorePatterns('dist/**'), ['/dist/**']);
    assert.deepEqual(enabledGlobs({ '**/.git': true, '**/off': false, '**/*.js': { when: '$(basename).ts' } }), ['**/.git']);
  });

  it('leaves out what .gitignore files (nested, with negations) and excludes leave out', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakless-filter-'));
    try {
      const write = (rel: string, text = 'x'): string => {
        const abs = path.join(dir, rel);
        fs.mkdirSync(path.dirname(abs), { recursive: true });
        fs.writeFileSync(abs, text);
        return abs;
      };
      write('.gitignore', 'build/\n*.log\n');
      write('sub/.gitignore', '!keep.log\nlocal.txt\n');
      const filter = new PathFilter(dir, globToIgnorePatterns('**/skip/**'));
      assert.equal(await filter.ignored(write('src/a.js')), false);
      assert.equal(await filter.ignored(write('build/out.js')), true);
      assert.equal(await filter.ignored(write('x.log')), true);
      assert.equal(await filter.ignored(write('sub/keep.log')), false);
      assert.equal(await filter.ignored(write('sub/local.txt')), true);
      assert.equal(await filter.ignored(write('a/skip/b.js')), true);
      assert.equal(await filter.ignored(path.join(os.tmpdir(), 'elsewhere.js')), true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
