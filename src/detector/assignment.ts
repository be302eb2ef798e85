/**
 * Reads `key <separator> value` around a keyword hit, for every syntax a credential is written in:
 *   JSON / JS / Go / Python dict   "client_secret": "v"      clientSecret: 'v'      ClientSecret: "v",
 *   .env / shell / INI / TOML      VENDAZE_CLIENT_SECRET=v   export X="v"           client_secret = v
 *   YAML                           client_secret: v
 *   code assignments               const clientSecret = "v"  client_secret := "v"   String CLIENT_SECRET = "v";
 *   calls and maps                 setClientSecret("v")      .put("client_secret", "v")  'client_secret' => 'v'
 *   curl -d, query strings         -d client_secret=v        ?client_id=…&client_secret=v
 *   XML                            <clientSecret>v</clientSecret>
 * Hand-written scanning with fixed bounds instead of one big regex: linear by construction, and it never
 * looks more than MAX_LEAD characters past the keyword or 512 characters into the value.
 */
import { MAX_LEAD } from './window';

export interface Assignment {
  key: string;
  keyStart: number;
  valueStart: number;
  valueEnd: number;
  /** Span of the literal including its quotes (what a quick fix replaces). */
  literalStart: number;
  literalEnd: number;
  value: string;
  quoted: boolean;
  /** The character right after an unquoted value: `(` or `[` means the "value" was code (a call, an index). */
  following: string;
}

const MAX_KEY = 64;
const MAX_SPACES = 16;
export const MAX_VALUE = 512;

export function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 /* _ */ || c === 45 /* - */ || c === 46 /* . */;
}

function isQuote(ch: string): boolean {
  return ch === '"' || ch === "'" || ch === '`';
}

/** Characters that end an unquoted value: whitespace, quotes, and the punctuation that closes a field. */
export function endsUnquoted(c: number): boolean {
  return c <= 32 || c === 34 || c === 39 || c === 96 || c === 44 || c === 59 || c === 38 || c === 41 || c === 93 || c === 125 || c === 60 || c === 62 || c === 124 || c === 40 || c === 91 || c === 92;
}

