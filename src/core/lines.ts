import type { Position } from './types';

/** Maps offsets to line/character positions, counting lines as VS Code does (\n, \r\n, \r). */
export class LineMap {
  /** Where each line starts, in a typed array with room to grow: an edit moves the tail in place. */
  private starts = new Int32Array(64);
  private count = 1;

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.push(i + 1);
      }
    }
  }

  private push(start: number): void {
    this.reserve(this.count + 1);
    this.starts[this.count++] = start;
  }

  private reserve(n: number): void {
    if (n <= this.starts.length) return;
    const grown = new Int32Array(Math.max(n, this.starts.length * 2));
    grown.set(this.starts.subarray(0, this.count));
    this.starts = grown;
  }

  /**
   * Updates the map after [oldStart, oldEnd) of the old text became [oldStart, newEnd) of `text` (the new text),
   * re-reading only the changed lines.
   */
  applyEdit(text: string, oldStart: number, oldEnd: number, newEnd: number): void {
    // Starts in [oldStart, oldEnd + 2) have break characters inside or touching the edit (a \r may pair with a
    // new \n): re-read them from the new text. Later starts only shift.
    const a = Math.max(1, this.firstStartAtOrAfter(oldStart));
    const b = Math.max(a, this.firstStartAtOrAfter(oldEnd + 2));
    const delta = newEnd - oldEnd;
    const fresh: number[] = [];
    const last = Math.min(newEnd, text.length - 1);
    for (let i = Math.max(0, oldStart - 1); i <= last; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) fresh.push(i + 1);
    }
    const tail = this.count - b;
    const to = a + fresh.length;
    this.reserve(to + tail);
    const starts = this.starts;
    starts.copyWithin(to, b, this.count);
    for (let i = 0; i < fresh.length; i++) starts[a + i] = fresh[i]!;
    this.count = to + tail;
    if (delta !== 0) for (let i = to; i < this.count; i++) starts[i]! += delta;
  }

  private firstStartAtOrAfter(offset: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The offset where a line starts. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.count - 1))]!;
  }

  /** The position of a UTF-16 offset. */
  positionAt(offset: number): Position {
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo]! };
  }

  get lineCount(): number {
    return this.count;
  }
}
