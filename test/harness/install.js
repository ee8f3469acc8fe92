// Installs what the in-editor tests need, idempotently: Debian packages (as root, only when missing), then
// code-server (the real VS Code workbench and extension host) and playwright-core into .vscode-test/host/.
// Usage: node test/harness/install.js [--force]
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync, execFileSync } = require('node:child_process');
const { HOST_DIR, VERSIONS, CHROMIUM, HarnessError, log } = require('./lib');

/** Debian packages: the browser, rg (seeds @vscode/ripgrep offline), kerberos headers (native build), fonts, git. */
const APT_PACKAGES = ['chromium', 'ripgrep', 'libkrb5-dev', 'fonts-liberation', 'git'];
/** @vscode/ripgrep versions whose postinstall download we pre-seed, and the ripgrep release they fetch. */
const RIPGREP_PKG_VERSIONS = ['1.15.9', '1.15.10', '1.15.11', '1.15.12', '1.15.13', '1.15.14'];
const RIPGREP_RELEASE = 'v13.0.0-10';
const STAMP = path.join(HOST_DIR, 'installed.json');

function run(cmd, args, opts = {}) {
  log('$', cmd, args.join(' '));
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error) throw new HarnessError(`${cmd} could not start: ${r.error.message}`);
  if (r.status !== 0) throw new HarnessError(`${cmd} ${args.join(' ')} failed with exit code ${r.status ?? r.signal}`);
}

function missingAptPackages() {
  return APT_PACKAGES.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

function ensureAptPackages() {
  if (process.platform !== 'linux' || spawnSync('dpkg-query', ['--version']).status !== 0) {
    log('not a Debian-like system: skipping apt; make sure chromium and rg are installed');
    return;
  }
  const missing = missingAptPackages();
  if (!missing.length) {
    log('Debian packages present:', APT_PACKAGES.join(' '));
    return;
  }
  if (process.getuid?.() !== 0) {
    throw new HarnessError(`missing Debian packages: ${missing.join(' ')}\n`
      + `  install them as root: apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`);
  }
  log('installing Debian packages:', missing.join(' '));
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'update'], { env });
  run('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '--no-install-recommends', ...missing], { env });
}

function which(bin) {
  const r = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/**
 * @vscode/ripgrep's postinstall downloads rg from the internet and fails the whole npm install offline.
 * It first looks in $TMPDIR/vscode-ripgrep-cache-<version>/: put a tarball of Debian's rg there.
 */
function seedRipgrepCache(tmpDir) {
  const rg = which('rg');
  if (!rg) throw new HarnessError('rg (Debian package ripgrep) is needed to install code-server offline');
  const target = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' }[os.arch()];
  if (!target) throw new HarnessError(`unsupported architecture for the ripgrep seed: ${os.arch()}`);
  const stage = path.join(tmpDir, 'rg-stage');
  fs.mkdirSync(stage, { recursive: true });
  fs.copyFileSync(rg, path.join(stage, 'rg'));
  fs.chmodSync(path.join(stage, 'rg'), 0o755);
  for (const v of RIPGREP_PKG_VERSIONS) {
    const cache = path.join(tmpDir, `vscode-ripgrep-cache-${v}`);
    fs.mkdirSync(cache, { recursive: true });
    const tarball = path.join(cache, `ripgrep-${RIPGREP_RELEASE}-${target}.tar.gz`);
    if (!fs.existsSync(tarball)) execFileSync('tar', ['czf', tarball, '-C', stage, 'rg']);
  }
  log('seeded the @vscode/ripgrep download cache with', rg);
}

function installedVersion(pkg) {
  try {
    return JSON.parse(fs.readFileSync(path.join(HOST_DIR, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

function hostIsInstalled() {
  try {
    const stamp = JSON.parse(fs.readFileSync(STAMP, 'utf8'));
    return stamp.codeServer === VERSIONS.codeServer && stamp.playwrightCore === VERSIONS.playwrightCore
      && installedVersion('code-server') === VERSIONS.codeServer
      && installedVersion('playwright-core') === VERSIONS.playwrightCore;
  } catch {
    return false;
  }
}

function ensureHost(force) {
  if (!force && hostIsInstalled()) {
    log(`code-server ${VERSIONS.codeServer} and playwright-core ${VERSIONS.playwrightCore} present in ${HOST_DIR}`);
    return;
  }
  log(`installing code-server ${VERSIONS.codeServer} and playwright-core ${VERSIONS.playwrightCore} into ${HOST_DIR}`);
  fs.mkdirSync(HOST_DIR, { recursive: true });
  fs.rmSync(STAMP, { force: true });
  const tmpDir = path.join(HOST_DIR, 'tmp');
  fs.mkdirSync(tmpDir, { recursive: true });
  seedRipgrepCache(tmpDir);
  // npm 11 asks for install scripts to be approved; code-server's postinstall builds VS Code's native modules.
  const manifest = {
    name: 'leakless-vscode-host', private: true, description: 'Test host; see test/harness/install.js',
    allowScripts: { 'code-server': true, argon2: true },
  };
  fs.writeFileSync(path.join(HOST_DIR, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const env = {
    ...process.env,
    TMPDIR: tmpDir,
    npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp`, which would wait for a prompt
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
  const args = ['install', '--save-exact', '--loglevel', 'warn',
    `code-server@${VERSIONS.codeServer}`, `playwright-core@${VERSIONS.playwrightCore}`];
  if (process.getuid?.() === 0) args.push('--unsafe-perm'); // code-server's postinstall refuses root otherwise
  run(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd: HOST_DIR, env });

  const xdg = path.join(tmpDir, 'xdg');
  const r = spawnSync(process.execPath,
    [path.join(HOST_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js'), '--version'],
    { encoding: 'utf8', env: { ...env, XDG_CONFIG_HOME: xdg, XDG_DATA_HOME: xdg, HOME: xdg } });
  if (r.status !== 0) throw new HarnessError(`code-server --version failed:\n${r.stdout}${r.stderr}`);
  log('code-server --version:', r.stdout.trim().split('\n').pop());
  fs.rmSync(tmpDir, { recursive: true, force: true });
  fs.writeFileSync(STAMP, `${JSON.stringify({ ...VERSIONS, at: new Date().toISOString() }, null, 2)}\n`);
}

/** Installs everything; exported so run.js and demo.js can install on first use. */
function install({ force = false } = {}) {
  const started = Date.now();
  ensureAptPackages();
  if (!fs.existsSync(CHROMIUM)) {
    throw new HarnessError(`no Chromium at ${CHROMIUM} (install Debian's chromium, or set LEAKLESS_CHROMIUM)`);
  }
  ensureHost(force);
  log(`install done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

module.exports = { install, hostIsInstalled };

if (require.main === module) {
  try {
    install({ force: process.argv.includes('--force') });
  } catch (e) {
    console.error(e instanceof HarnessError ? `[install] ERROR: ${e.message}` : e);
    process.exit(1);
  }
}
