/**
 * How the editor scans a whole document without freezing: the extension host runs every extension on one thread,
 * so no scan may hold it for more than a few milliseconds at a time (the budget is 50 ms; `npm run bench`
 * prints `editor-longest-block-ms`, measured on the most adversarial text we know, just under the size limit).
 *
 * Documents up to SCAN_CHUNK_LENGTH are scanned in one call (a few ms at worst). Larger ones are scanned chunk by
 * chunk (detectSecretsInChunks: the same findings as one call), and the scan yields to the event loop whenever
 * SCAN_SLICE_MS have passed, so typing, other extensions and the UI go on in between. No `vscode` here: the bench
 * runs exactly this code.
 *
 * A chunk cannot be cut short, so its cost is the smallest block there is. Text costs from ~1 ms per MB (code) to
 * ~100 ms per MB (a file made of findings, on a loaded machine more), so chunks are fitted to the text as it
 * goes: each next chunk aims at CHUNK_TARGET_MS from the cost per character of the chunk before, between
 * MIN_CHUNK_LENGTH and MAX_CHUNK_LENGTH. Fixed 128 KB chunks made each block of a file made of findings ~15 ms
 * alone, and a garbage collection landing in one took it past 50 ms (64 ms in a full `npm run bench`).
 */
import { CHUNK_MARGIN, detectSecretsInChunks, type DetectOptions, type Finding, type TextSource } from '../detector';

/** VS Code stops syncing documents to extensions above 50 MB; below this, scan anything that is text. */
export const MAX_DOCUMENT_LENGTH = 20 * 1024 * 1024;

/** Documents up to this length are scanned in one call. */
export const SCAN_CHUNK_LENGTH = 128 * 1024;

/** Bounds of the characters decided per chunk (each chunk reads ~21 KB more, see CHUNK_MARGIN). */
export const MIN_CHUNK_LENGTH = 16 * 1024;
/**
 * Also the bound when the sizing is wrong: text can turn costly right after a cheap stretch (a file made of
 * findings after plain code), or code runs unoptimised for a while after V8 deoptimises it (chunks then cost
 * ~10x as much), and a chunk is not cut short. 32 KB + margins of the costliest text we know (~100 ms per MB)
 * is ~5 ms. Plain code costs ~1 ms per MB: re-reading margins costs it little in absolute terms.
 */
export const MAX_CHUNK_LENGTH = 32 * 1024;

/** What a chunk should cost: well under the slice, so a slice overruns it by little. */
const CHUNK_TARGET_MS = 1.5;

/** The first chunk, before anything is known of the text: small enough for the costliest text we know. */
const FIRST_CHUNK_LENGTH = 32 * 1024;

/** Chunks run back to back until this much time has passed, then the scan yields. */
export const SCAN_SLICE_MS = 5;

export interface SlicedScanOptions extends DetectOptions {
  /** Asked between chunks: false abandons the scan (the document changed, closed, or a newer scan started). */
  stillWanted: () => boolean;
  /** Gives the event loop a turn. Defaults to setImmediate. */
  yieldNow?: () => Promise<void>;
  /** Milliseconds, monotonic. Defaults to performance.now. */
  clock?: () => number;
}

const setImmediateYield = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Sizes chunks from the cost of the last one: `measured` gets the time from the start of a chunk to the next pause
 * (the chunk, and the findings built right after it, which only makes the next chunk smaller). Batches of findings
 * alone are not measured: they cost little and said nothing about the text (measuring them grew the chunks to
 * the maximum in the middle of a file made of findings).
 */
export class ChunkSizer {
  length = FIRST_CHUNK_LENGTH;

  measured(ms: number): void {
    // What the last chunk read: the chunk and both margins.
    const read = this.length + 2 * CHUNK_MARGIN;
    const perChar = Math.max(ms, 0.01) / read;
    const fitted = CHUNK_TARGET_MS / perChar - 2 * CHUNK_MARGIN;
    // Grow at most 4x at a time (one cheap stretch says little about what follows), shrink at once.
    this.length = Math.round(Math.min(MAX_CHUNK_LENGTH, this.length * 4, Math.max(MIN_CHUNK_LENGTH, fitted)));
  }
}

/** A full scan that yields every SCAN_SLICE_MS. Resolves to undefined when abandoned. */
export function scanInSlices(source: string | TextSource, options: SlicedScanOptions): Promise<Finding[] | undefined> {
  const { stillWanted, yieldNow = setImmediateYield, clock = () => performance.now(), ...detect } = options;
  const sizer = new ChunkSizer();
  let sliceStart = clock();
  /** When the chunk now running started (asked for its length), until the next pause measures it. */
  let chunkStart: number | undefined;
  return detectSecretsInChunks(source, {
    ...detect,
    chunkLength: () => {
      chunkStart = clock();
      return sizer.length;
    },
    pause: async () => {
      const now = clock();
      if (chunkStart !== undefined) sizer.measured(now - chunkStart);
      chunkStart = undefined;
      if (now - sliceStart >= SCAN_SLICE_MS) {
        await yieldNow();
        sliceStart = clock();
      }
      return stillWanted();
    },
  });
}
