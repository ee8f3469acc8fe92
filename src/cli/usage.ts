// The text of `leakless --help`.

/** The help text, ending with a newline. */
export function usageText(version: string): string {
  return `Leakless ${version} — finds hardcoded secrets in files and folders.

Usage: leakless scan [options] [paths…]
       leakless scan --staged [options] [paths…]
       leakless install-hook [--force]
       leakless uninstall-hook

Scans the given files and folders (default: the current folder). Folders are walked with
.gitignore files honoured (nested ones too); .git/ is always skipped. node_modules/ and other
folders are skipped only when a .gitignore or --exclude says so. Binary files and files over
--max-file-size are skipped, and the summary says how many.

Options:
  -f, --format <format>       text (default), json or sarif
  -o, --output <file>         write the report to a file instead of standard output
      --min-confidence <lvl>  report only findings this sure or surer: high, medium or low (default)
      --disable-rule <id>     skip a rule; repeatable, or several ids separated by commas
      --exclude <pattern>     skip matching paths (.gitignore syntax); repeatable
      --no-gitignore          also scan files that .gitignore files exclude
      --follow-symlinks       follow symbolic links inside folders (loops are detected)
      --max-file-size <size>  skip larger files: 500k, 2mb or a number of bytes (default 1mb)
      --rules <path>          add rules from a YAML file or a folder of them; repeatable
      --no-project-rules      do not load .leakless/rules.yaml and .leakless/rules/*.yaml
      --no-ignore-file        report the secrets listed in .leakless/ignore.json too (by default the
                              ones the editor's "Ignore in workspace" recorded there are left out)
      --git-history[=N]       scan the lines added by the last N commits (default 50) instead of the
                              files, and name the commit of each finding
      --staged                scan what is staged in Git (the next commit), reporting only the
                              lines it adds or changes; paths narrow it to staged files under them
      --baseline <file>       report only findings that are not in this baseline file
      --write-baseline <file> write every finding of this scan to a baseline file (no secrets,
                              no line numbers) and exit 0
      --show-secrets          print the secrets themselves (they are masked by default)
      --color, --no-color     force colours on or off (default: on when writing to a terminal)
  -h, --help                  show this help
  -V, --version               show the version

Project rules: .leakless/rules.yaml and .leakless/rules/*.yaml at the root of the Git work tree
(or of the scanned folder) are added to the built-in rules, like --rules. Their regexes must pass
a safety check (no catastrophic backtracking).

install-hook installs a Git pre-commit hook that runs \`leakless scan --staged\` (core.hooksPath is
honoured). An existing hook is kept as pre-commit.local and runs first; --force sets it aside when
pre-commit.local is taken. uninstall-hook removes the hook and puts pre-commit.local back.

Positions are 1-based lines and columns (columns count UTF-16 code units).

Exit status: 0 nothing found, 1 secrets found, 2 usage error, invalid rules or baseline, or Git error.
`;
}
