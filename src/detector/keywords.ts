/**
 * Two-stage keyword prefilter.
 *
 * Stage 1 is the only pass over the whole text: it looks for what every rule needs first — Vendaze context (the
 * name, or a client_id key) and JWTs (`eyJ`). One case-sensitive alternation of short literals, which V8 compiles
 * to a single native scan: on the bench corpus it ran ~6x faster than an indexOf loop per keyword variant and ~2x
 * faster than the same alternation with the `i` flag. No quantifiers beyond optional single characters: linear.
 *
 * Stage 2 looks for secret-ish keys (`secret`, `token`, `password`, `api_key`, `bearer`, `whsec_`), but only in
 * windows around the context found by stage 1: tiers 2 and 4 never report a value without context nearby.
 */
const CONTEXT = /endaze|ENDAZE|lient[_-]?[Ii][Dd]|LIENT[_-]?ID|eyJ/g;
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

export function findContextHits(text: string): ContextHits {
  const hits: ContextHits = { vendaze: [], clientIds: [], jwts: [] };
  CONTEXT.lastIndex = 0;
  for (let match = CONTEXT.exec(text); match !== null; match = CONTEXT.exec(text)) {
    const at = match.index;
    const first = match[0].charCodeAt(0) | 0x20;
    if (first === 0x65 /* e */ && match[0] !== 'eyJ') {
      if ((text.charCodeAt(at - 1) | 0x20) === 0x76 /* v */) hits.vendaze.push(at - 1);
    } else if (first === 0x6c /* l */) {
      if ((text.charCodeAt(at - 1) | 0x20) === 0x63 /* c */) hits.clientIds.push({ kind: 'clientId', start: at - 1, end: at + match[0].length });
    } else {
      hits.jwts.push(at);
    }
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
