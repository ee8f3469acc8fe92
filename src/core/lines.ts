import type { Position } from './types';

/** Maps offsets to line/character positions, counting lines as VS Code does (\n, \r\n, \r). */
export class LineMap {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
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
    const tail = this.starts.slice(b);
    this.starts.length = a;
    const last = Math.min(newEnd, text.length - 1);
    for (let i = Math.max(0, oldStart - 1); i <= last; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
    for (const s of tail) this.starts.push(s + delta);
  }

  private firstStartAtOrAfter(offset: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The offset where a line starts. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))]!;
  }

  /** The position of a UTF-16 offset. */
  positionAt(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo]! };
  }

  get lineCount(): number {
    return this.starts.length;
  }
}
