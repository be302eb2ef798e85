/**
 * Inline suppression. `vendaze:allow` is ours; `gitleaks:allow` and `pragma: allowlist secret` (detect-secrets)
 * are honoured so that a line already reviewed for another scanner is not flagged again.
 * The marker counts on the finding's own line (within CONTEXT_RADIUS of the finding), or on the line before
 * when that line is only a comment and starts within CONTEXT_RADIUS of the finding.
 *
 * Cost: markers are only looked for where a candidate could use one: everything a candidate's check reads lies
 * within CONTEXT_RADIUS of it, and candidates come in text order, so the marker index grows forward through
 * those windows only (at least MARKER_STEP characters at a time, each character searched once). A file with
 * a few candidates is not searched whole (four passes over every file with a candidate were a fifth of the
 * detector's time on the bench corpus), and a file with none pays nothing. Each candidate then costs a binary
 * search, and line boundaries are found by a cursor that moves forward through the text once: a long line with
 * thousands of candidates is not re-read for each of them (it was, up to 4 KB per candidate).
 */
import { CONTEXT_RADIUS, lineEndWithin } from './window';

export const SUPPRESSION_MARKER = 'vendaze:allow';

const MARKERS = [SUPPRESSION_MARKER, 'gitleaks:allow', 'pragma: allowlist secret', 'pragma:allowlist secret'];
const LONGEST_MARKER = Math.max(...MARKERS.map((m) => m.length));

/** The marker index grows at least this far at a time: dense candidates do not cost four searches each. */
const MARKER_STEP = 8192;

/** Comment leaders of the languages we offer quick fixes for (and of most others). */
const COMMENT_LEADER = /^[ \t]*(?:\/\/|#|--|;|\/\*|\*|<!--|%|'|rem\b|REM\b)/;

/** `vendaze:allow vendaze/practice/<rule>` allows one practice finding (src/practices), not a secret. */
const PRACTICE_ONLY = /^vendaze:allow[ \t]*:?[ \t]*vendaze\/practice\//;

export class Suppressions {
  /** Sorted starts of every marker, and the matching ends. */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** The line the cursor is on: [lineStart, lineEnd), lineEnd the index of its newline (or the text length). */
  private lineStart = 0;
  private lineEnd = -1;
  /** The line before the cursor's line: its start, and whether it is a comment holding a marker (once per line). */
  private previousStart = -1;
  private previousLineSuppresses = false;

  /** Markers are indexed inside [indexedFrom, indexedTo) (see extendIndex). */
  private indexedFrom = 0;
  private indexedTo = 0;

  constructor(private readonly text: string) {}

  /**
   * Indexes the markers lying inside [from, to) that are not indexed yet. Calls come with ascending `from`: a
   * window starting past the indexed part restarts the index there (no later call reads before it).
   */
  private extendIndex(from: number, to: number): void {
    if (to <= this.indexedTo) return;
    if (from > this.indexedTo) {
      this.starts.length = 0;
      this.ends.length = 0;
      this.indexedFrom = from;
      this.indexedTo = from;
    }
    const until = Math.min(this.text.length, Math.max(to, this.indexedTo + MARKER_STEP));
    // Re-read the last LONGEST_MARKER - 1 characters: a marker cut by the previous edge is found now. Markers
    // never overlap one another, so ending past the old edge is what makes a marker new, and sorting by start
    // is sorting by end.
    const readFrom = Math.max(this.indexedFrom, this.indexedTo - LONGEST_MARKER + 1);
    const slice = this.text.slice(readFrom, until);
    const found: Array<[number, number]> = [];
    for (const marker of MARKERS) {
      for (let at = slice.indexOf(marker); at !== -1; at = slice.indexOf(marker, at + 1)) {
        const start = readFrom + at;
        const end = start + marker.length;
        if (end <= this.indexedTo) continue;
        // A practice-only allow hides that practice finding, never a secret on the same line.
        if (marker === SUPPRESSION_MARKER && PRACTICE_ONLY.test(this.text.slice(start, start + 40))) continue;
        found.push([start, end]);
      }
    }
    if (found.length > 1) found.sort((a, b) => a[0] - b[0]);
    for (const [start, end] of found) {
      this.starts.push(start);
      this.ends.push(end);
    }
    this.indexedTo = until;
  }

  /** Whether a finding at [start, end) is suppressed. Cheapest when called in ascending order of `start`. */
  isSuppressed(start: number, end: number): boolean {
    // Every marker this check can see lies within CONTEXT_RADIUS of the finding (the previous line included).
    this.extendIndex(Math.max(0, start - CONTEXT_RADIUS), end + CONTEXT_RADIUS);
    if (this.starts.length === 0) return false;
    this.moveTo(start);
    const segmentStart = Math.max(this.lineStart, start - CONTEXT_RADIUS);
    const ceiling = end + CONTEXT_RADIUS;
    const segmentEnd = end <= this.lineEnd ? Math.min(this.lineEnd, ceiling) : lineEndWithin(this.text, end, ceiling);
    if (this.hasMarker(segmentStart, segmentEnd)) return true;
    if (this.lineStart === 0 || segmentStart !== this.lineStart) return false;
    return this.previousLine(start);
  }

  private moveTo(offset: number): void {
    if (offset >= this.lineStart && offset <= this.lineEnd) return;
    // Forward moves read only text after the previous line (lastIndexOf stops at its newline at the latest).
    this.lineStart = this.text.lastIndexOf('\n', offset - 1) + 1;
    const end = this.text.indexOf('\n', offset);
    this.lineEnd = end === -1 ? this.text.length : end;
    this.previousStart = -1;
  }

  /** The previous line counts when it starts within CONTEXT_RADIUS of the finding; decided once per line. */
  private previousLine(start: number): boolean {
    const end = this.lineStart - 1;
    if (this.previousStart < 0) {
      this.previousStart = this.text.lastIndexOf('\n', end - 1) + 1;
      this.previousLineSuppresses = this.hasMarker(this.previousStart, end) && COMMENT_LEADER.test(this.text.slice(this.previousStart, end));
    }
    return this.previousStart >= start - CONTEXT_RADIUS && this.previousLineSuppresses;
  }

  /** A whole marker inside [from, to). */
  private hasMarker(from: number, to: number): boolean {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    // Markers barely overlap (they share no prefix with their own tail), so this loop runs a few times at most.
    for (let i = lo; i < this.starts.length && this.starts[i]! < to; i++) if (this.ends[i]! <= to) return true;
    return false;
  }
}
