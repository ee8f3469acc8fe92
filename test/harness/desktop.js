// Runs the same integration suite (out/test/integration/) in desktop VS Code through @vscode/test-electron,
// for a machine with a display and internet access (it downloads VS Code into .vscode-test/ on first use).
// Usage: node test/harness/desktop.js [--workspace DIR]
// Env: LEAKLESS_VSCODE_VERSION (default "stable"; e.g. 1.100.3 to match code-server), LEAKLESS_KEEP_RUN.
// On Linux without a display, run it under xvfb-run -a.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ROOT, USER_SETTINGS, HarnessError, log } = require('./lib');

const INTEGRATION_INDEX = path.join(ROOT, 'out', 'test', 'integration', 'index.js');

function parseArgs(argv) {
  const opts = { workspace: path.join(ROOT, 'test', 'fixtures', 'workspace') };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--workspace') opts.workspace = path.resolve(argv[++i] ?? '');
    else throw new HarnessError(`unknown argument ${argv[i]}`);
  }
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  for (const [file, how] of [[path.join(ROOT, 'dist', 'extension.js'), 'node esbuild.js'], [INTEGRATION_INDEX, 'npx tsc -p tsconfig.test.json']]) {
    if (!fs.existsSync(file)) throw new HarnessError(`${path.relative(ROOT, file)} is missing: run ${how} first`);
  }
  const { downloadAndUnzipVSCode, runTests } = require('@vscode/test-electron');
  const version = process.env.LEAKLESS_VSCODE_VERSION || 'stable';

  let vscodeExecutablePath;
  try {
    log(`getting VS Code ${version} (cached in .vscode-test/ after the first download)`);
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version, cachePath: path.join(ROOT, '.vscode-test') });
  } catch (e) {
    throw new HarnessError(`could not download VS Code ${version}: ${e && e.message ? e.message : e}\n`
      + '  desktop.js needs internet access to fetch VS Code once. Without it, run the same suite in code-server:\n'
      + '  node test/harness/run.js');
  }

  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leakless-desktop-'));
  try {
    const workspace = path.join(runDir, 'workspace');
    if (fs.existsSync(opts.workspace)) fs.cpSync(opts.workspace, workspace, { recursive: true });
    else fs.mkdirSync(workspace);
    const userData = path.join(runDir, 'user-data');
    fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
    fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));

    log('running the integration suite in', vscodeExecutablePath);
    const code = await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: INTEGRATION_INDEX,
      launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${userData}`,
        `--extensions-dir=${path.join(runDir, 'extensions')}`],
    });
    return code;
  } catch (e) {
    // runTests rejects with TestRunFailedError when VS Code exits non-zero (a failing test, or no display).
    const hint = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY
      ? ' (no DISPLAY: on a headless Linux run it as xvfb-run -a node test/harness/desktop.js)' : '';
    log(`FAILED: ${e && e.message ? e.message : e}${hint}`);
    return 1;
  } finally {
    if (!process.env.LEAKLESS_KEEP_RUN) fs.rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
  }
}

main().then((code) => process.exit(code), (e) => {
  console.error(e instanceof HarnessError ? `[desktop] ERROR: ${e.message}` : e);
  process.exit(1);
});
