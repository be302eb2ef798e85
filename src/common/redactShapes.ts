/**
 * Secret shapes the redactor masks even when the value was never registered: `key = value` pairs in every syntax
 * a log line, an error message or a server answer writes them in, `Bearer` / `Basic` credentials, OAuth codes
 * and JWTs.
 *
 * Linear time, by construction AND by test (test/unit/redactLinear.test.ts): every text we redact may come from
 * a server or a file. The rule that keeps it so: regexes here only find short, fixed anchors (a key name, a
 * scheme, `eyJ`); everything of variable length (spaces, a value, a token) is read by hand, forwards, and the
 * next search starts after what was read. So no character is read more than a bounded number of times, whatever
 * the input (the regex fallback this replaces read `-eyJ-eyJ…` quadratically: seconds for 64 KB).
 */

export const REDACTED = '[REDACTED]';

/** Key names whose value is always secret. Case-insensitive; any prefix (`VENDAZE_CLIENT_SECRET`, `x-api-key`). */
const KEYS = /client[_-]?secret|access[_-]?token|refresh[_-]?token|id[_-]?token|code[_-]?verifier|api[_-]?key|passw(?:or)?d|secret|token|code\b/gi;

/** `Bearer`/`Basic` followed by a space, `+` (form encoding) or `%20` (URL encoding). */
const SCHEMES = /\b(bearer|basic)(?:[ \t]+|%20|\+)/gi;

/** Text that makes a bare `code` an OAuth authorization code: a token request or a sign-in callback. */
const CODE_CONTEXT = /authorization_code|code_verifier|redirect_uri|callback/i;

/** What an error envelope's or a product's `code` looks like (`invalid_grant`, `rate_limited`): not a secret. */
const ERROR_CODE_SHAPE = /^[a-z]+(?:[_.-][a-z]+)*$/i;

/** How far spaces around a separator are followed (JSON pretty-printing, aligned YAML). */
const MAX_SPACES = 32;

interface Cut {
  start: number;
  end: number;
}

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;
const isWordChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isBase64Url = (c: number): boolean => isWordChar(c) || c === 45;
/** Token characters of a credential after Bearer/Basic (RFC 6750 b64token), plus `%` of URL-encoded ones. */
const isTokenChar = (c: number): boolean => isBase64Url(c) || c === 46 || c === 126 || c === 43 || c === 47 || c === 61 || c === 37;

function skipSpaces(text: string, at: number): number {
  let p = at;
  const limit = Math.min(text.length, at + MAX_SPACES);
  while (p < limit && isSpace(text.charCodeAt(p))) p++;
  return p;
}

/** `%XX` (case-insensitive hex) at `at`, as the upper-case two digits, or ''. */
function percent(text: string, at: number): string {
  return text.charCodeAt(at) === 37 ? text.slice(at + 1, at + 3).toUpperCase() : '';
}

/** A quote (`"`, `'`, `` ` ``), optionally escaped (`\"`, `\\\"`) or URL-encoded (`%22`, `%27`), at `at`. */
function quoteAt(text: string, at: number): { end: number; quote: string; backslashes: number; encoded: boolean } | undefined {
  let p = at;
  while (p < at + 8 && text.charCodeAt(p) === 92) p++;
  const c = text[p];
  if (c === '"' || c === "'" || c === '`') return { end: p + 1, quote: c, backslashes: p - at, encoded: false };
  const hex = percent(text, p);
  if (p === at && (hex === '22' || hex === '27')) return { end: p + 3, quote: hex === '22' ? '"' : "'", backslashes: 0, encoded: true };
  return undefined;
}

/** The separator between a key and its value: `=`, `:`, `=>`, `:=`, `%3D`, `%3A`; the offset after it, or -1. */
function separatorEnd(text: string, at: number): number {
  const c = text[at];
  const next = text[at + 1];
  if ((c === '=' && next === '>') || (c === ':' && next === '=')) return at + 2;
  if ((c === '=' && next !== '=') || (c === ':' && next !== ':')) return at + 1;
  const hex = percent(text, at);
  return hex === '3D' || hex === '3A' ? at + 3 : -1;
}

