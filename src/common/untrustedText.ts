/**
 * Text we did not write (an OAuth callback's `error_description`, a request line) on its way into a log line:
 * cut to a bound first, then quoted with every control, bidirectional-override and non-printing character
 * escaped, so it can neither run on, fake a new log line, nor reorder what is shown around it. Linear time.
 */

// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's whole job
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

export function quoteUntrusted(text: string, max = 200): string {
  const cut = text.length > max ? text.slice(0, max) : text;
  const escaped = cut.replace(/["\\]/g, (c) => `\\${c}`).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `"${escaped}"${text.length > max ? ` (cut, ${text.length} characters)` : ''}`;
}
