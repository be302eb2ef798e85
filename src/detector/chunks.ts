/**
 * A full scan in pieces, for callers that must not block: the editor's extension host runs every extension on
 * one thread, and a 20 MB document of crafted text costs far more than one frame in a single call.
 *
 * Each chunk [from, to) is decided on its own, reading DEPENDENCY_RADIUS + 2 * MAX_SPAN more on each side: the same
 * locality the incremental rescan relies on (detect.ts), so the findings are exactly those of `detectSecrets`
 * (a property test checks it). A finding belongs to the chunk its start lies in, so none is reported twice.
 */
import { isLockFile, looksBinary, BINARY_SNIFF_LENGTH } from './decoys';
import { scanCandidates } from './engine';
import { capFindings, engineOptions, newlineCounter } from './detect';
import type { Candidate } from './rules';
import type { DetectOptions, Finding, TextSource } from './types';
import { MAX_FINDINGS_PER_FILE } from './types';
import { DEPENDENCY_RADIUS, MAX_SPAN } from './window';

/** Text read beyond each side of a chunk: everything a finding inside depends on. */
const CHUNK_MARGIN = DEPENDENCY_RADIUS + 2 * MAX_SPAN;

export interface ChunkedScanOptions extends DetectOptions {
  /** Characters decided per chunk; each chunk reads 2 * CHUNK_MARGIN (~21 KB) more. */
  chunkLength: number;
  /**
   * Awaited between chunks, where the caller yields (to its event loop) and says whether to go on: false
   * abandons the scan (the document changed or closed), and the scan resolves to undefined.
   */
  pause: () => Promise<boolean>;
}

export async function detectSecretsInChunks(source: string | TextSource, options: ChunkedScanOptions): Promise<Finding[] | undefined> {
  const length = source.length;
  if (isLockFile(options.fileName) || looksBinary(source.slice(0, BINARY_SNIFF_LENGTH))) return [];
  const engine = engineOptions(options);
  const chunk = Math.max(1, Math.floor(options.chunkLength));
  const kept: Array<{ candidate: Candidate; offset: number }> = [];
  let total = 0;
  for (let from = 0; from < length; from += chunk) {
    if (from > 0 && !(await options.pause())) return undefined;
    const to = Math.min(length, from + chunk);
    const readFrom = Math.max(0, from - CHUNK_MARGIN);
    const text = source.slice(readFrom, Math.min(length, to + CHUNK_MARGIN));
    for (const candidate of scanCandidates(text, engine)) {
      const start = candidate.start + readFrom;
      if (start < from || start >= to) continue;
      // Past the cap only the first one more is kept (the summary sits on it); the rest are only counted.
      if (kept.length <= MAX_FINDINGS_PER_FILE) kept.push({ candidate, offset: readFrom });
      total++;
    }
  }
  const positionAt = options.positionAt ?? newlineCounter((a, b) => source.slice(a, b));
  return capFindings(kept, total, positionAt);
}
