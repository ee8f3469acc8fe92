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

  /** The offset of a position. */
  offsetAt(pos: Position): number {
    return (this.starts[pos.line] ?? 0) + pos.character;
  }

  get lineCount(): number {
    return this.starts.length;
  }
}
