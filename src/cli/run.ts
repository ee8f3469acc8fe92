// Dispatches a command line to its command and turns every failure into a one-line message and exit status 2.
import { RuleErrors } from '../core';
import { parseArgs, UsageError } from './args';
import { hookCommand } from './hookCommand';
import { VERSION } from './meta';
import { scanCommand, type CliContext } from './scanCommand';
import { usageText } from './usage';

/** Runs the CLI with the given arguments; resolves to the exit status. Never throws. */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  try {
    const invocation = parseArgs(argv);
    switch (invocation.command) {
      case 'help':
        await ctx.stdout.write(usageText(VERSION));
        return 0;
      case 'version':
        await ctx.stdout.write(`${VERSION}\n`);
        return 0;
      case 'scan':
        return await scanCommand(invocation, ctx);
      case 'install-hook':
      case 'uninstall-hook':
        return await hookCommand(invocation, ctx);
    }
  } catch (e) {
    await ctx.stderr.write(errorMessage(e));
    return 2;
  }
}

/** The message for a failure: usage errors point at --help, rule errors name file, line and field. */
export function errorMessage(e: unknown): string {
  if (e instanceof UsageError) return `leakless: ${e.message} (see leakless --help)\n`;
  if (e instanceof RuleErrors) return e.errors.map((r) => `leakless: invalid rule: ${r.message}\n`).join('');
  const message = e instanceof Error ? e.message : String(e);
  return `leakless: ${message.split('\n')[0]}\n`;
}
