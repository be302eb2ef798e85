/**
 * One file, bytes in, findings out: the part that runs on the main thread or in a worker. Decides from the bytes
 * (lock file, size, binary, no family's anchors) before paying for a decode, which is most of the CLI's cost.
 */
import { isLockFile } from '../detector';
import { decode, sniffEncoding } from './decode';
import { FAMILIES, type CliFinding, type VerifiableValue } from './rules';

export interface ScanFileOptions {
  maxBytes: number;
  keepValues: boolean;
}

export type FileResult =
  | { path: string; status: 'scanned'; findings: CliFinding[]; values?: VerifiableValue[] }
  | { path: string; status: 'skipped'; why: 'lock' | 'large' | 'binary' }
  | { path: string; status: 'failed'; why: string };

export function scanBytes(path: string, bytes: Buffer, options: ScanFileOptions): FileResult {
  const encoding = sniffEncoding(bytes);
  if (encoding === 'binary') return { path, status: 'skipped', why: 'binary' };
  // The byte gates search UTF-8/ASCII anchors: UTF-16 text is always decoded and scanned.
  const families = encoding === 'utf8' ? FAMILIES.filter((f) => f.mayMatch(bytes, path)) : FAMILIES;
  if (families.length === 0) return { path, status: 'scanned', findings: [] };
  const text = decode(bytes, encoding);
  const findings: CliFinding[] = [];
  const values: VerifiableValue[] = [];
  for (const family of families) {
    const result = family.scan(text, path, { keepValues: options.keepValues });
    findings.push(...result.findings);
    if (result.values) values.push(...result.values);
  }
  return options.keepValues ? { path, status: 'scanned', findings, values } : { path, status: 'scanned', findings };
}

/** Size and lock-file checks first (no read), then the read, whose failure is this file's alone. */
export function scanFile(path: string, size: number, read: () => Buffer, options: ScanFileOptions): FileResult {
  if (isLockFile(path)) return { path, status: 'skipped', why: 'lock' };
  if (size > options.maxBytes) return { path, status: 'skipped', why: 'large' };
  let bytes: Buffer;
  try {
    bytes = read();
  } catch (error) {
    return { path, status: 'failed', why: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
  }
  // The size can grow between listing and reading: the limit holds for what was read.
  if (bytes.length > options.maxBytes) return { path, status: 'skipped', why: 'large' };
  return scanBytes(path, bytes, options);
}
