// Runs the in-editor tests in a real VS Code (code-server + headless Chromium) on this machine:
//   node test/harness/run.js              the mocha suite out/test/integration/ inside the extension host
//   node test/harness/run.js --ui         the user-level tests test/ui/*.ui.js, through the browser
//   node test/harness/run.js --all        both, on one code-server
// Options: --workspace DIR (fixture folder to copy; default test/fixtures/workspace/ or an empty folder),
//          --verbose (every workbench and browser line). Env: LEAKLESS_TEST_TIMEOUT_MS (default 300000),
//          SHOT_DIR (keep UI screenshots there), LEAKLESS_KEEP_RUN (keep the run folder for a post-mortem).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');
const lib = require('./lib');
const { install } = require('./install');

const { ROOT, HarnessError, log } = lib;
const INTEGRATION_INDEX = path.join(ROOT, 'out', 'test', 'integration', 'index.js');
const UI_DIR = path.join(ROOT, 'test', 'ui');
/** The closing line test/integration/index.ts prints. */
const SUMMARY = /^integration: (\d+) passed, (\d+) failed$/m;
/** Workbench messages that say nothing about our tests (gallery look-ups, startup chatter). Mocha's own lines are
 * indented or blank, and the noise never is, so only messages starting at column 0 are candidates. */
const NOISE = /^(?=\S)(Resolv|Creating a socket|Updating additional|\[Service Worker\]|ChatSessionStore|Overwriting extension|Started local extension host|Loading development extension|.*(open-vsx|marketplace|extensionquery|ENOTFOUND|ERR_NAME_NOT_RESOLVED|getaddrinfo))/i;

function parseArgs(argv) {
  const opts = { integration: true, ui: false, workspace: null, verbose: !!process.env.VERBOSE };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--ui') { opts.ui = true; opts.integration = false; }
    else if (a === '--all') { opts.ui = true; opts.integration = true; }
    else if (a === '--workspace') opts.workspace = path.resolve(argv[++i] ?? '');
    else if (a === '--verbose') opts.verbose = true;
    else if (a === '--help' || a === '-h') { console.log(fs.readFileSync(__filename, 'utf8').split('\n').slice(0, 7).join('\n')); process.exit(0); }
    else throw new HarnessError(`unknown argument ${a} (try --help)`);
  }
  return opts;
}

/** A fresh copy of the fixture workspace under the run folder, so tests may write files. */
function prepareWorkspace(runDir, source, name) {
  const dest = path.join(runDir, name);
  const fixture = source ?? path.join(ROOT, 'test', 'fixtures', 'workspace');
  if (source && !fs.statSync(source, { throwIfNoEntry: false })?.isDirectory()) throw new HarnessError(`--workspace ${source} is not a folder`);
  if (fs.existsSync(fixture)) lib.copyDir(fixture, dest);
  else fs.mkdirSync(dest, { recursive: true });
  return dest;
}

function requireBuilt(file, how) {
  if (!fs.existsSync(file)) throw new HarnessError(`${path.relative(ROOT, file)} is missing: run ${how} first`);
}

/** Runs the mocha suite inside the extension host; resolves to its pass/fail counts. */
async function runIntegration(server, runDir, workspace, verbose) {
  const { page, close } = await lib.openBrowser(runDir);
  let counts = null;
  let reportExit;
  const exited = new Promise((resolve) => { reportExit = resolve; });
  // The workbench hands every extension-host line (mocha's reporter) to codeAutomationLog and calls
  // codeAutomationExit(code) when the tests are done; both must exist before the page loads.
  await page.exposeFunction('codeAutomationExit', (code) => reportExit(code));
  await page.exposeFunction('codeAutomationLog', (_level, args) => {
    // One call is one message; a noisy one (e.g. a failed gallery look-up) goes with its whole stack.
    const text = util.format(...(Array.isArray(args) ? args : [args]));
    const summary = SUMMARY.exec(text);
    if (summary) counts = { passed: Number(summary[1]), failed: Number(summary[2]) };
    if (verbose || !NOISE.test(text)) console.log(text);
  });
  if (verbose) page.on('console', (m) => console.log('[browser]', m.text()));
  page.on('pageerror', (e) => { if (verbose) log('page error:', e.message); });
  const url = lib.workbenchUrl(server, workspace, [
    ['extensionDevelopmentPath', lib.remoteUri(server, ROOT)],
    ['extensionTestsPath', lib.remoteUri(server, INTEGRATION_INDEX)],
  ]);
  log('integration: opening the workbench with the suite', verbose ? url : path.relative(ROOT, INTEGRATION_INDEX));
  await page.goto(url);
  const code = await exited;
  await close();
  log(`integration: the extension host reported exit code ${code}`);
  // A suite that fails to load reports no counts: count it as one failure.
  if (code !== 0 && (!counts || counts.failed === 0)) counts = { passed: counts?.passed ?? 0, failed: 1 };
  return counts ?? { passed: 0, failed: 0 };
}

