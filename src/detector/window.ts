/**
 * Bounded look-around helpers. Every rule looks at most a fixed number of characters away from its keyword,
 * which is what keeps a minified multi-megabyte line fast and what lets an incremental rescan read only a
 * window of the document and still agree with a full scan.
 */

/** How far (characters) a finding's Vendaze context and suppression comment may be. */
export const CONTEXT_RADIUS = 2048;

/** The longest value any rule reports (JWT caps: 512 + 3072 + 512). Longer values are not reported. */
export const MAX_SPAN = 4100;

/** The furthest a keyword sits before the value it introduces (key, quotes, separator, spaces). */
export const MAX_LEAD = 160;

/** Everything a finding depends on lies within this distance of its span. */
export const DEPENDENCY_RADIUS = CONTEXT_RADIUS + 2 * MAX_LEAD + 64;

const NEWLINE = 10;

/** Start of the line holding `offset`, but never further back than `limit`. */
export function lineStartWithin(text: string, offset: number, limit: number): number {
  const floor = Math.max(0, limit);
  for (let i = offset - 1; i >= floor; i--) if (text.charCodeAt(i) === NEWLINE) return i + 1;
  return floor;
}

/** End of the line holding `offset` (index of its newline, or text end), but never further than `limit`. */
export function lineEndWithin(text: string, offset: number, limit: number): number {
  const ceiling = Math.min(text.length, limit);
  for (let i = offset; i < ceiling; i++) if (text.charCodeAt(i) === NEWLINE) return i;
  return ceiling;
}
