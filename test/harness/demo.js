// Starts VS Code (code-server, 127.0.0.1 only) with Leakless loaded on a sample project full of fake leaked secrets,
// prints the URL to open, and runs until Ctrl+C, then stops everything and removes the throw-away folder.
// The sample files come from test/fixtures/demo-template/, whose [[...]] templates are expanded at run time with
// expandFakes (src/core/fakes.ts), so no credential-shaped literal is committed.
// Usage: node test/harness/demo.js [--port N]   (from another machine: ssh -L N:127.0.0.1:N this-host)
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const lib = require('./lib');
const { install } = require('./install');

const { ROOT, HarnessError, log } = lib;
const TEMPLATES = path.join(ROOT, 'test', 'fixtures', 'demo-template');
const FAKES = path.join(ROOT, 'out', 'src', 'core', 'fakes.js');

function parseArgs(argv) {
  const opts = { port: 0 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--port') opts.port = Number(argv[++i]);
    else throw new HarnessError(`unknown argument ${argv[i]} (usage: demo.js [--port N])`);
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new HarnessError('--port wants a port number');
  return opts;
}

/** Writes the demo project: every template file with its fakes expanded (seeded by file name and run). */
function writeDemoProject(dest) {
  if (!fs.existsSync(FAKES)) throw new HarnessError(`${path.relative(ROOT, FAKES)} is missing: run npx tsc -p tsconfig.test.json first`);
  const { expandFakes } = require(FAKES);
  const run = String(Date.now());
  fs.mkdirSync(dest, { recursive: true });
  const names = fs.readdirSync(TEMPLATES).sort();
  for (const name of names) {
    const text = fs.readFileSync(path.join(TEMPLATES, name), 'utf8');
    fs.writeFileSync(path.join(dest, name), expandFakes(text, `${name}:${run}`));
  }
  return names;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  install();
  if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) throw new HarnessError('dist/extension.js is missing: run node esbuild.js first');
  const runDir = lib.makeRunDir('leakless-demo-');
  const project = path.join(runDir, 'leaky-app');
  const files = writeDemoProject(project);
  log(`demo project with fake secrets: ${project} (${files.join(', ')})`);
  const server = await lib.startCodeServer(runDir, { port: opts.port });
  const url = lib.workbenchUrl(server, project, [
    ['extensionDevelopmentPath', lib.remoteUri(server, ROOT)],
    ['openFile', lib.remoteUri(server, path.join(project, 'config.js'))],
  ]);
  console.log(`\nLeakless demo is running. Open this in a browser on this machine:\n\n  ${url}\n`);
  console.log(`(reload the page after rebuilding with node esbuild.js; Ctrl+C stops the demo)\n`);
  // Run until a signal (handled by lib: kills the process group, removes the folder) or until the server dies.
  await server.whenExited;
  throw new HarnessError(`code-server stopped:\n${lib.tail(server.logFile)}`);
}

lib.runMain(main);
