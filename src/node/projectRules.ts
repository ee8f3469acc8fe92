// A project's own rules, found next to the code: .leakless/rules.yaml (or .yml) and .leakless/rules/*.yaml at the
// root of the scanned folder or of the Git work tree holding it. Read as untrusted: same schema and validation as the
// built-in rules, plus the regex safety check, since a cloned repository could ship a pattern built to hang a scan.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkRuleSet, RuleErrors, type RuleError, type RuleSpec } from '../core';
import { parseRuleFile } from '../core/ruleSchema';

/** The folder of project configuration, relative to a project root. */
export const PROJECT_DIR = '.leakless';

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The nearest folder at or above `dir` holding a `.git` entry (a work tree's root), if any. */
export function workTreeRoot(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/** The project roots of the scanned paths: each one's work-tree root, or the scanned folder itself outside Git. */
export function projectRoots(paths: readonly string[], cwd: string): string[] {
  const roots = new Set<string>();
  for (const p of paths.length > 0 ? paths : ['.']) {
    const abs = path.resolve(cwd, p);
    const dir = isDir(abs) ? abs : path.dirname(abs);
    roots.add(workTreeRoot(dir) ?? dir);
  }
  return [...roots];
}

/** The rule files a project root holds, in a stable order. */
export function projectRuleFiles(root: string): string[] {
  const base = path.join(root, PROJECT_DIR);
  const files = ['rules.yaml', 'rules.yml'].map((f) => path.join(base, f)).filter(isFile);
  const dir = path.join(base, 'rules');
  if (isDir(dir)) {
    files.push(
      ...fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(dir, f)).filter(isFile),
    );
  }
  return files;
}

/** The `*.yaml` / `*.yml` files of a folder, sorted. */
export function ruleFilesInDir(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(dir, f));
}

/**
 * Reads rule files as untrusted (every regex safety-checked), validating each and the set (ids unique across them
 * and `alongside`). Throws RuleErrors listing every problem with file, line, rule and field.
 */
export function loadUntrustedRules(files: readonly string[], displayRoot: string, alongside: readonly RuleSpec[] = []): RuleSpec[] {
  const rules: RuleSpec[] = [];
  const errors: RuleError[] = [];
  for (const file of files) {
    const shown = path.relative(displayRoot, file).split(path.sep).join('/') || file;
    const result = parseRuleFile(fs.readFileSync(file, 'utf8'), shown, { untrusted: true });
    rules.push(...result.rules);
    errors.push(...result.errors);
  }
  if (errors.length === 0) errors.push(...checkRuleSet([...alongside, ...rules]));
  if (errors.length > 0) throw new RuleErrors(errors);
  return rules;
}
