/**
 * Bounded, linear-time helpers for text we did not write (server answers, callback parameters, settings).
 * No regex here may backtrack: a server controls the input.
 */

/** How much server-supplied text an error message quotes: enough to read, never a megabyte in a notification. */
export const MAX_DISPLAY_LENGTH = 2048;

/**
 * How much raw text is read before redaction when it will be cut to `max` anyway: redaction runs before the
 * cut (so the cut can never leave half a secret readable), and this bounds its cost on a huge body. A secret
 * straddling this first cut lies beyond the final one, so it never shows either.
 */
const PRE_CUT_FACTOR = 8;

/** Room for the "… (N more characters not shown)" note. */
const NOTE_SLACK = 64;

/**
 * Redacts `text` and cuts it to at most `max` characters (plus a note of how much was left out). Redaction comes
 * first: a secret cut in half by the truncation would otherwise escape every pattern and show its first half.
 */
export function redactedExcerpt(text: string, redact: (text: string) => string, max = MAX_DISPLAY_LENGTH): string {
  const preCut = text.length > max * PRE_CUT_FACTOR ? text.slice(0, max * PRE_CUT_FACTOR) : text;
  const clean = redact(preCut);
  // The slack lets an excerpt pass through again unchanged (an error copied with a hint added).
  if (clean.length <= max + NOTE_SLACK && preCut === text) return clean;
  // Never end on half a surrogate pair.
  let end = Math.min(max, clean.length);
  const last = clean.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${clean.slice(0, end)}… (${text.length - Math.min(text.length, end)} more characters not shown)`;
}

/** `text` without trailing `char`s. A loop, not `/\/+$/`, which is quadratic on a long run of `char` mid-text. */
export function trimTrailing(text: string, char: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === char) end--;
  return end === text.length ? text : text.slice(0, end);
}
