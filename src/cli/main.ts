// The `leakless` command: wires the process to runCli with the built-in rules embedded at build time.
import bundledRules from 'leakless:builtin-rules';
import { secretFileRules } from '../core';
import { streamSink } from './output';
import { runCli } from './run';

/** The rules from rules/*.yaml plus the file kinds that are secrets by name (key stores). */
const builtinRules = [...bundledRules, ...secretFileRules()];

void runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: streamSink(process.stdout),
  stderr: streamSink(process.stderr),
  builtinRules,
  cliPath: __filename,
}).then((code) => {
  process.exitCode = code;
});
