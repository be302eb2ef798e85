/**
 * One file, bytes in, findings out: the part that runs on the main thread or in a worker. Decides from the bytes
 * (lock file, size, binary, no family's anchors) before paying for a decode, which was most of the CLI's cost.
 */
import { isLockFile } from '../detector';
import { decode, sniffEncoding } from './decode';
import type { SourceFile } from './files';
import { WindowGate } from './gate';
import { ScratchReader } from './readFile';
import { FAMILIES, type CliFinding, type RuleFamily, type VerifiableValue } from './rules';

export interface ScanFileOptions {
  maxBytes: number;
  keepValues: boolean;
}

export type FileResult =
  | { path: string; status: 'scanned'; findings: CliFinding[]; values?: VerifiableValue[] }
  | { path: string; status: 'skipped'; why: 'lock' | 'large' | 'binary' }
  /** Not a regular file when read (symlink, directory, gone since the listing): not counted. */
  | { path: string; status: 'gone' }
  | { path: string; status: 'failed'; why: string };

/**
 * `open`: the families a window gate (gate.ts) let through, when the bytes came through one; otherwise each
 * family's gate runs here on the whole buffer. The encoding is sniffed again from these bytes: a file can change
 * between the gated pass and the whole read.
 */
export function scanBytes(path: string, bytes: Buffer, options: ScanFileOptions, open?: readonly RuleFamily[]): FileResult {
  const encoding = sniffEncoding(bytes);
  if (encoding === 'binary') return { path, status: 'skipped', why: 'binary' };
  // The byte gates search UTF-8/ASCII anchors: UTF-16 text is always decoded and scanned.
  const families = encoding === 'utf8' ? (open ?? FAMILIES.filter((f) => f.mayMatch(bytes, path))) : FAMILIES;
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

/** Lock-file and size checks first (no read), then the read, whose failure is this file's alone. */
export function scanSource(source: SourceFile, options: ScanFileOptions, reader: ScratchReader): FileResult {
  const path = source.path;
  if (isLockFile(path)) return { path, status: 'skipped', why: 'lock' };
  if ('absolute' in source) {
    // Gated window by window as it is read: only a file that may hold a finding is held and decoded whole.
    const gate = new WindowGate(path);
    const read = reader.read(source.absolute, options.maxBytes, gate);
    if ('bytes' in read) return scanBytes(path, read.bytes, options, gate.open);
    if ('inspected' in read) return gate.encoding === 'binary' ? { path, status: 'skipped', why: 'binary' } : { path, status: 'scanned', findings: [] };
    if ('skip' in read) return read.skip === 'large' ? { path, status: 'skipped', why: 'large' } : { path, status: 'gone' };
    return read.error === 'ENOENT' ? { path, status: 'gone' } : { path, status: 'failed', why: read.error };
  }
  if (source.size > options.maxBytes) return { path, status: 'skipped', why: 'large' };
  try {
    return scanBytes(path, source.read(), options);
  } catch (error) {
    return { path, status: 'failed', why: (error as Error).message };
  }
}
