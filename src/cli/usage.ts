// The text of `leakless --help`.

/** The help text, ending with a newline. */
export function usageText(version: string): string {
  return `Leakless ${version} — finds hardcoded secrets in files and folders.

Usage: leakless scan [options] [paths…]

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
      --show-secrets          print the secrets themselves (they are masked by default)
      --color, --no-color     force colours on or off (default: on when writing to a terminal)
  -h, --help                  show this help
  -V, --version               show the version

Positions are 1-based lines and columns (columns count UTF-16 code units).

Exit status: 0 nothing found, 1 secrets found, 2 usage error or invalid rules.
`;
}
