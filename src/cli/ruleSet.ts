// The rules a scan runs: the built-in ones plus any added with --rules, checked together.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkRuleSet, RuleErrors, type RuleSpec } from '../core';
import { loadRuleDir, loadRuleFiles } from '../node/ruleFiles';
import { UsageError } from './args';

/** The built-in rules plus the rule files or folders named with --rules; throws RuleErrors for invalid rules. */
export function loadRuleSet(builtin: readonly RuleSpec[], extra: readonly string[], cwd: string): RuleSpec[] {
  const rules = [...builtin];
  for (const p of extra) {
    const abs = path.resolve(cwd, p);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      throw new UsageError(`--rules: no such file or folder: ${p}`);
    }
    rules.push(...(st.isDirectory() ? loadRuleDir(abs, cwd) : loadRuleFiles([abs], cwd)));
  }
  if (extra.length > 0) {
    const errors = checkRuleSet(rules);
    if (errors.length > 0) throw new RuleErrors(errors);
  }
  return rules;
}

/** Checks --disable-rule ids against the rule set, so a typo is an error rather than a rule that silently runs. */
export function checkRuleIds(rules: readonly RuleSpec[], ids: readonly string[]): void {
  const known = new Set(rules.map((r) => r.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new UsageError(`--disable-rule: unknown rule id${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}`);
  }
}
