// Shared pieces of the in-editor test harness: paths, the pinned versions, a throw-away run folder, a code-server
// in its own process group, a Chromium page on the workbench, and cleanup that runs however the process ends.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const http = require('node:http');
const { spawn } = require('node:child_process');
const { createRequire } = require('node:module');

/** The project root (the folder holding package.json), resolved from this file. */
const ROOT = path.resolve(__dirname, '..', '..');
/** Where install.js puts code-server and playwright-core (git-ignored). */
const HOST_DIR = path.join(ROOT, '.vscode-test', 'host');
/** The pinned versions: code-server 4.100.3 is VS Code 1.100.3, the newest that runs on Node 20. */
const VERSIONS = { codeServer: '4.100.3', playwrightCore: '1.65.1' };
/** The Chromium that playwright-core drives (Debian's package; override with LEAKLESS_CHROMIUM). */
const CHROMIUM = process.env.LEAKLESS_CHROMIUM || '/usr/bin/chromium';
/** Flags that keep a headless Chromium quiet and offline on a server without a GPU or a sandbox. */
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];
/** Quiet, deterministic workbench settings for every run. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'files.autoSave': 'off',
  'editor.acceptSuggestionOnEnter': 'off',
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.wordBasedSuggestions': 'off',
  'typescript.tsserver.experimental.enableProjectDiagnostics': false,
  'chat.disableAIFeatures': true,
};

const t0 = Date.now();
/** Prints a harness line with the seconds since start, so slow steps show. */
function log(...args) {
  console.log(`[harness ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...args);
}

/** A failure the user can act on: printed as its message alone, without a stack. */
class HarnessError extends Error {}

/** Resolves a package installed by install.js into HOST_DIR. */
function requireFromHost(name) {
  return createRequire(path.join(HOST_DIR, 'package.json'))(name);
}

/** The code-server entry script (run it with this Node, no shell wrapper). */
function codeServerEntry() {
  return path.join(HOST_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** Asks the OS for a free loopback port. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Things to undo when the process ends, in reverse order; sync fallbacks also run on a hard exit. */
const cleanups = [];
let cleaning;

/** Registers an async undo step and a sync fallback for process 'exit'. Returns a function that removes it. */
function onCleanup(asyncFn, syncFn) {
  const entry = { asyncFn, syncFn };
  cleanups.push(entry);
  return () => {
    const i = cleanups.indexOf(entry);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

/** Runs every registered undo step once (newest first), tolerating failures. */
function cleanupAll() {
  if (!cleaning) {
    cleaning = (async () => {
      while (cleanups.length) {
        const { asyncFn } = cleanups.pop();
        try { await asyncFn(); } catch (e) { console.error('[harness] cleanup step failed:', e.message); }
      }
    })();
  }
  return cleaning;
}

let handlersInstalled = false;
let stopping = false;
/** On Ctrl+C, SIGTERM, SIGHUP: clean up, then exit; on any exit: the sync fallbacks (kill -9 the group, rm). */
function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => {
    for (const { syncFn } of cleanups.reverse()) {
      try { syncFn?.(); } catch { /* best effort on a hard exit */ }
    }
  });
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.on(signal, () => {
      stopping = true;
      console.error(`\n[harness] ${signal}: cleaning up`);
      setTimeout(() => process.exit(code), 10000).unref();
      cleanupAll().finally(() => process.exit(code));
    });
  }
}

/**
 * Runs main(), then cleans up and exits with its return value (a number) or 1 on an exception.
 * The overall timeout (ms) fails the run and cleans up too.
 */
function runMain(main, { timeoutMs } = {}) {
  installExitHandlers();
  let timer;
  const timeout = timeoutMs
    ? new Promise((_, reject) => {
      timer = setTimeout(() => reject(new HarnessError(`overall timeout of ${timeoutMs} ms reached`)), timeoutMs);
    })
    : new Promise(() => {});
  Promise.race([main(), timeout])
    .then((code) => (typeof code === 'number' ? code : 0), (e) => {
      if (stopping) return 1; // a signal is being handled: its cleanup makes things fail on purpose
      console.error(e instanceof HarnessError ? `[harness] ERROR: ${e.message}` : e);
      return 1;
    })
    .then(async (code) => {
      clearTimeout(timer);
      await cleanupAll();
      process.exit(code);
    });
}

/** Copies a folder recursively (Node 20 has fs.cpSync). */
function copyDir(from, to) {
  fs.cpSync(from, to, { recursive: true });
}

/**
 * Creates a throw-away run folder with HOME, XDG folders, a user-data-dir with our settings and an empty
 * extensions-dir; it is removed at cleanup unless LEAKLESS_KEEP_RUN is set.
 */
function makeRunDir(prefix = 'leakless-run-', settings = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const sub of ['home/.config', 'home/.local/share', 'home/.cache', 'home/tmp', 'user-data/User', 'extensions']) {
    fs.mkdirSync(path.join(dir, sub), { recursive: true });
  }
  fs.writeFileSync(path.join(dir, 'user-data', 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2));
  const remove = () => {
    if (process.env.LEAKLESS_KEEP_RUN) return;
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
  onCleanup(async () => remove(), remove);
  return dir;
}

/** The environment for code-server and everything it starts: HOME and XDG inside the run folder. */
function isolatedEnv(runDir) {
  const home = path.join(runDir, 'home');
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    if (k.startsWith('VSCODE_') || k.startsWith('ELECTRON_') || k === 'NODE_OPTIONS') delete env[k];
  }
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    TMPDIR: path.join(home, 'tmp'),
  };
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

function httpOk(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => { res.resume(); resolve(res.statusCode === 200); });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => { req.destroy(); resolve(false); });
  });
}

function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').filter((l) => /\S/.test(l.replace(/^\[[\d:]+\]/, ''))).slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Sends a signal to a whole process group, ignoring "no such process". */
function killGroup(pid, signal) {
  try { process.kill(-pid, signal); return true; } catch { return false; }
}

/**
 * Starts code-server on a free loopback port in its own process group (detached), with its output in
 * RUN/server.log, and waits for /healthz. Cleanup kills the whole group (extension hosts, tsserver, watchers).
 */
async function startCodeServer(runDir, { port, trust = false, env = {} } = {}) {
  const entry = codeServerEntry();
  if (!fs.existsSync(entry)) throw new HarnessError(`code-server is not installed in ${HOST_DIR}: run node test/harness/install.js`);
  port = port || await freePort();
  const logFile = path.join(runDir, 'server.log');
  const out = fs.openSync(logFile, 'a');
  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', ...(trust ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override',
    '--disable-proxy',
    '--user-data-dir', path.join(runDir, 'user-data'),
    '--extensions-dir', path.join(runDir, 'extensions'),
  ];
  const child = spawn(process.execPath, args, {
    cwd: runDir, env: { ...isolatedEnv(runDir), ...env }, detached: true, stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  const pid = child.pid;
  let exited = null;
  const whenExited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(exited = { code, signal })));
  onCleanup(async () => {
    if (!killGroup(pid, 'SIGTERM')) return;
    for (let i = 0; i < 20 && killGroup(pid, 0); i++) await sleep(100);
    killGroup(pid, 'SIGKILL');
  }, () => killGroup(pid, 'SIGKILL'));

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60000;
  while (!(await httpOk(`${base}/healthz`))) {
    if (exited) throw new HarnessError(`code-server exited (${exited.code ?? exited.signal}) before it was ready:\n${tail(logFile)}`);
    if (Date.now() > deadline) throw new HarnessError(`code-server did not answer ${base}/healthz within 60 s:\n${tail(logFile)}`);
    await sleep(250);
  }
  return { base, port, pid, logFile, authority: `127.0.0.1:${port}`, whenExited };
}

/** The workbench URL that opens FOLDER with a payload (pairs of [name, value]; paths given as vscode-remote URIs). */
function workbenchUrl(server, folder, payload = []) {
  let url = `${server.base}/?folder=${encodeURIComponent(folder)}`;
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/** A vscode-remote URI for an absolute path on this machine, as the web workbench expects in a payload. */
function remoteUri(server, absPath) {
  return `vscode-remote://${server.authority}${absPath.split(path.sep).map(encodeURIComponent).join('/')}`;
}

/**
 * Launches Debian's Chromium headless via playwright-core with a profile in the run folder and returns a page.
 * Closed at cleanup (and killed by playwright itself on a hard exit).
 */
async function openBrowser(runDir, { viewport = { width: 1400, height: 900 } } = {}) {
  if (!fs.existsSync(CHROMIUM)) throw new HarnessError(`no Chromium at ${CHROMIUM}: run node test/harness/install.js as root (or set LEAKLESS_CHROMIUM)`);
  const { chromium } = requireFromHost('playwright-core');
  const profile = fs.mkdtempSync(path.join(runDir, 'chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport,
    env: isolatedEnv(runDir), handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await Promise.race([context.close().catch(() => {}), sleep(5000)]);
  };
  const remove = onCleanup(close);
  const page = context.pages()[0] || await context.newPage();
  return { context, page, close: async () => { remove(); await close(); } };
}

module.exports = {
  ROOT, HOST_DIR, VERSIONS, CHROMIUM, CHROMIUM_ARGS, USER_SETTINGS, HarnessError,
  log, requireFromHost, codeServerEntry, freePort, onCleanup, cleanupAll, runMain, copyDir, makeRunDir,
  isolatedEnv, sleep, tail, startCodeServer, workbenchUrl, remoteUri, openBrowser,
};
