/**
 * Two-stage keyword prefilter.
 *
 * Stage 1 is the only pass over the whole text: it looks for what every rule needs first — Vendaze context (the
 * name, or a client_id key) and JWTs (`eyJ`). It is a handful of String.prototype.indexOf loops on case-sensitive
 * anchors, not a regex: V8 runs indexOf as memchr on the anchor's FIRST character, so each anchor starts with a
 * character that is rare in source text ("ze" of vendaze, "ZE" of VENDAZE, "yJ" of eyJ) and the rest of the
 * keyword is checked by hand around each hit. On the bench corpus this is ~2x faster than the single alternation
 * regex it replaces (which was itself ~6x faster than an indexOf per keyword variant: "endaze" and "eyJ" start
 * with the commonest letter, "e"). Same hits as /endaze|ENDAZE|lient[_-]?[Ii][Dd]|LIENT[_-]?ID|eyJ/g preceded by
 * v/V or c/C; no backtracking at all, so linear.
 *
 * Stage 2 looks for secret-ish keys (`secret`, `token`, `password`, `api_key`, `bearer`, `whsec_`), but only in
 * windows around the context found by stage 1: tiers 2 and 4 never report a value without context nearby.
 */
const KEYWORDS = /secret|token|passw(?:or)?d|api[_-]?key|bearer|whsec_/gi;

export type HitKind = 'secret' | 'generic' | 'bearer' | 'webhook' | 'clientId';

export interface Hit {
  kind: HitKind;
  start: number;
  end: number;
}

export interface ContextHits {
  /** Offsets of "vendaze" / "Vendaze" / "VENDAZE". */
  vendaze: number[];
  /** client_id-like keys, to be checked for a real-looking UUID value. */
  clientIds: Hit[];
  /** Offsets of `eyJ`, where a JWT may start. */
  jwts: number[];
}

/** `text` holds `word` (ASCII, exact case) at `at`. charCodeAt compares: no substring is allocated per hit. */
function holds(text: string, at: number, word: string): boolean {
  if (at < 0) return false;
  for (let i = 0; i < word.length; i++) if (text.charCodeAt(at + i) !== word.charCodeAt(i)) return false;
  return true;
}

/** v or V at `at` (`| 0x20` folds the case of an ASCII letter; NaN before the text start folds to 0x20). */
function isV(text: string, at: number): boolean {
  return (text.charCodeAt(at) | 0x20) === 0x76;
}

/** The `[_-]?` + id part of a client_id key starting at `at`: its end, or -1. `upper`: only `ID` (CLIENT_ID). */
function clientIdSuffixEnd(text: string, at: number, upper: boolean): number {
  const c = text.charCodeAt(at);
  const p = c === 0x5f /* _ */ || c === 0x2d /* - */ ? at + 1 : at;
  const i = text.charCodeAt(p);
  const d = text.charCodeAt(p + 1);
  if (upper) return i === 0x49 && d === 0x44 ? p + 2 : -1;
  return (i | 0x20) === 0x69 /* i */ && (d | 0x20) === 0x64 /* d */ ? p + 2 : -1;
}

export function findContextHits(text: string): ContextHits {
  const hits: ContextHits = { vendaze: [], clientIds: [], jwts: [] };
  // vendaze / Vendaze: anchored on "ze", whose "z" is rare; vENDAZE / VENDAZE on "ZE".
  for (let i = text.indexOf('ze'); i !== -1; i = text.indexOf('ze', i + 2)) {
    if (holds(text, i - 4, 'enda') && isV(text, i - 5)) hits.vendaze.push(i - 5);
  }
  const lower = hits.vendaze.length;
  for (let i = text.indexOf('ZE'); i !== -1; i = text.indexOf('ZE', i + 2)) {
    if (holds(text, i - 4, 'ENDA') && isV(text, i - 5)) hits.vendaze.push(i - 5);
  }
  if (lower > 0 && hits.vendaze.length > lower) hits.vendaze.sort((a, b) => a - b);
  // client_id keys: "lient" has no rare letter, but it is still one memchr-driven indexOf per case.
  for (const [anchor, upper] of [['lient', false], ['LIENT', true]] as const) {
    for (let i = text.indexOf(anchor); i !== -1; i = text.indexOf(anchor, i + 5)) {
      if ((text.charCodeAt(i - 1) | 0x20) !== 0x63 /* c */) continue;
      const end = clientIdSuffixEnd(text, i + 5, upper);
      if (end !== -1) hits.clientIds.push({ kind: 'clientId', start: i - 1, end });
    }
  }
  if (hits.clientIds.length > 1) hits.clientIds.sort((a, b) => a.start - b.start);
  // eyJ (base64 of `{"`): anchored on "yJ", the "e" checked before it.
  for (let i = text.indexOf('yJ'); i !== -1; i = text.indexOf('yJ', i + 2)) {
    if (text.charCodeAt(i - 1) === 0x65 /* e */) hits.jwts.push(i - 1);
  }
  return hits;
}

function classify(word: string): HitKind {
  switch (word.charCodeAt(0) | 0x20) {
    case 0x73 /* s */: return 'secret';
    case 0x62 /* b */: return 'bearer';
    case 0x77 /* w */: return 'webhook';
    default: return 'generic'; // token, password, passwd, api_key
  }
}

/** Secret-ish keywords inside [from, to). Reads a slice, so the scan never runs past the window. */
export function findKeywordHits(text: string, from: number, to: number, out: Hit[]): void {
  const window = from === 0 && to === text.length ? text : text.slice(from, to);
  KEYWORDS.lastIndex = 0;
  for (let match = KEYWORDS.exec(window); match !== null; match = KEYWORDS.exec(window)) {
    out.push({ kind: classify(match[0]), start: from + match.index, end: from + match.index + match[0].length });
  }
}
