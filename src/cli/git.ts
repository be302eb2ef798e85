/** The few git calls the CLI makes: one process per question, never one per file. */
import { spawnSync } from 'node:child_process';

export function git(args: readonly string[], cwd: string, input?: Buffer | string): Buffer | undefined {
  const result = spawnSync('git', args, { cwd, input, maxBuffer: 1 << 30, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'ignore'] });
  return result.status === 0 ? result.stdout : undefined;
}

export function nulSeparated(output: Buffer): string[] {
  return output.toString('utf8').split('\u0000').filter((s) => s.length > 0);
}

/** `git cat-file --batch` output for blob ids, one process: id to content (missing ids are left out). */
export function readBlobs(ids: readonly string[], cwd: string): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  if (ids.length === 0) return blobs;
  const out = git(['cat-file', '--batch'], cwd, `${ids.join('\n')}\n`);
  if (!out) return blobs;
  let at = 0;
  while (at < out.length) {
    const eol = out.indexOf(0x0a, at);
    if (eol === -1) break;
    const [id, type, size] = out.subarray(at, eol).toString('latin1').split(' ');
    if (type === 'missing' || size === undefined) {
      at = eol + 1;
      continue;
    }
    const length = Number(size);
    blobs.set(id!, out.subarray(eol + 1, eol + 1 + length));
    at = eol + 1 + length + 1; // content, then a newline
  }
  return blobs;
}

/** `git cat-file --batch-check` sizes for blob ids, one process. */
export function blobSizes(ids: readonly string[], cwd: string): Map<string, number> {
  const sizes = new Map<string, number>();
  if (ids.length === 0) return sizes;
  const out = git(['cat-file', '--batch-check'], cwd, `${ids.join('\n')}\n`);
  for (const line of out?.toString('latin1').split('\n') ?? []) {
    const [id, type, size] = line.split(' ');
    if (id && type === 'blob') sizes.set(id, Number(size));
  }
  return sizes;
}