/** End of an unquoted value: whitespace, quotes, field separators, brackets, or a URL-encoded one of them. */
function unquotedEnd(text: string, at: number): number {
  let p = at;
  for (; p < text.length; p++) {
    const c = text.charCodeAt(p);
    if (c <= 32 || c === 34 || c === 39 || c === 96 || c === 38 || c === 44 || c === 59 || c === 41 || c === 93 || c === 125 || c === 60 || c === 62 || c === 92) break;
    if (c === 37 && /^(?:26|20|22|27|2C|3B|23)$/.test(percent(text, p))) break;
  }
  return p;
}

/**
 * End of a quoted value opened by `quote` after `backslashes` backslashes. In a plain string a backslash escapes
 * the next character (`"ab\"cd"`); in JSON inside a JSON string the quotes are `\"` and an escaped quote inside
 * is `\\\"`: the closing quote has as many backslashes as the opening one. A value runs to the end of its line at
 * most; one cut short by truncation (no closing quote) is masked to where it stops.
 */
function quotedEnd(text: string, at: number, quote: string, backslashes: number, encoded: boolean): number {
  const q = quote.charCodeAt(0);
  for (let p = at; p < text.length; p++) {
    const c = text.charCodeAt(p);
    if (c === 10 || c === 13) return p;
    if (encoded && c === 37 && /^(?:22|27|26)$/.test(percent(text, p))) return p;
    if (c === 92) {
      let run = 1;
      while (text.charCodeAt(p + run) === 92) run++;
      // `\"` closes a value whose opening quote was escaped too; elsewhere `\\"` is an escaped backslash, then the end.
      if (text.charCodeAt(p + run) === q) {
        if (backslashes > 0 && run === backslashes) return p;
        if (backslashes === 0 && run % 2 === 0) return p + run;
      }
      p += run - 1 + (run % 2); // past the backslashes, and past the character an odd run escapes
      continue;
    }
    if (c === q) return p;
  }
  return text.length;
}

/** A `key <separator> value` whose key ends at `keyEnd`: the value's span, or undefined. */
function valueAfterKey(text: string, keyEnd: number): Cut | undefined {
  let p = keyEnd;
  const closing = quoteAt(text, p); // "client_secret": / \"client_secret\": / %22client_secret%22%3A
  if (closing) p = closing.end;
  if (text[p] === ']') p++; // Python / Ruby / PHP: params['client_secret'] = …
  p = skipSpaces(text, p);
  p = separatorEnd(text, p);
  if (p < 0) return undefined;
  p = skipSpaces(text, p);
  const open = quoteAt(text, p);
  if (!open) {
    const end = unquotedEnd(text, p);
    return end > p ? { start: p, end } : undefined;
  }
  let start = open.end;
  let quoteLength = 1;
  // TOML / Python triple-quoted strings.
  while (quoteLength < 3 && open.backslashes === 0 && !open.encoded && text[start] === open.quote) {
    start++;
    quoteLength++;
  }
  if (quoteLength === 2) return undefined; // an empty string ("")
  if (quoteLength === 3) {
    const close = text.indexOf(open.quote.repeat(3), start);
    return { start, end: close < 0 ? text.length : close };
  }
  const end = quotedEnd(text, start, open.quote, open.backslashes, open.encoded);
  return end > start ? { start, end } : undefined;
}

/** `code` is an OAuth code after `?`/`&` (callback URL, form body) or, in a token request, as a quoted key. */
function isOAuthCode(text: string, keyStart: number, value: string, codeContext: boolean): boolean {
  const before = text[keyStart - 1];
  const encodedBefore = keyStart >= 3 ? percent(text, keyStart - 3) : '';
  if (keyStart === 0 || before === '?' || before === '&' || encodedBefore === '3F' || encodedBefore === '26') return true;
  if (isWordChar(text.charCodeAt(keyStart - 1))) return false; // error_code, zipcode, authorization_code
  return codeContext && !ERROR_CODE_SHAPE.test(value) && (before === '"' || before === "'" || before === '\\' || before === ' ' || before === '{' || before === ',');
}

