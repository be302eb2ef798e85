/**
 * Every string the CLI prints that it did not write (file paths, rule messages with keys, git authors, server
 * text) goes through `printable` first: a file named with terminal escapes could otherwise rewrite its own
 * finding line ("\x1b[2K\r… no secrets found"), and bidi overrides could reorder what a reviewer reads.
 * Control characters are not dropped silently but shown as escapes, so two names never collapse into one.
 */

/** C0 controls, DEL, C1 controls, bidi embeddings/overrides/isolates, line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escape(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

export function printable(text: string): string {
  return text.replace(UNSAFE, escape);
}

/** A copy of a JSON-like value with every string passed through `printable` (for --format json and SARIF). */
export function printableDeep<T>(value: T): T {
  if (typeof value === 'string') return printable(value) as T;
  if (Array.isArray(value)) return value.map(printableDeep) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[printable(k)] = printableDeep(v);
    return out as T;
  }
  return value;
}
