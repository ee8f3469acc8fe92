import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommandId } from '../../src/editor/commandIds';
import { ROOT } from '../helpers/rules';

interface Manifest {
  version: string;
  engines: { vscode: string };
  devDependencies: Record<string, string>;
  contributes: {
    commands: Array<{ command: string; title: string; category?: string }>;
    configuration: { properties: Record<string, { markdownDescription?: string; description?: string }> };
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');

describe('package.json, README and CHANGELOG agree', () => {
  it('every contributed command is in CommandId (and so has a handler), and every CommandId is contributed', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(contributed, Object.values(CommandId).sort());
    for (const c of manifest.contributes.commands) assert.equal(c.category, 'Leakless', `${c.command} has no category`);
  });

  it('every command id has a handler in the one registry', () => {
    const registry = ['commands.ts', 'workspaceCommands.ts'].map((f) => fs.readFileSync(path.join(ROOT, 'src', 'editor', f), 'utf8')).join('\n');
    for (const key of Object.keys(CommandId)) assert.ok(registry.includes(`[CommandId.${key}]`), `no handler for CommandId.${key}`);
  });

  it('every setting is documented in package.json and in the README', () => {
    for (const [key, prop] of Object.entries(manifest.contributes.configuration.properties)) {
      assert.ok(key.startsWith('leakless.'), key);
      assert.ok((prop.markdownDescription ?? prop.description ?? '').length > 20, `${key} has no description`);
      assert.ok(readme.includes(`\`${key}\``), `${key} is not in the README`);
    }
  });

  it('the CHANGELOG has an entry for the current version, and the README shows the two commands', () => {
    assert.match(changelog, new RegExp(`^## \\[${manifest.version.replace(/\./g, '\\.')}\\]`, 'm'));
    assert.ok(readme.includes('npm ci && npm run scan -- <folder>'));
    assert.ok(readme.includes('npm test'));
  });

  it('targets VS Code 1.100 with the matching API types', () => {
    assert.equal(manifest.engines.vscode, '^1.100.0');
    assert.match(manifest.devDependencies['@types/vscode'] ?? '', /^\^?1\.100\./);
  });

  it('the .vsix holds the production bundle and the docs, and no sources or tests', function () {
    this.timeout(60000);
    const listed = execFileSync(process.execPath, [path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], {
      cwd: ROOT, encoding: 'utf8',
    }).split('\n').map((l) => l.trim()).filter(Boolean).sort();
    assert.deepEqual(listed.filter((f) => !/^media\/[\w-]+\.(png|svg)$/.test(f)), [
      'CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli.js', 'dist/extension.js', 'dist/scanWorker.js', 'package.json',
    ]);
  });
});
