/**
 * "Vendaze context": a generic `client_secret` is only ours when Vendaze is mentioned nearby (a name, a URL such as
 * api.vendaze.com, a VENDAZE_* key) or when a real-looking UUID client_id sits next to it. Positions come from
 * the stage-1 prefilter, so asking "is there context around this value?" is a binary search, not a text search.
 */
import { endsUnquoted, isKeyChar, parseAssignment, UnquotedRuns } from './assignment';
import { isRealLookingUuid } from './decoys';
import { clientIdKeysBefore, mergeAscending, type ContextHits } from './keywords';
import { CONTEXT_RADIUS } from './window';

/** A client_id value is exactly a UUID: 36 characters. */
const UUID_LENGTH = 36;

/** Hex digit (either case) as a character code. */
function isHexCode(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 102);
}

/** The 36 characters at `at` are a UUID (hex, dashes at 8, 13, 18, 23): character codes, nothing allocated. */
function isUuidAt(text: string, at: number): boolean {
  if (at + UUID_LENGTH > text.length) return false;
  for (let i = 0; i < UUID_LENGTH; i++) {
    const c = text.charCodeAt(at + i);
    if (i === 8 || i === 13 || i === 18 || i === 23 ? c !== 0x2d : !isHexCode(c)) return false;
  }
  return true;
}

/**
 * The UUID-shaped run at `at` is the whole value of a client_id key, and looks like a real client_id.
 * Cheapest checks first, each bounded: boundaries (two reads), the UUID shape (36 reads, no allocation), then
 * the keys in the short window before it, and only for a value a key holds the "real-looking" test (lower-case
 * copy, docs examples, distinct characters), which cost more than all the rest when it ran for every UUID of
 * a data file. Adversarial text (`client_id=aaaaaaaa-bbbb-cccc-dddd-` repeated) puts a UUID-shaped run and
 * several keys every 34 characters, and reading each key's value to its 512-character limit cost 0.6 s per MB:
 * a value is read at most to its possible length.
 */
function isClientIdValue(text: string, at: number, runs: UnquotedRuns): boolean {
  // A value starts after a separator, space or quote and ends at one: a UUID-shaped run inside a longer word is
  // none (two character reads, before any allocation).
  if ((at > 0 && isKeyChar(text.charCodeAt(at - 1))) || (at + UUID_LENGTH < text.length && !endsUnquoted(text.charCodeAt(at + UUID_LENGTH)))) return false;
  if (!isUuidAt(text, at)) return false;
  // Nearest key first: it is the one that holds the value when any does, so usually one key is parsed, not all
  // the keys of the lookback window (client_id-dense text has several).
  const keys = clientIdKeysBefore(text, at);
  if (keys.length === 0) return false;
  if (keys.length > 1) keys.sort((a, b) => b.start - a.start);
  for (const hit of keys) {
    const assignment = parseAssignment(text, hit.start, hit.end, { maxValue: UUID_LENGTH, runs });
    if (assignment?.valueStart === at) return assignment.value.length === UUID_LENGTH && isRealLookingUuid(assignment.value);
  }
  return false;
}

export class ContextIndex {
  /** Sorted offsets of every piece of context. */
  readonly positions: number[];
  /** Per-scan memory of the value reads every rule makes (see UnquotedRuns): this index lives exactly one scan. */
  readonly runs = new UnquotedRuns();

  constructor(text: string, hits: ContextHits, readonly everywhere: boolean) {
    const clientIds: number[] = [];
    for (const at of hits.uuids) if (isClientIdValue(text, at, this.runs)) clientIds.push(at);
    this.positions = clientIds.length === 0 ? hits.vendaze : mergeAscending(hits.vendaze, clientIds);
  }

  has(start: number, end: number): boolean {
    if (this.everywhere) return true;
    const low = start - CONTEXT_RADIUS;
    const high = end + CONTEXT_RADIUS;
    let lo = 0;
    let hi = this.positions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.positions[mid]! < low) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.positions.length && this.positions[lo]! <= high;
  }
}
