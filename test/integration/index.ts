// The mocha entry point that VS Code loads as extensionTestsPath (in code-server here, in desktop VS Code via
// @vscode/test-electron): runs every *.test.js beside this file, recursively, and rejects when a test fails.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

function findTests(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(full));
    else if (entry.isFile() && entry.name.endsWith('.test.js')) found.push(full);
  }
  return found.sort();
}

/** Runs the integration suites inside the extension host; resolves when all pass. */
export function run(): Promise<void> {
  // LEAKLESS_GREP runs only the tests whose titles match (for working on one suite).
  const grep = process.env['LEAKLESS_GREP'];
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 30000, ...(grep ? { grep } : {}) });
  // The untrusted/ suites need a workspace left untrusted; the harness runs them on their own (LEAKLESS_SUITE).
  const untrusted = process.env['LEAKLESS_SUITE'] === 'untrusted';
  for (const file of findTests(__dirname)) {
    if (file.includes(`${path.sep}untrusted${path.sep}`) === untrusted) mocha.addFile(file);
  }
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const passes = runner.stats?.passes ?? 0;
        // A plain closing line that CI and the harness read.
        console.log(`integration: ${passes} passed, ${failures} failed`);
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else if (passes === 0 && !grep) reject(new Error('no integration test ran'));
        else resolve();
      });
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
