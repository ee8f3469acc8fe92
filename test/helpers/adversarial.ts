// Adversarial inputs for timing one rule's regex: long single lines made of what the rule accepts (its secret's
// characters, its prefix, its keywords, whole matches), each ending in a character that breaks the match.
import { compileRules, expandFakes, type CompiledRule, type Engine, type RuleSpec } from '../../src/core';

/** The fragments repeated to build a rule's adversarial lines (at most `max`, deduplicated). */
export function adversarialPumps(spec: RuleSpec, max = 10): string[] {
  const pumps = new Set<string>(['a', 'aA0', ' ']);
  const example = spec.examples.positive[0];
  const rule = compileRules([spec])[0];
  if (example && rule) {
    const text = expandFakes(example.text, `${spec.id}#p0`);
    rule.re.lastIndex = 0;
    const m = rule.re.exec(text);
    const span = m?.indices?.[spec.secretGroup];
    if (m && span) {
      const secret = text.slice(span[0], span[1]);
      const prefix = text.slice(m.index, span[0]);
      if (secret) pumps.add(secret);
      if (prefix.trim()) pumps.add(prefix);
      if (prefix.trim() && secret) pumps.add(prefix + secret.slice(0, Math.ceil(secret.length / 2)));
      if (m[0]) pumps.add(m[0]);
      const chars = [...new Set(secret)].sort().join('');
      if (chars) pumps.add(chars);
    }
  }
  for (const k of spec.keywords.slice(0, 2)) {
    pumps.add(k);
    pumps.add(`"${k}": "`);
  }
  return [...pumps].filter((p) => p.length > 0).slice(0, max);
}

/** One line of `length` characters repeating `pump`, ending in `!` (a character few rules accept). */
export function adversarialLine(pump: string, length: number): string {
  return pump.repeat(Math.ceil(length / pump.length)).slice(0, length) + '!';
}

/** Milliseconds for one run of one rule (regex plus its checks) over a text. */
export function timeRule(engine: Engine, rule: CompiledRule, text: string): number {
  const t0 = performance.now();
  engine.runRule(rule, text, {}, []);
  return performance.now() - t0;
}

/** The fastest of `runs` timings (the least disturbed by other work on the machine). */
export function minTime(runs: number, f: () => number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) best = Math.min(best, f());
  return best;
}
