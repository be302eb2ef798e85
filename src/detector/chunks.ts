/**
 * A full scan in pieces, for callers that must not block: the editor's extension host runs every extension on
 * one thread, and a 20 MB document of crafted text costs far more than one frame in a single call.
 *
 * Each chunk [from, to) is decided on its own, reading DEPENDENCY_RADIUS + 2 * MAX_SPAN more on each side: the same
 * locality the incremental rescan relies on (detect.ts), so the findings are exactly those of `detectSecrets`
 * (a property test checks it), whatever the chunk sizes. A finding belongs to the chunk its start lies in, so
 * none is reported twice.
 *
 * Two units of work, each small: a chunk (its length chosen by the caller before each one, so a caller can fit
 * chunks to a time budget), and a batch of FINDINGS_PER_BATCH findings built from the candidates kept so far
 * (a fingerprint, a message and a position each: 1,000 of them at once were a block of their own). The caller's
 * `pause` runs between any two units.
 */
import { isLockFile, looksBinary, BINARY_SNIFF_LENGTH } from './decoys';
import { scanCandidates } from './engine';
import { engineOptions, newlineCounter, summaryFinding, toFinding } from './detect';
import type { Candidate } from './rules';
import type { DetectOptions, Finding, TextSource } from './types';
import { MAX_FINDINGS_PER_FILE } from './types';
import { DEPENDENCY_RADIUS, MAX_SPAN } from './window';

/** Text read beyond each side of a chunk: everything a finding inside depends on. */
export const CHUNK_MARGIN = DEPENDENCY_RADIUS + 2 * MAX_SPAN;

/** Findings built between two pauses. */
const FINDINGS_PER_BATCH = 100;

export interface ChunkedScanOptions extends DetectOptions {
  /**
   * Characters decided per chunk; each chunk reads 2 * CHUNK_MARGIN (~21 KB) more. A function is asked before
   * each chunk (the editor fits chunks to its time slice).
   */
  chunkLength: number | (() => number);
  /**
   * Awaited between units of work, where the caller yields (to its event loop) and says whether to go on: false
   * abandons the scan (the document changed or closed), and the scan resolves to undefined.
   */
  pause: () => Promise<boolean>;
}

type Kept = { candidate: Candidate; offset: number };

export async function detectSecretsInChunks(source: string | TextSource, options: ChunkedScanOptions): Promise<Finding[] | undefined> {
  const length = source.length;
  if (isLockFile(options.fileName) || looksBinary(source.slice(0, BINARY_SNIFF_LENGTH))) return [];
  const engine = engineOptions(options);
  const sizing = options.chunkLength;
  const nextLength = typeof sizing === 'function' ? () => Math.max(1, Math.floor(sizing())) : () => Math.max(1, Math.floor(sizing));
  // Positions are asked in ascending order: candidates are kept, and built, in text order.
  const positionAt = options.positionAt ?? newlineCounter((a, b) => source.slice(a, b));
  const kept: Kept[] = [];
  const findings: Finding[] = [];
  /** The first candidate past the cap: the summary finding sits on it. */
  let beyond: Kept | undefined;
  let total = 0;
  for (let from = 0; from < length; ) {
    if (from > 0 && !(await options.pause())) return undefined;
    const to = Math.min(length, from + nextLength());
    const readFrom = Math.max(0, from - CHUNK_MARGIN);
    const text = source.slice(readFrom, Math.min(length, to + CHUNK_MARGIN));
    for (const candidate of scanCandidates(text, engine)) {
      const start = candidate.start + readFrom;
      if (start < from || start >= to) continue;
      // Past the cap candidates are only counted, but for the first one.
      if (total < MAX_FINDINGS_PER_FILE) kept.push({ candidate, offset: readFrom });
      else if (total === MAX_FINDINGS_PER_FILE) beyond = { candidate, offset: readFrom };
      total++;
    }
    from = to;
    while (findings.length < kept.length) {
      if (findings.length % FINDINGS_PER_BATCH === 0 && findings.length > 0 && !(await options.pause())) return undefined;
      const { candidate, offset } = kept[findings.length]!;
      findings.push(toFinding(candidate, offset, positionAt(candidate.start + offset)));
    }
  }
  if (beyond) findings.push(summaryFinding(beyond.candidate, beyond.offset, total - MAX_FINDINGS_PER_FILE, positionAt(beyond.candidate.start + beyond.offset)));
  return findings;
}
