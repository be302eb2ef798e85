/**
 * "Vendaze context": a generic `client_secret` is only ours when Vendaze is mentioned nearby (a name, a URL such as
 * api.vendaze.com, a VENDAZE_* key) or when a real-looking UUID client_id sits next to it. Positions come from
 * the stage-1 prefilter, so asking "is there context around this value?" is a binary search, not a text search.
 */
import { parseAssignment } from './assignment';
import { isRealLookingUuid } from './decoys';
import { clientIdKeysBefore, type ContextHits } from './keywords';
import { CONTEXT_RADIUS } from './window';

/** The UUID-shaped run at `at` is the whole value of a client_id key, and looks like a real client_id. */
function isClientIdValue(text: string, at: number): boolean {
  for (const hit of clientIdKeysBefore(text, at)) {
    const assignment = parseAssignment(text, hit.start, hit.end);
    if (assignment?.valueStart === at) return isRealLookingUuid(assignment.value);
  }
  return false;
}

export class ContextIndex {
  /** Sorted offsets of every piece of context. */
  readonly positions: number[];

  constructor(text: string, hits: ContextHits, readonly everywhere: boolean) {
    const positions = [...hits.vendaze];
    for (const at of hits.uuids) if (isClientIdValue(text, at)) positions.push(at);
    this.positions = positions.sort((a, b) => a - b);
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
