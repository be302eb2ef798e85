/**
 * Reads a working-tree file for scanning: never through a symlink (O_NOFOLLOW, so a link swapped in after the
 * listing is refused too), never a FIFO or device (fstat on the open descriptor), and into a reused scratch
 * buffer: allocating one Buffer per file was a large part of the CLI's time (allocation plus GC).
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';

export type ReadOutcome = { bytes: Buffer } | { skip: 'large' | 'not-a-file' } | { error: string };

/** Undefined on platforms without it (Windows): there, an lstat check stands in. */
const NOFOLLOW = (constants as { O_NOFOLLOW?: number }).O_NOFOLLOW;

export class ScratchReader {
  private scratch = Buffer.allocUnsafe(1 << 20);

  /** The returned bytes are valid until the next call (they live in the scratch buffer). */
  read(path: string, maxBytes: number): ReadOutcome {
    let fd: number;
    try {
      if (NOFOLLOW === undefined && lstatSync(path).isSymbolicLink()) return { skip: 'not-a-file' };
      fd = openSync(path, constants.O_RDONLY | (NOFOLLOW ?? 0));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') return { skip: 'not-a-file' }; // a symlink
      return { error: code ?? (error as Error).message };
    }
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile()) return { skip: 'not-a-file' };
      if (stat.size > maxBytes) return { skip: 'large' };
      // One byte of room beyond the size, so the read that finds the end never has to grow (and copy) the buffer.
      if (stat.size >= this.scratch.length) this.scratch = Buffer.allocUnsafe(Math.max(stat.size + 1, this.scratch.length * 2));
      // Read to the end even if the file grew since fstat, up to the limit. A read of a regular file that returns
      // less than it was asked for has reached the end (libuv retries interrupted reads): no second read that
      // returns 0, one system call per file less.
      let length = 0;
      for (;;) {
        if (length === this.scratch.length) {
          if (length >= maxBytes) return { skip: 'large' };
          const bigger = Buffer.allocUnsafe(this.scratch.length * 2);
          this.scratch.copy(bigger, 0, 0, length);
          this.scratch = bigger;
        }
        const asked = this.scratch.length - length;
        const n = readSync(fd, this.scratch, length, asked, null);
        length += n;
        if (n < asked) break;
      }
      if (length > maxBytes) return { skip: 'large' };
      return { bytes: this.scratch.subarray(0, length) };
    } catch (error) {
      return { error: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
    } finally {
      closeSync(fd);
    }
  }
}
