/**
 * Offset -> line/column for callers that have no editor to ask (the CLI, the bench). Kept up to date across edits
 * without a rebuild, so a per-keystroke rescan never counts the newlines of a 10 MB file.
 */
import type { Position } from './types';

export class LineIndex {
  /** Offset of the first character of each line; lineStarts[0] === 0. */
  private lineStarts: number[];

  private constructor(lineStarts: number[]) {
    this.lineStarts = lineStarts;
  }

  static of(text: string): LineIndex {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return new LineIndex(starts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: offset - starts[lo]! };
  }

  /** `removedLength` characters at `offset` were replaced by `inserted`. */
  applyEdit(offset: number, removedLength: number, inserted: string): void {
    const starts = this.lineStarts;
    const delta = inserted.length - removedLength;
    // Lines starting inside the removed text disappear; newlines of the inserted text start new lines.
    const first = this.positionAt(offset).line + 1;
    let last = first;
    while (last < starts.length && starts[last]! <= offset + removedLength) last++;
    const added: number[] = [];
    for (let i = inserted.indexOf('\n'); i !== -1; i = inserted.indexOf('\n', i + 1)) added.push(offset + i + 1);
    for (let i = last; i < starts.length; i++) starts[i] = starts[i]! + delta;
    starts.splice(first, last - first, ...added);
  }
}