function skipSpaces(text: string, at: number): number {
  let p = at;
  const limit = Math.min(text.length, at + MAX_SPACES);
  while (p < limit && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
  return p;
}

/** The separator after a key; returns the offset after it, or -1. */
function separatorEnd(text: string, at: number, quotedKey: boolean, xmlKey: boolean, touching: boolean): number {
  const c = text[at];
  const next = text[at + 1];
  if (xmlKey) return c === '>' ? at + 1 : -1;
  if ((c === ':' || c === '?') && next === '=') return at + 2;
  if (c === '=' && next === '>') return at + 2;
  if (c === '=' && next !== '=') return at + 1;
  if (c === ':' && next !== ':') return at + 1;
  if (c === '(' && touching) return at + 1;
  if (c === ',' && quotedKey) return at + 1;
  return -1;
}

interface ValueSpan {
  start: number;
  end: number;
  literalStart: number;
  literalEnd: number;
  quoted: boolean;
  following: string;
}

/**
 * What one scan has learnt about unquoted runs: [from, to) holds no character that ends an unquoted value.
 * Keyword-dense text (`VENDAZE_CLIENT_SECRET=` repeated) starts a value read every few characters inside one
 * long run; without this, each read went on to MAX_VALUE (512) characters: 0.2 s per MB. With it, the run is
 * read once. Belongs to one text: create one per scan, never keep it.
 */
export class UnquotedRuns {
  from = -1;
  to = -1;

  /** End of the unquoted value starting at `at`: the first character ending it, or `limit`. */
  end(text: string, at: number, limit: number): number {
    const known = at >= this.from && at < this.to;
    let i = known ? Math.min(this.to, limit) : at;
    while (i < limit && !endsUnquoted(text.charCodeAt(i))) i++;
    if (known) this.to = Math.max(this.to, i);
    else {
      this.from = at;
      this.to = i;
    }
    return i;
  }
}

/** Python string prefix letters: r b u f (either case); `twoLetter`: those that combine (rb, br, fr…). */
function isPrefixLetter(c: number, twoLetter: boolean): boolean {
  const lower = c | 0x20;
  return lower === 0x72 /* r */ || lower === 0x62 /* b */ || lower === 0x66 /* f */ || (!twoLetter && lower === 0x75) /* u */;
}

/** `"`, `'` or a backtick. */
function isQuoteCode(c: number): boolean {
  return c === 34 || c === 39 || c === 96;
}

// Runs once per candidate value: character codes, not one-character strings and regexes (a third of the cost
// of client_id-dense text went to those).
function readValue(text: string, at: number, xmlKey: boolean, maxValue: number, runs: UnquotedRuns | undefined): ValueSpan | undefined {
  let p = at;
  // String prefixes: C# @"…", Python r"…" / b"…" / f"…" / rb"…".
  const literalStart = p;
  const c0 = text.charCodeAt(p);
  const c1 = text.charCodeAt(p + 1);
  if (c0 === 64 /* @ */ && c1 === 34) p++;
  else if (isPrefixLetter(c0, false) && isQuoteCode(c1)) p++;
  else if (isPrefixLetter(c0, true) && isPrefixLetter(c1, true) && isQuoteCode(text.charCodeAt(p + 2))) p += 2;
  const quote = text.charCodeAt(p);
  if (!xmlKey && isQuoteCode(quote)) {
    const start = p + 1;
    const limit = Math.min(text.length, start + maxValue + 1);
    for (let i = start; i < limit; i++) {
      const ch = text.charCodeAt(i);
      if (ch === quote && text.charCodeAt(i - 1) !== 92 /* \ */) return { start, end: i, literalStart, literalEnd: i + 1, quoted: true, following: text[i + 1] ?? '' };
      if (ch === 10 || ch === 13) return undefined;
    }
    return undefined;
  }
  if (p !== at) return undefined; // a prefix letter not followed by a quote is just the value's first letter
  const limit = Math.min(text.length, at + maxValue + 1);
  const i = (runs ?? new UnquotedRuns()).end(text, at, limit);
  if (i === at || i - at > maxValue) return undefined; // empty, or longer than any value we report
  return { start: at, end: i, literalStart: at, literalEnd: i, quoted: false, following: text[i] ?? '' };
}

export interface KeySpan {
  key: string;
  keyStart: number;
  keyEnd: number;
}

/** The key (identifier, dotted or dashed) around the keyword at [hitStart, hitEnd). */
export function parseKey(text: string, hitStart: number, hitEnd: number): KeySpan | undefined {
  let keyStart = hitStart;
  const floor = Math.max(0, hitStart - MAX_KEY);
  while (keyStart > floor && isKeyChar(text.charCodeAt(keyStart - 1))) keyStart--;
  let keyEnd = hitEnd;
  const ceiling = Math.min(text.length, hitEnd + MAX_KEY);
  while (keyEnd < ceiling && isKeyChar(text.charCodeAt(keyEnd))) keyEnd++;
  // Trailing dots/dashes belong to the sentence, not to the key ("…the client-secret." / "--client-secret").
  while (keyEnd > hitEnd && (text.charCodeAt(keyEnd - 1) === 46 || text.charCodeAt(keyEnd - 1) === 45)) keyEnd--;
  return keyEnd > keyStart ? { key: text.slice(keyStart, keyEnd), keyStart, keyEnd } : undefined;
}

export interface ParseOptions {
  /** The key, when the caller has parsed it already. */
  key?: KeySpan;
  /** The longest value the caller can use (a client_id is 36 characters): nothing longer is read. */
  maxValue?: number;
  /** The scan's memory of unquoted runs (see UnquotedRuns). */
  runs?: UnquotedRuns;
}

/** Parses the assignment whose key contains the keyword at [hitStart, hitEnd). */
export function parseAssignment(text: string, hitStart: number, hitEnd: number, options: ParseOptions = {}): Assignment | undefined {
  const { key: knownKey, maxValue = MAX_VALUE, runs } = options;
  const span = knownKey ?? parseKey(text, hitStart, hitEnd);
  if (!span) return undefined;
  const { key, keyStart, keyEnd } = span;
  const before = text[keyStart - 1] ?? '';
  const xmlKey = before === '<';
  let p = keyEnd;
  let quotedKey = false;
  if (isQuote(before) && text[p] === before) {
    quotedKey = true;
    p++;
    if (text[keyStart - 2] === '[' && text[p] === ']') p++;
  }
  const touching = p === keyEnd;
  p = skipSpaces(text, p);
  const separator = text[p];
  p = separatorEnd(text, p, quotedKey, xmlKey, touching);
  if (p < 0 || p - hitEnd > MAX_LEAD) return undefined;
  p = skipSpaces(text, p);

  // A type annotation (read below) may be longer than the value the caller wants, but lies within MAX_LEAD.
  let value = readValue(text, p, xmlKey, Math.max(maxValue, MAX_LEAD), runs);
  // TypeScript annotations: `clientSecret: string = "v"` -> the value is after the `=`.
  if (value && !value.quoted && text[p - 1] !== '=' && /^[A-Za-z_][\w.]*$/.test(text.slice(value.start, value.end))) {
    const afterType = skipSpaces(text, value.end);
    if (text[afterType] === '=' && text[afterType + 1] !== '=' && text[afterType + 1] !== '>' && afterType - hitEnd <= MAX_LEAD) {
      value = readValue(text, skipSpaces(text, afterType + 1), false, maxValue, runs) ?? value;
    }
  }
  if (!value || value.end - value.start > maxValue) return undefined;
  // After `(` or `,` only a string literal is a value: `put("client_secret", v)` passes code, not data.
  if ((separator === '(' || separator === ',') && !value.quoted) return undefined;
  return {
    key,
    keyStart,
    valueStart: value.start,
    valueEnd: value.end,
    literalStart: value.literalStart,
    literalEnd: value.literalEnd,
    value: text.slice(value.start, value.end),
    quoted: value.quoted,
    following: value.following,
  };
}

/** Key normalised for classification: lower case, letters and digits only (`VENDAZE_CLIENT_SECRET` -> `vendazeclientsecret`). */
export function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}
