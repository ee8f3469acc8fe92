// Parses the command line into a typed invocation; every mistake becomes a UsageError with a one-line message.
import { CONFIDENCES, type Confidence } from '../core';
import { DEFAULT_MAX_FILE_SIZE } from '../node/fileScan';

/** Report formats. */
export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

/** A mistake on the command line: exit status 2, message shown as `leakless: <message> (see leakless --help)`. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Everything `leakless scan` needs to know. */
export interface ScanArgs {
  command: 'scan';
  paths: string[];
  format: Format;
  output?: string;
  minConfidence: Confidence;
  disabledRules: string[];
  exclude: string[];
  rules: string[];
  maxFileSize: number;
  showSecrets: boolean;
  gitignore: boolean;
  followSymlinks: boolean;
  /** true / false when forced by --color / --no-color; undefined means "only on a terminal". */
  color?: boolean;
  /** Scan the staged (index) content of a Git repository, reporting only added or changed lines. */
  staged: boolean;
  /** Report only findings not in this baseline file. */
  baseline?: string;
  /** Write every finding of this scan to this baseline file. */
  writeBaseline?: string;
  /** With --git-history[=N]: scan the lines added by the last N commits instead of the files. */
  gitHistory?: number;
  /** Load .leakless/rules.yaml and .leakless/rules/*.yaml from the project root (default true). */
  projectRules: boolean;
  /** Apply the project's .leakless/ignore.json (fingerprints the team chose to keep). */
  ignoreFile: boolean;
}

/** `leakless install-hook` / `leakless uninstall-hook`. */
export interface HookArgs {
  command: 'install-hook' | 'uninstall-hook';
  force: boolean;
}

/** What the user asked for. */
export type Invocation = { command: 'help' } | { command: 'version' } | ScanArgs | HookArgs;

interface OptionSpec {
  name: string;
  short?: string;
  value: boolean;
  /** The value may only be given inline (--name=value); alone, the option means its default. */
  optionalValue?: boolean;
}

const OPTIONS: readonly OptionSpec[] = [
  { name: 'format', short: 'f', value: true },
  { name: 'output', short: 'o', value: true },
  { name: 'min-confidence', value: true },
  { name: 'disable-rule', value: true },
  { name: 'exclude', value: true },
  { name: 'rules', value: true },
  { name: 'max-file-size', value: true },
  { name: 'show-secrets', value: false },
  { name: 'no-gitignore', value: false },
  { name: 'follow-symlinks', value: false },
  { name: 'color', value: false },
  { name: 'no-color', value: false },
  { name: 'staged', value: false },
  { name: 'git-history', value: false, optionalValue: true },
  { name: 'baseline', value: true },
  { name: 'write-baseline', value: true },
  { name: 'no-project-rules', value: false },
  { name: 'no-ignore-file', value: false },
  { name: 'force', value: false },
  { name: 'help', short: 'h', value: false },
  { name: 'version', short: 'V', value: false },
];

const COMMANDS = ['scan', 'install-hook', 'uninstall-hook'];

/** The options each command takes besides --help and --version. */
const COMMAND_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  scan: OPTIONS.map((o) => o.name).filter((n) => n !== 'force'),
  'install-hook': ['force'],
  'uninstall-hook': [],
};

/** Reads a size such as 500k, 2mb, 1.5MB or 1048576 (bytes); k, m and g count in 1024s. */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i.exec(text.trim());
  if (!m) throw new UsageError(`--max-file-size must be a size such as 500k, 2mb or a number of bytes (got "${text}")`);
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const factor = unit === 'g' ? 1024 ** 3 : unit === 'm' ? 1024 ** 2 : unit === 'k' ? 1024 : 1;
  const bytes = Math.floor(Number(m[1]) * factor);
  if (bytes < 1) throw new UsageError(`--max-file-size must be at least 1 byte (got "${text}")`);
  return bytes;
}

function oneOf<T extends string>(flag: string, allowed: readonly T[], value: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const list = `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}`;
  throw new UsageError(`--${flag} must be ${list} (got "${value}")`);
}

