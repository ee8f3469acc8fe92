import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkRuleSet, parseRuleFile, RuleErrors, type RuleError, type RuleSpec } from '../core';

/** Reads and validates every `*.yaml` rule file in a folder; throws RuleErrors listing every problem. */
export function loadRuleDir(dir: string, displayRoot = process.cwd()): RuleSpec[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
  return loadRuleFiles(files.map((f) => path.join(dir, f)), displayRoot);
}

/** Reads and validates the given rule files as one set (ids unique across them). */
export function loadRuleFiles(files: readonly string[], displayRoot = process.cwd()): RuleSpec[] {
  const rules: RuleSpec[] = [];
  const errors: RuleError[] = [];
  for (const file of files) {
    const shown = path.relative(displayRoot, file) || file;
    const result = parseRuleFile(fs.readFileSync(file, 'utf8'), shown);
    rules.push(...result.rules);
    errors.push(...result.errors);
  }
  errors.push(...checkRuleSet(rules));
  if (errors.length > 0) throw new RuleErrors(errors);
  return rules;
}
