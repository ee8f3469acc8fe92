// Installs and removes the Git pre-commit hook that runs `leakless scan --staged`. An existing hook is never lost: it is
// renamed to pre-commit.local and the Leakless hook runs it first (any language, byte for byte kept); uninstalling
// puts it back. Shared by the CLI (`leakless install-hook`) and the extension's "Install pre-commit hook" command.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runGit } from './gitStaged';

/** The line that marks a hook file as ours. */
export const HOOK_MARKER = '# leakless-pre-commit-hook v1';

/** A hook could not be installed or removed; the message says why and what to do. */
export class HookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HookError';
  }
}

/** How to install the hook. */
export interface InstallHookOptions {
  /** A folder inside the repository. */
  cwd: string;
  /** The CLI to fall back on when no `leakless` is installed in the repository or on PATH (absolute dist/cli.js). */
  cliPath: string;
  /** The Node.js to run cliPath with when `node` is not on the hook's PATH (default: this process's). */
  nodePath?: string;
  /**
   * Replace a foreign hook even when pre-commit.local is taken; the replaced hook is kept as pre-commit.leakless-backup
   * (numbered if that exists too).
   */
  force?: boolean;
}

/** What install/uninstall did. */
export interface HookResult {
  hookPath: string;
  action: 'installed' | 'updated' | 'chained' | 'removed' | 'restored' | 'absent' | 'foreign';
  /** The hook that now runs before Leakless (installed), or was put back (uninstalled). */
  chained?: string;
  /** Where a replaced hook was saved (--force). */
  backup?: string;
}

/** The hooks folder Git uses for the repository holding `cwd` (core.hooksPath honoured). */
export async function hooksDir(cwd: string): Promise<string> {
  let r = await runGit(['rev-parse', '--path-format=absolute', '--git-path', 'hooks'], cwd);
  if (r.code !== 0) r = await runGit(['rev-parse', '--git-path', 'hooks'], cwd); // Git before 2.31
  const out = r.stdout.toString('utf8').trim();
  if (r.code !== 0 || out === '') throw new HookError(`not inside a Git repository: ${cwd}`);
  return path.resolve(cwd, out);
}

/** Quotes a string for a POSIX shell script. */
function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function forwardSlashes(p: string): string {
  return p.split(path.sep).join('/');
}

/** The hook script: runs pre-commit.local first (when executable), then the first Leakless CLI it finds. */
export function hookScript(cliPath: string, nodePath: string): string {
  return `#!/bin/sh
${HOOK_MARKER}
# Installed by \`leakless install-hook\`: blocks commits that add hardcoded secrets.
# Remove with \`leakless uninstall-hook\` (a previous hook, kept as pre-commit.local, is put back).
# Skip once with \`git commit --no-verify\`.

hook_dir=$(dirname "$0")
if [ -x "$hook_dir/pre-commit.local" ]; then
  "$hook_dir/pre-commit.local" "$@" || exit $?
fi

# The Leakless CLI: the repository's own (what \`npx --no-install leakless\` runs), then one on PATH, then the one that
# installed this hook.
root=$(git rev-parse --show-toplevel 2>/dev/null) || root=.
fallback_cli=${shellQuote(forwardSlashes(cliPath))}
fallback_node=${shellQuote(forwardSlashes(nodePath))}

run_leakless() {
  "$@" scan --staged
  status=$?
  if [ "$status" -eq 1 ]; then
    echo "leakless: commit blocked: the staged changes add the secrets above." >&2
    echo "leakless: move them out of the code (and rotate them), mark a false positive with a leakless:allow comment," >&2
    echo "leakless: or commit with --no-verify to skip this check once." >&2
  fi
  exit "$status"
}

if [ -x "$root/node_modules/.bin/leakless" ]; then
  run_leakless "$root/node_modules/.bin/leakless"
elif command -v leakless >/dev/null 2>&1; then
  run_leakless leakless
elif [ -f "$fallback_cli" ]; then
  if command -v node >/dev/null 2>&1; then
    run_leakless node "$fallback_cli"
  fi
  run_leakless "$fallback_node" "$fallback_cli"
fi
echo "leakless: the Leakless CLI was not found, so staged files were not checked for secrets." >&2
echo "leakless: install it (npm install --save-dev leakless), or commit with --no-verify to skip this check." >&2
exit 2
`;
}

function isOurs(file: string): boolean {
  try {
    return fs.readFileSync(file, 'utf8').includes(HOOK_MARKER);
  } catch {
    return false;
  }
}

function exists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

function freeName(base: string): string {
  if (!exists(base)) return base;
  for (let n = 1; ; n++) if (!exists(`${base}.${n}`)) return `${base}.${n}`;
}

/** Writes a file atomically (temporary file, then rename) with the executable bit set. */
function writeExecutable(file: string, text: string): void {
  const tmp = `${file}.leakless-tmp-${process.pid}`;
  fs.writeFileSync(tmp, text, { mode: 0o755 });
  fs.chmodSync(tmp, 0o755);
  fs.renameSync(tmp, file);
}

/**
 * Installs the pre-commit hook. Idempotent: run again, it rewrites its own hook (e.g. with a new CLI path) and leaves
 * pre-commit.local alone. A foreign hook is renamed to pre-commit.local and chained; if that name is taken, it fails
 * unless `force` (then the foreign hook is saved as pre-commit.leakless-backup).
 */
export async function installHook(options: InstallHookOptions): Promise<HookResult> {
  const dir = await hooksDir(options.cwd);
  fs.mkdirSync(dir, { recursive: true });
  const hookPath = path.join(dir, 'pre-commit');
  const local = path.join(dir, 'pre-commit.local');
  const script = hookScript(path.resolve(options.cliPath), options.nodePath ?? process.execPath);
  const result: HookResult = { hookPath, action: 'installed' };

  if (exists(hookPath) && isOurs(hookPath)) {
    writeExecutable(hookPath, script);
    return { hookPath, action: 'updated', ...(exists(local) ? { chained: local } : {}) };
  }
  if (exists(hookPath)) {
    if (!exists(local)) {
      fs.renameSync(hookPath, local);
      result.action = 'chained';
      result.chained = local;
    } else if (options.force) {
      const backup = freeName(path.join(dir, 'pre-commit.leakless-backup'));
      fs.renameSync(hookPath, backup);
      result.backup = backup;
      result.chained = local;
    } else {
      throw new HookError(
        `${hookPath} already exists and so does pre-commit.local, so the existing hook cannot be chained; ` +
          'merge them by hand, or pass --force to set the existing pre-commit aside as pre-commit.leakless-backup',
      );
    }
  } else if (exists(local)) result.chained = local;
  writeExecutable(hookPath, script);
  return result;
}

/** Removes the Leakless hook and puts a chained pre-commit.local back in its place. Leaves a foreign hook alone. */
export async function uninstallHook(cwd: string): Promise<HookResult> {
  const dir = await hooksDir(cwd);
  const hookPath = path.join(dir, 'pre-commit');
  const local = path.join(dir, 'pre-commit.local');
  if (!exists(hookPath)) return { hookPath, action: 'absent' };
  if (!isOurs(hookPath)) return { hookPath, action: 'foreign' };
  fs.rmSync(hookPath);
  if (exists(local)) {
    fs.renameSync(local, hookPath);
    return { hookPath, action: 'restored', chained: hookPath };
  }
  return { hookPath, action: 'removed' };
}
