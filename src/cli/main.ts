// The `leakless` command: wires the process to runCli with the built-in rules embedded at build time.
import builtinRules from 'leakless:builtin-rules';
import { streamSink } from './output';
import { runCli } from './run';

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
