/**
 * Bytes to text for the scanner: UTF-8 (BOM stripped), UTF-16 LE/BE with a BOM or detectably UTF-16 without one
 * (Windows tools write .reg, .ps1 output and some .env files that way), and binary, which is skipped.
 * Decides from at most the first 8 KB, so it costs the same on any file size.
 */
import { BINARY_SNIFF_LENGTH } from '../detector';

export type Encoding = 'utf8' | 'utf16le' | 'utf16be' | 'binary';

/**
 * Without a BOM, UTF-16 text of mostly ASCII has a NUL in every other byte: LE puts it at odd offsets, BE at even
 * ones. A binary file has NULs scattered on both sides, so one side must be nearly NUL-free.
 */
function sniffUtf16(head: Buffer): Encoding | undefined {
  const pairs = head.length >> 1;
  if (pairs < 2) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < head.length; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  if (oddNul >= pairs * 0.4 && evenNul <= pairs * 0.02) return 'utf16le';
  if (evenNul >= pairs * 0.4 && oddNul <= pairs * 0.02) return 'utf16be';
  return undefined;
}

export function sniffEncoding(bytes: Buffer): Encoding {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf16be';
  const head = bytes.subarray(0, BINARY_SNIFF_LENGTH);
  if (!head.includes(0)) return 'utf8';
  return sniffUtf16(head) ?? 'binary';
}

/** The text of `bytes` in `encoding` (not 'binary'), without a BOM. */
export function decode(bytes: Buffer, encoding: Exclude<Encoding, 'binary'>): string {
  if (encoding === 'utf8') {
    const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    return (bom ? bytes.subarray(3) : bytes).toString('utf8');
  }
  const bom = bytes.length >= 2 && (bytes[0] === 0xff || bytes[0] === 0xfe) && bytes[1] !== bytes[0];
  const body = bytes.subarray(bom ? 2 : 0, bytes.length - (bytes.length % 2));
  if (encoding === 'utf16le') return body.toString('utf16le');
  // No utf16be decoder in Buffer: swap a copy (swap16 works in place).
  return Buffer.from(body).swap16().toString('utf16le');
}
