import * as assert from 'node:assert/strict';
import { DocumentScanner, type Engine, type TextChange } from '../../src/core';

/** A random edit: replace `del` characters at `at` (both clamped to the text) with `text`. */
export interface RandomEdit {
  at: number;
  del: number;
  text: string;
}

/**
 * Types the edits one by one into a DocumentScanner that starts from `start`, and checks after each that its
 * incremental findings are exactly what a full detect() of the new text gives.
 */
export function assertIncrementalMatchesFull(engine: Engine, start: string, edits: readonly RandomEdit[]): void {
  const scanner = new DocumentScanner(engine);
  scanner.reset(start);
  let text = start;
  for (const e of edits) {
    const offset = Math.min(e.at, text.length);
    const length = Math.min(e.del, text.length - offset);
    const change: TextChange = { offset, length, text: e.text };
    text = text.slice(0, offset) + e.text + text.slice(offset + length);
    assert.deepEqual(scanner.update(text, [change]), engine.detect(text), `after replacing ${length} at ${offset} with ${JSON.stringify(e.text)}`);
  }
}
