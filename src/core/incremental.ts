import type { Engine } from './engine';
import { LineMap } from './lines';
import type { DetectOptions, Finding } from './types';

/** One edit as VS Code reports it: `length` characters at `offset` replaced by `text`, applied in order. */
export interface TextChange {
  offset: number;
  length: number;
  text: string;
}

/**
 * Keeps one document's findings current across edits by re-scanning only the changed lines plus what the rules
 * can reach around them. Its results are identical to a full detect() of the new text.
 */
export class DocumentScanner {
  private text = '';
  private lines = new LineMap('');
  private findings: Finding[] = [];

  constructor(
    private readonly engine: Engine,
    private readonly options: DetectOptions = {},
  ) {}

  /** The current findings. */
  get current(): readonly Finding[] {
    return this.findings;
  }

  /** Scans a whole text. */
  reset(text: string): Finding[] {
    this.text = text;
    this.lines = new LineMap(text);
    this.findings = this.engine.detect(text, this.options);
    return this.findings;
  }

  /** Applies edits (VS Code's contentChanges, in order) whose result is `newText`, and re-scans what they touched. */
  update(newText: string, changes: readonly TextChange[]): Finding[] {
    const reach = this.engine.reach(this.options);
    const region = changedRegion(changes);
    if (!region || !Number.isFinite(reach) || region.oldEnd > this.text.length) return this.reset(newText);
    const { start, oldEnd, newEnd } = region;
    const delta = newEnd - oldEnd;
    if (newText.length !== this.text.length + delta) return this.reset(newText);
    this.lines.applyEdit(newText, start, oldEnd, newEnd);

    // The window: whole lines around the edit widened by the rules' reach, plus one line on each side (allow markers
    // on the line before), widened again over any old finding that crosses its edges.
    let ws = this.lineBefore(newText, Math.max(0, start - reach));
    let we = this.lineAfter(newText, Math.min(newText.length, newEnd + reach));
    for (let changed = true; changed; ) {
      changed = false;
      for (const f of this.findings) {
        // The old finding in new coordinates; one that touched the edited span covers the whole new span.
        const fs = f.start < start ? f.start : f.start >= oldEnd ? f.start + delta : start;
        const fe = f.end <= start ? f.end : f.end >= oldEnd ? f.end + delta : newEnd;
        if (fs < ws && fe > ws) {
          const next = this.lineBefore(newText, fs);
          if (next < ws) {
            ws = next;
            changed = true;
          }
        }
        if (fs < we && fe > we) {
          const next = this.lineAfter(newText, fe);
          if (next > we) {
            we = next;
            changed = true;
          }
        }
      }
    }
    const weOld = we - delta;
    const before = this.findings.filter((f) => f.end <= ws);
    const after = this.findings.filter((f) => f.start >= weOld);
    const window = this.engine.resolve(this.engine.collect(newText.slice(ws, we), this.options), this.options);
    const middle = window.map((c) => this.engine.toFinding(c, ws, this.lines));
    const shifted = after.map((f) => this.shift(f, delta));
    this.text = newText;
    this.findings = [...before, ...middle, ...shifted];
    return this.findings;
  }

  private shift(f: Finding, delta: number): Finding {
    const start = f.start + delta;
    const end = f.end + delta;
    return { ...f, start, end, range: { start: this.lines.positionAt(start), end: this.lines.positionAt(end) } };
  }

  /** The start of the line before the one holding `offset`. */
  private lineBefore(text: string, offset: number): number {
    const line = this.lines.positionAt(Math.min(offset, text.length)).line;
    return this.lines.lineStart(Math.max(0, line - 1));
  }

  /** The end of the line after the one holding `offset` (before its line break). */
  private lineAfter(text: string, offset: number): number {
    const line = this.lines.positionAt(Math.min(offset, text.length)).line;
    if (line + 2 >= this.lines.lineCount) return text.length;
    return this.lines.lineStart(line + 2);
  }
}

/** The span the changes cover, in old and new coordinates; undefined when there is nothing to re-scan. */
function changedRegion(changes: readonly TextChange[]): { start: number; oldEnd: number; newEnd: number } | undefined {
  let lo = Infinity;
  let hi = -Infinity; // in current coordinates
  let total = 0;
  for (const c of changes) {
    const end = c.offset + c.length;
    const d = c.text.length - c.length;
    if (lo !== Infinity) {
      const mappedLo = lo <= c.offset ? lo : lo >= end ? lo + d : c.offset;
      const mappedHi = hi <= c.offset ? hi : hi >= end ? hi + d : c.offset + c.text.length;
      lo = Math.min(mappedLo, c.offset);
      hi = Math.max(mappedHi, c.offset + c.text.length);
    } else {
      lo = c.offset;
      hi = c.offset + c.text.length;
    }
    total += d;
  }
  if (lo === Infinity) return undefined;
  return { start: lo, oldEnd: hi - total, newEnd: hi };
}