function keyValueCuts(text: string, cuts: Cut[]): void {
  let codeContext: boolean | undefined;
  KEYS.lastIndex = 0;
  for (let m = KEYS.exec(text); m !== null; m = KEYS.exec(text)) {
    const keyStart = m.index;
    const keyEnd = keyStart + m[0].length;
    const cut = valueAfterKey(text, keyEnd);
    if (!cut) continue;
    KEYS.lastIndex = cut.end; // the value is read: the next key is searched after it (linear)
    if (text.startsWith(REDACTED, cut.start)) continue;
    if (m[0].length === 4 && m[0].toLowerCase() === 'code') {
      codeContext ??= CODE_CONTEXT.test(text);
      if (!isOAuthCode(text, keyStart, text.slice(cut.start, cut.end), codeContext)) continue;
    }
    cuts.push(cut);
  }
}

/** A credential after Bearer/Basic: always behind `Authorization`, elsewhere only when it looks like one. */
function schemeCuts(text: string, cuts: Cut[]): void {
  SCHEMES.lastIndex = 0;
  for (let m = SCHEMES.exec(text); m !== null; m = SCHEMES.exec(text)) {
    const start = m.index + m[0].length;
    let end = start;
    while (end < text.length && isTokenChar(text.charCodeAt(end)) && !/^(?:26|22|27|2C|3B)$/.test(percent(text, end))) end++;
    SCHEMES.lastIndex = Math.max(end, SCHEMES.lastIndex);
    if (end === start) continue;
    if (text.startsWith(REDACTED, start)) continue;
    const value = text.slice(start, end);
    const header = /authorization\W{0,4}$/i.test(text.slice(Math.max(0, m.index - 20), m.index));
    if (header || looksLikeCredential(value, m[1]!.toLowerCase() === 'basic')) cuts.push({ start, end });
  }
}

/** Prose says "bearer token" or "basic auth"; a credential has digits, symbols or length, or decodes to id:secret. */
function looksLikeCredential(value: string, basic: boolean): boolean {
  if (basic) return value.length >= 8 && Buffer.from(value, 'base64').toString('latin1').includes(':');
  return value.length >= 20 || /[0-9._~+/=%-]/.test(value);
}

/** JWTs: `eyJ` at a word start, then three base64url segments (the first two at least 4 characters long). */
function jwtCuts(text: string, cuts: Cut[]): void {
  for (let at = text.indexOf('eyJ'); at !== -1; at = text.indexOf('eyJ', at + 1)) {
    if (at > 0 && isWordChar(text.charCodeAt(at - 1))) continue;
    let p = at;
    const segmentEnds: number[] = [];
    for (let segment = 0; segment < 3; segment++) {
      const from = p;
      while (p < text.length && isBase64Url(text.charCodeAt(p))) p++;
      segmentEnds.push(p - from);
      if (segment < 2 && text.charCodeAt(p) === 46) p++;
      else break;
    }
    if (segmentEnds.length === 3 && segmentEnds[0]! >= 7 && segmentEnds[1]! >= 4) {
      cuts.push({ start: at, end: p });
      at = p - 1;
    } else {
      // Every eyJ inside the first segment just read fails the same way (same dots, shorter head): skip them.
      at = Math.max(at, at + segmentEnds[0]! - 1);
    }
  }
}

/** Every cut, merged, applied in one pass. */
export function redactShapes(text: string): string {
  const cuts: Cut[] = [];
  keyValueCuts(text, cuts);
  schemeCuts(text, cuts);
  jwtCuts(text, cuts);
  if (cuts.length === 0) return text;
  cuts.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const cut of cuts) {
    if (cut.end <= at) continue;
    // A cut overlapping the previous one extends its mask; one after it masks anew.
    if (cut.start >= at) out += text.slice(at, cut.start) + REDACTED;
    at = cut.end;
  }
  return out + text.slice(at);
}
