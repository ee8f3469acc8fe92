import * as path from 'node:path';
import { Engine, type RuleSpec } from '../../src/core';
import { loadRuleDir } from '../../src/node/ruleFiles';

/** The project root, from the compiled test's location (out/test/...). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');

let cached: { rules: RuleSpec[]; engine: Engine } | undefined;

/** The built-in rules, read from rules/*.yaml, and an engine over them (shared across tests). */
export function builtin(): { rules: RuleSpec[]; engine: Engine } {
  if (!cached) {
    const rules = loadRuleDir(path.join(ROOT, 'rules'), ROOT);
    cached = { rules, engine: new Engine(rules) };
  }
  return cached;
}
