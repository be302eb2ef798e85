/**
 * How the editor scans a whole document without freezing: the extension host runs every extension on one thread,
 * so no scan may hold it for more than a few milliseconds at a time (the budget is 50 ms; `npm run bench`
 * prints `editor-longest-block-ms`, measured on the most adversarial text we know, just under the size limit).
 *
 * Documents up to SCAN_CHUNK_LENGTH are scanned in one call (a few ms at worst). Larger ones are scanned chunk by
 * chunk (detectSecretsInChunks: the same findings as one call), and the scan yields to the event loop whenever
 * SCAN_SLICE_MS have passed, so typing, other extensions and the UI go on in between. No `vscode` here: the bench
 * runs exactly this code.
 */
import { detectSecretsInChunks, type DetectOptions, type Finding, type TextSource } from '../detector';

/** VS Code stops syncing documents to extensions above 50 MB; below this, scan anything that is text. */
export const MAX_DOCUMENT_LENGTH = 20 * 1024 * 1024;

/** Characters decided per chunk (each reads ~21 KB more): ~5 ms on the worst text we know (at most 40 ms per MB). */
export const SCAN_CHUNK_LENGTH = 128 * 1024;

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

/** A full scan that yields every SCAN_SLICE_MS. Resolves to undefined when abandoned. */
export function scanInSlices(source: string | TextSource, options: SlicedScanOptions): Promise<Finding[] | undefined> {
  const { stillWanted, yieldNow = setImmediateYield, clock = () => performance.now(), ...detect } = options;
  let sliceStart = clock();
  return detectSecretsInChunks(source, {
    ...detect,
    chunkLength: SCAN_CHUNK_LENGTH,
    pause: async () => {
      if (clock() - sliceStart >= SCAN_SLICE_MS) {
        await yieldNow();
        sliceStart = clock();
      }
      return stillWanted();
    },
  });
}
