// `leakless install-hook` and `leakless uninstall-hook`: the Git pre-commit hook that runs `leakless scan --staged`.
import * as path from 'node:path';
import { installHook, uninstallHook, type HookResult } from '../node/hooks';
import type { HookArgs } from './args';
import type { CliContext } from './scanCommand';

function shown(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel.startsWith('..') || path.isAbsolute(rel) ? file : rel).split(path.sep).join('/');
}

/** What happened, in a sentence or two. */
export function describeHookResult(r: HookResult, cwd: string): string {
  const hook = shown(r.hookPath, cwd);
  const local = r.chained ? shown(r.chained, cwd) : '';
  switch (r.action) {
    case 'installed':
    case 'chained':
    case 'updated': {
      const lines = [
        r.action === 'updated'
          ? `Updated the Leakless pre-commit hook at ${hook}.`
          : `Installed the Leakless pre-commit hook at ${hook}: commits that add secrets are blocked.`,
      ];
      if (r.action === 'chained') lines.push(`The existing hook was moved to ${local} and still runs first.`);
      else if (r.chained) lines.push(`${local} still runs first.`);
      if (r.backup) lines.push(`The previous pre-commit hook was set aside as ${shown(r.backup, cwd)} (not run).`);
      return lines.join('\n');
    }
    case 'removed':
      return `Removed the Leakless pre-commit hook from ${hook}.`;
    case 'restored':
      return `Removed the Leakless pre-commit hook; the previous hook is back at ${hook}.`;
    case 'absent':
      return `No pre-commit hook at ${hook}; nothing to remove.`;
    case 'foreign':
      return `${hook} is not a Leakless hook; left it alone.`;
  }
}

/** Runs install-hook or uninstall-hook; returns the exit status. */
export async function hookCommand(args: HookArgs, ctx: CliContext): Promise<number> {
  if (args.command === 'install-hook') {
    const cliPath = ctx.cliPath ?? path.resolve(process.argv[1] ?? 'leakless');
    const result = await installHook({ cwd: ctx.cwd, cliPath, force: args.force });
    await ctx.stdout.write(`${describeHookResult(result, ctx.cwd)}\n`);
    return 0;
  }
  const result = await uninstallHook(ctx.cwd);
  await ctx.stdout.write(`${describeHookResult(result, ctx.cwd)}\n`);
  return 0;
}
