// Where a rule's regex is worth trying in a text: just before the occurrences of its anchors, or of its pivot, as
// sorted, disjoint [lo, hi] ranges of match starts; undefined when there are so many that a plain search is cheaper.
import type { CompiledRule } from './compile';
import type { KeywordHits } from './keywordIndex';

/** A pivot found more often than once per this many characters makes its rule search the whole text instead. */
const PIVOT_SPACING = 16;

/** Scratch space for anchorWindows(), reused from call to call. */
export class WindowScratch {
  starts = new Int32Array(1024);
}

/**
 * Where the rule's matches can start in [from, to): up to `anchorReach` before each anchor occurrence, and no earlier
 * than the run of characters that can lead up to an anchor. Undefined when the rule has no anchors or trying the
 * windows' positions one by one would cost more than a plain search.
 */
export function anchorWindows(
  rule: CompiledRule, hits: KeywordHits, from: number, to: number, text: string, scratch: WindowScratch,
): number[] | undefined {
  if (rule.anchorIds.length === 0) return undefined;
  const budget = text.length * rule.searchCost;
  let count = 0;
  for (const id of rule.anchorIds) {
    if (hits.saturated(id)) return undefined;
    count += hits.count(id);
  }
  if (count > budget) return undefined;
  if (scratch.starts.length < count) scratch.starts = new Int32Array(Math.max(count, scratch.starts.length * 2));
  const starts = scratch.starts.subarray(0, count);
  let n = 0;
  for (let a = 0; a < rule.anchorIds.length; a++) {
    const first = n;
    n += hits.copyEnds(rule.anchorIds[a]!, starts, n);
    const shift = rule.anchors[a]!.length - 1;
    for (let i = first; i < n; i++) starts[i]! -= shift;
  }
  if (rule.anchorIds.length > 1) starts.sort();
  const lead = rule.anchorLead;
  const merged: number[] = [];
  let positions = 0;
  for (let i = 0; i < n; i++) {
    let lo = Math.max(from, starts[i]! - rule.anchorReach);
    if (lead) {
      // Back only over characters that can come before the anchor in a match, and not into the last window (which
      // this one then joins): so no character is walked over twice, however dense the anchors.
      const floor = merged.length > 0 ? Math.max(lo, merged[merged.length - 1]! + 1) : lo;
      let k = starts[i]! - 1;
      while (k >= floor && lead[Math.min(text.charCodeAt(k), 128)] === 1) k--;
      lo = k + 1;
    }
    positions += add(merged, lo, Math.min(starts[i]!, to - 1));
    if (positions > budget) return undefined;
  }
  return merged;
}

/**
 * Where a rule with a pivot can match in [from, to): up to the pivot's distances before each place its regex matches
 * (overlapping ones included), reading the text up to `limit`.
 */
export function pivotWindows(
  pivot: NonNullable<CompiledRule['pivot']>, text: string, from: number, to: number, limit: number,
): number[] | undefined {
  const re = pivot.re;
  const subject = limit < text.length ? text.slice(0, limit) : text;
  const budget = (Math.min(to, text.length) - from) / PIVOT_SPACING + 8;
  const merged: number[] = [];
  let count = 0;
  re.lastIndex = from + pivot.minBefore;
  for (let m = re.exec(subject); m !== null; m = re.exec(subject)) {
    const lo = Math.max(from, m.index - pivot.maxBefore);
    if (lo >= to) break;
    add(merged, lo, Math.min(to - 1, m.index - pivot.minBefore));
    if (++count > budget) return undefined;
    re.lastIndex = m.index + 1;
  }
  return merged;
}

/** Adds [lo, hi] (ascending lo from call to call) to the ranges, merging it with the last; returns how many positions it added. */
function add(merged: number[], lo: number, hi: number): number {
  if (hi < lo) return 0;
  const m = merged.length;
  if (m > 0 && lo <= merged[m - 1]! + 1) {
    const grown = Math.max(0, hi - merged[m - 1]!);
    merged[m - 1] = Math.max(merged[m - 1]!, hi);
    return grown;
  }
  merged.push(lo, hi);
  return hi - lo + 1;
}
