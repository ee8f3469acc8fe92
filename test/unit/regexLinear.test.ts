import * as assert from 'node:assert/strict';
import { adversarialLine, adversarialPumps, minTime, timeRule } from '../helpers/adversarial';
import { builtin } from '../helpers/rules';

// Every built-in rule on long adversarial lines of n and 4n characters: linear time means ~4x; a super-linear
// (quadratic) regex shows ~16x. Timings under FLOOR_MS are too short to judge and too short to matter.
const N = 4096;
const FLOOR_MS = 2;
const MAX_RATIO = 9;

describe('built-in rules: regex time stays linear on adversarial lines', function () {
  this.timeout(30000);

  it('no rule takes super-linear time on n vs 4n characters', () => {
    const { engine } = builtin();
    const slow: string[] = [];
    for (const rule of engine.rules) {
      for (const pump of adversarialPumps(rule.spec)) {
        const small = adversarialLine(pump, N);
        const big = adversarialLine(pump, 4 * N);
        if (timeRule(engine, rule, big) < FLOOR_MS) continue;
        // Worth a closer look: the fastest of several runs of each, so that a busy machine does not decide.
        const tBig = minTime(5, () => timeRule(engine, rule, big));
        if (tBig < FLOOR_MS) continue;
        const tSmall = Math.max(minTime(5, () => timeRule(engine, rule, small)), FLOOR_MS / 16);
        if (tBig / tSmall > MAX_RATIO) {
          slow.push(`${rule.spec.id} on ${JSON.stringify(pump.slice(0, 24))}: ${tSmall.toFixed(2)} ms -> ${tBig.toFixed(2)} ms (x${(tBig / tSmall).toFixed(1)})`);
        }
      }
    }
    assert.deepEqual(slow, [], `super-linear rules:\n${slow.join('\n')}`);
  });
});