/** Splits argv into options (name → values, in order) and positional arguments. */
function tokenize(argv: readonly string[]): { options: Map<string, string[]>; positional: string[] } {
  const options = new Map<string, string[]>();
  const positional: string[] = [];
  const add = (name: string, value: string): void => {
    const list = options.get(name) ?? [];
    list.push(value);
    options.set(name, list);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positional.push(arg);
      continue;
    }
    let name: string;
    let inline: string | undefined;
    let spec: OptionSpec | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
      spec = OPTIONS.find((o) => o.name === name);
      if (!spec) throw new UsageError(`unknown option --${name}`);
    } else {
      const letter = arg.slice(1, 2);
      spec = OPTIONS.find((o) => o.short === letter);
      if (!spec) throw new UsageError(`unknown option ${arg}`);
      name = spec.name;
      inline = arg.length > 2 ? arg.slice(2).replace(/^=/, '') : undefined;
    }
    if (spec.optionalValue) {
      add(name, inline ?? '');
    } else if (spec.value) {
      let value = inline;
      if (value === undefined) {
        value = argv[i + 1];
        if (value === undefined) throw new UsageError(`--${name} needs a value`);
        i++;
      }
      add(name, value);
    } else {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      add(name, '');
    }
  }
  return { options, positional };
}

/** Parses `leakless <command> [options] [paths…]`. Options may come before or after the paths. */
export function parseArgs(argv: readonly string[]): Invocation {
  const { options, positional } = tokenize(argv);
  const last = (name: string): string | undefined => options.get(name)?.at(-1);
  const all = (name: string): string[] => options.get(name) ?? [];
  if (options.has('help')) return { command: 'help' };
  if (options.has('version')) return { command: 'version' };
  const [command, ...paths] = positional;
  if (command === undefined) throw new UsageError('missing command: try "leakless scan [paths…]"');
  if (!COMMANDS.includes(command)) throw new UsageError(`unknown command "${command}"`);
  for (const name of options.keys()) {
    if (!COMMAND_OPTIONS[command]!.includes(name)) throw new UsageError(`${command} does not take --${name}`);
  }
  if (command === 'install-hook' || command === 'uninstall-hook') {
    if (paths.length > 0) throw new UsageError(`${command} takes no paths (it acts on the repository of the current folder)`);
    return { command, force: options.has('force') };
  }

  const format = oneOf('format', FORMATS, last('format') ?? 'text');
  const minConfidence = oneOf('min-confidence', CONFIDENCES, last('min-confidence') ?? 'low');
  const sizeText = last('max-file-size');
  const maxFileSize = sizeText === undefined ? DEFAULT_MAX_FILE_SIZE : parseSize(sizeText);
  const output = last('output');
  if (output === '') throw new UsageError('--output needs a file name');
  const disabledRules = all('disable-rule').flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  const exclude = all('exclude');
  if (exclude.some((g) => g.trim() === '')) throw new UsageError('--exclude needs a pattern');
  const rules = all('rules');
  if (options.has('color') && options.has('no-color')) throw new UsageError('--color and --no-color contradict each other');
  const color = options.has('no-color') ? false : options.has('color') ? true : undefined;
  const baseline = last('baseline');
  if (baseline === '') throw new UsageError('--baseline needs a file name');
  const historyText = last('git-history');
  let gitHistory: number | undefined;
  if (historyText !== undefined) {
    gitHistory = historyText === '' ? 50 : Number(historyText);
    if (!Number.isInteger(gitHistory) || gitHistory < 1) throw new UsageError(`--git-history takes a number of commits, 1 or more (got "${historyText}")`);
    if (options.has('staged')) throw new UsageError('--git-history and --staged cannot be combined');
  }
  const writeBaseline = last('write-baseline');
  if (writeBaseline === '') throw new UsageError('--write-baseline needs a file name');

  return {
    command: 'scan',
    paths: paths.length > 0 || options.has('staged') ? paths : ['.'],
    format,
    ...(output !== undefined ? { output } : {}),
    minConfidence,
    disabledRules,
    exclude,
    rules,
    maxFileSize,
    showSecrets: options.has('show-secrets'),
    gitignore: !options.has('no-gitignore'),
    followSymlinks: options.has('follow-symlinks'),
    ...(color !== undefined ? { color } : {}),
    staged: options.has('staged'),
    ...(gitHistory !== undefined ? { gitHistory } : {}),
    ...(baseline !== undefined ? { baseline } : {}),
    ...(writeBaseline !== undefined ? { writeBaseline } : {}),
    projectRules: !options.has('no-project-rules'),
    ignoreFile: !options.has('no-ignore-file'),
  };
}
