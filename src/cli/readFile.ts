/**
 * Reads a working-tree file for scanning: never through a symlink (O_NOFOLLOW, so a link swapped in after the
 * listing is refused too), never a FIFO or device (fstat on the open descriptor), and first through one small
 * reused window, so that a file the byte gate refuses is never held whole.
 *
 * Why a window: on the VMs we measured, the first touch of each 4 KB page by user code costs ~16 us, even for a
 * page read() has just filled. A scratch buffer grown to the largest file (9 MB in the bench corpus) meant every
 * large file was read into, and then searched over, memory touched for the first time: reads and the gate were
 * ~150 ms of the CLI's ~340 on that corpus. Through a pre-touched window they take ~45 ms.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import { BINARY_SNIFF_LENGTH } from '../detector';

/**
 * What decides, window by window, whether a file must be read whole. The reader hands it each window in file
 * order: the first starts at offset 0 and holds at least BINARY_SNIFF_LENGTH bytes (or the whole file); each
 * later one starts with the last `carry` bytes of the one before, so a pattern that straddles a boundary is
 * seen whole in one window provided it spans no more than `carry` bytes.
 */
export interface Inspector {
  readonly carry: number;
  /** True once it has seen enough: no further window is read. */
  see(window: Buffer): boolean;
  /** Asked after the last window: read the file whole (and return it)? */
  readonly wantsWhole: boolean;
}

export type ReadOutcome =
  /** The whole file, valid until the next read (it lives in a reused buffer). */
  | { bytes: Buffer }
  /** Read through, and the inspector did not want it whole. */
  | { inspected: true }
  | { skip: 'large' | 'not-a-file' }
  | { error: string };

/** Undefined on platforms without it (Windows): there, an lstat check stands in. */
const NOFOLLOW = (constants as { O_NOFOLLOW?: number }).O_NOFOLLOW;
/**
 * Opening a FIFO for reading blocks until a writer comes, before fstat could refuse it: a file swapped for a FIFO
 * after the listing would hang the scan. O_NONBLOCK makes that open return at once; on a regular file it changes
 * nothing. Undefined on Windows (no FIFOs in the file system).
 */
const NONBLOCK = (constants as { O_NONBLOCK?: number }).O_NONBLOCK ?? 0;

/**
 * 256 KB: 64 KB to 1 MB measured alike on the bench corpus (the number of reads hardly matters; untouched
 * memory does). Large enough that most source files fit in one window, and then are never read twice.
 */
export const DEFAULT_WINDOW = 256 * 1024;

export class ScratchReader {
  private readonly window: Buffer;
  private readonly windowSize: number;
  /** For the files read whole: grown on demand to the largest such file. */
  private whole = Buffer.allocUnsafe(64 * 1024);

  constructor(windowSize = DEFAULT_WINDOW, maxCarry = 4096) {
    if (windowSize < BINARY_SNIFF_LENGTH || windowSize < maxCarry) throw new RangeError('window smaller than the sniff length or the carry');
    this.windowSize = windowSize;
    // Touched once here (fill), not by the first file's read: see the header comment.
    this.window = Buffer.allocUnsafe(windowSize + maxCarry).fill(0);
  }

  read(path: string, maxBytes: number, inspector: Inspector): ReadOutcome {
    if (inspector.carry > this.window.length - this.windowSize) throw new RangeError('inspector carry larger than this reader allows');
    let fd: number;
    try {
      if (NOFOLLOW === undefined && lstatSync(path).isSymbolicLink()) return { skip: 'not-a-file' };
      fd = openSync(path, constants.O_RDONLY | (NOFOLLOW ?? 0) | NONBLOCK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') return { skip: 'not-a-file' }; // a symlink
      return { error: code ?? (error as Error).message };
    }
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile()) return { skip: 'not-a-file' };
      if (stat.size > maxBytes) return { skip: 'large' };
      const through = this.inspect(fd, maxBytes, inspector);
      if (through === 'large') return { skip: 'large' };
      if (!inspector.wantsWhole) return { inspected: true };
      // A file that fitted in the first window is already there whole: no second read.
      if (through !== 'partial') return { bytes: through };
      return this.readWhole(fd, stat.size, maxBytes);
    } catch (error) {
      return { error: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Windows from the current position (0) to the end or until the inspector has seen enough. Returns the whole
   * file when it fitted in the first window, 'partial' when it did not, 'large' past maxBytes (a file that
   * grew since fstat). A read of a regular file that returns less than asked has reached the end (libuv retries
   * interrupted reads), so no extra read is spent finding the end.
   */
  private inspect(fd: number, maxBytes: number, inspector: Inspector): Buffer | 'partial' | 'large' {
    const { window, windowSize } = this;
    const carry = inspector.carry;
    let total = 0;
    let kept = 0; // carried bytes at the start of the window
    for (;;) {
      const n = readSync(fd, window, kept, windowSize, null);
      total += n;
      if (total > maxBytes) return 'large';
      const length = kept + n;
      const enough = inspector.see(window.subarray(0, length));
      if (n < windowSize) return kept === 0 ? window.subarray(0, length) : 'partial';
      if (enough) return 'partial';
      window.copy(window, 0, length - carry, length);
      kept = carry;
    }
  }

  /** The file from offset 0 (pread, same descriptor), to its end even if it grew since fstat, up to maxBytes. */
  private readWhole(fd: number, size: number, maxBytes: number): ReadOutcome {
    // One byte of room beyond the size, so the read that finds the end never has to grow (and copy) the buffer.
    if (size >= this.whole.length) this.whole = Buffer.allocUnsafe(Math.max(size + 1, this.whole.length * 2));
    let length = 0;
    for (;;) {
      if (length === this.whole.length) {
        if (length >= maxBytes) return { skip: 'large' };
        const bigger = Buffer.allocUnsafe(this.whole.length * 2);
        this.whole.copy(bigger, 0, 0, length);
        this.whole = bigger;
      }
      const asked = this.whole.length - length;
      const n = readSync(fd, this.whole, length, asked, length);
      length += n;
      if (n < asked) break;
    }
    if (length > maxBytes) return { skip: 'large' };
    return { bytes: this.whole.subarray(0, length) };
  }
}