/** Runs each test/ui/*.ui.js (module exporting run(ctx)) with a fresh browser and workspace copy. */
async function runUi(server, runDir, workspaceSource, verbose) {
  const files = fs.existsSync(UI_DIR) ? fs.readdirSync(UI_DIR).filter((f) => f.endsWith('.ui.js')).sort() : [];
  if (!files.length) throw new HarnessError(`no *.ui.js tests in ${UI_DIR}`);
  const shotDir = process.env.SHOT_DIR ? path.resolve(process.env.SHOT_DIR) : path.join(runDir, 'shots');
  fs.mkdirSync(shotDir, { recursive: true });
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    const name = path.basename(file, '.ui.js');
    const workspace = prepareWorkspace(runDir, workspaceSource, `ui-${name}`);
    const browser = await lib.openBrowser(runDir);
    if (verbose) browser.page.on('console', (m) => console.log('[browser]', m.text()));
    const started = Date.now();
    const ctx = {
      server, workspace, page: browser.page, verbose,
      shot: async (label) => {
        const to = path.join(shotDir, `${name}-${label}.png`);
        await browser.page.screenshot({ path: to }).catch((e) => log('screenshot failed:', e.message));
        return to;
      },
      log: (...a) => log(`ui ${name}:`, ...a),
      // The extension under development is loaded from the project root, as with F5 in VS Code.
      url: (payload = []) => lib.workbenchUrl(server, workspace,
        [['extensionDevelopmentPath', lib.remoteUri(server, ROOT)], ...payload]),
      remoteUri: (abs) => lib.remoteUri(server, abs),
    };
    try {
      await require(path.join(UI_DIR, file)).run(ctx);
      passed++;
      log(`ui ${name}: PASSED in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (e) {
      failed++;
      await ctx.shot('failure');
      log(`ui ${name}: FAILED: ${e && e.message ? e.message : e}`);
    } finally {
      await browser.close();
    }
  }
  if (process.env.SHOT_DIR) log('ui: screenshots in', shotDir);
  console.log(`ui: ${passed} passed, ${failed} failed`);
  return { passed, failed };
}

/**
 * Runs the suites in test/integration/untrusted/ on a second code-server with Workspace Trust on and the folder
 * left untrusted (Restricted Mode, no prompt), to check what Leakless refuses to load there.
 */
async function runUntrusted(verbose) {
  const runDir = lib.makeRunDir('leakless-untrusted-', {
    'security.workspace.trust.enabled': true,
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.emptyWindow': false,
    'security.workspace.trust.banner': 'never',
  });
  const server = await lib.startCodeServer(runDir, { trust: true, env: { LEAKLESS_SUITE: 'untrusted' } });
  log(`untrusted: code-server ready at ${server.base}`);
  const workspace = prepareWorkspace(runDir, path.join(ROOT, 'test', 'fixtures', 'untrusted'), 'untrusted-workspace');
  return runIntegration(server, runDir, workspace, verbose);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  install();
  requireBuilt(path.join(ROOT, 'dist', 'extension.js'), 'node esbuild.js');
  if (opts.integration) requireBuilt(INTEGRATION_INDEX, 'npx tsc -p tsconfig.test.json');
  const started = Date.now();
  const runDir = lib.makeRunDir();
  const server = await lib.startCodeServer(runDir);
  log(`code-server ready at ${server.base} (group ${server.pid}, run folder ${runDir})`);
  const total = { passed: 0, failed: 0 };
  const add = (c) => { total.passed += c.passed; total.failed += c.failed; };
  if (opts.integration) add(await runIntegration(server, runDir, prepareWorkspace(runDir, opts.workspace, 'workspace'), opts.verbose));
  if (opts.ui) add(await runUi(server, runDir, opts.workspace, opts.verbose));
  if (opts.integration) add(await runUntrusted(opts.verbose));
  const code = total.failed === 0 && total.passed > 0 ? 0 : 1;
  if (code !== 0 && opts.verbose) log(`code-server log (last lines):\n${lib.tail(server.logFile, 15)}`);
  if (code !== 0 && !process.env.LEAKLESS_KEEP_RUN) log('set LEAKLESS_KEEP_RUN=1 to keep the run folder (server.log, workspace) for a look');
  log(`${code === 0 ? 'PASSED' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`in-editor: ${total.passed} passed, ${total.failed} failed`);
  return code;
}

lib.runMain(main, { timeoutMs: Number(process.env.LEAKLESS_TEST_TIMEOUT_MS) || 300000 });
