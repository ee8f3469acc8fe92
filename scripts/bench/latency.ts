// Editor latency: what the engine costs the editor per keystroke (DocumentScanner.update after a one-character
// edit) and per full scan of a typical file and of a minified one.
import { performance } from 'node:perf_hooks';
import { DocumentScanner, prng, type Engine, type Finding } from '../../src/core';

/** Median, 95th percentile and maximum of a list of milliseconds. */
export interface Stats {
  median: number;
  p95: number;
  max: number;
  runs: number;
}

export function stats(ms: readonly number[]): Stats {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { median: at(0.5), p95: at(0.95), max: s[s.length - 1] ?? NaN, runs: s.length };
}

function key(f: Finding): string {
  return `${f.ruleId}@${f.start}-${f.end}:${f.range.start.line}.${f.range.start.character}`;
}

/**
 * Times `edits` random one-character edits (insertions and deletions, alternating) through DocumentScanner.update.
 * Every tenth result is compared with a full detect() of the same text; `mismatches` counts differences.
 */
export function editLatency(engine: Engine, doc: string, edits: number, seed: string): Stats & { mismatches: number; findings: number } {
  const rnd = prng(seed);
  const scanner = new DocumentScanner(engine);
  let text = doc;
  scanner.reset(text);
  const times: number[] = [];
  let mismatches = 0;
  const warmup = Math.min(20, edits);
  for (let i = 0; i < edits + warmup; i++) {
    const offset = Math.floor(rnd() * text.length);
    const insert = i % 2 === 0;
    const change = insert ? { offset, length: 0, text: 'x' } : { offset, length: 1, text: '' };
    const next = flat(text.slice(0, offset) + change.text + text.slice(offset + change.length));
    const t0 = performance.now();
    const found = scanner.update(next, [change]);
    const ms = performance.now() - t0;
    text = next;
    if (i >= warmup) times.push(ms);
    if (i % 10 === 0) {
      const full = engine.detect(text).map(key).join('|');
      if (found.map(key).join('|') !== full) mismatches++;
    }
  }
  return { ...stats(times), mismatches, findings: scanner.current.length };
}

/** The string flattened, as the editor hands documents over (a concatenation would be flattened by the first scan). */
function flat(s: string): string {
  /\n/.test(s);
  return s;
}

/** Times `runs` full detect() calls of a text (after a few warm-up runs). */
export function fullScanLatency(engine: Engine, text: string, runs: number): Stats & { findings: number } {
  let findings = 0;
  for (let i = 0; i < Math.min(5, runs); i++) findings = engine.detect(text).length;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    engine.detect(text);
    times.push(performance.now() - t0);
  }
  return { ...stats(times), findings };
}
