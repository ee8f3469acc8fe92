// The rules a scan runs: the built-in ones, the project's own (.leakless/rules.yaml, .leakless/rules/*.yaml) and any
// added with --rules, checked together. Every rule not built in is untrusted: its regexes must pass the safety check.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RuleSpec } from '../core';
import { loadUntrustedRules, projectRuleFiles, ruleFilesInDir } from '../node/projectRules';
import { UsageError } from './args';

/** The rule files named with --rules (files, or folders of *.yaml), resolved against cwd. */
function extraRuleFiles(extra: readonly string[], cwd: string): string[] {
  const files: string[] = [];
  for (const p of extra) {
    const abs = path.resolve(cwd, p);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      throw new UsageError(`--rules: no such file or folder: ${p}`);
    }
    files.push(...(st.isDirectory() ? ruleFilesInDir(abs) : [abs]));
  }
  return files;
}

/**
 * The built-in rules plus the project rules found at `projectRoots` and the rule files or folders named with --rules.
 * Throws RuleErrors for invalid or unsafe rules.
 */
export function loadRuleSet(
  builtin: readonly RuleSpec[], extra: readonly string[], cwd: string, projectRoots: readonly string[] = [],
): RuleSpec[] {
  const files = [...new Set([...projectRoots.flatMap(projectRuleFiles), ...extraRuleFiles(extra, cwd)])];
  if (files.length === 0) return [...builtin];
  return [...builtin, ...loadUntrustedRules(files, cwd, builtin)];
}

/** Checks --disable-rule ids against the rule set, so a typo is an error rather than a rule that silently runs. */
export function checkRuleIds(rules: readonly RuleSpec[], ids: readonly string[]): void {
  const known = new Set(rules.map((r) => r.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new UsageError(`--disable-rule: unknown rule id${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}`);
  }
}
