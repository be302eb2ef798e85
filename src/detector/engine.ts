/**
 * One pass over a string: prefilter, rules around each hit, suppression, overlap resolution. Works the same on a
 * whole document and on a window of it (incremental rescans), because no rule looks further than
 * DEPENDENCY_RADIUS from its finding.
 */
import { ContextIndex } from './context';
import { findContextHits, visitKeywordHits, type Hit } from './keywords';
import { fromHit, fromJwt, knownSecretCandidates, type Candidate } from './rules';
import { fromMcpHeader } from './mcpConfig';
import { Suppressions } from './suppression';
import type { KnownSecret } from './types';
import { MAX_VALUE } from './assignment';
import { CONTEXT_RADIUS, MAX_LEAD, MAX_SPAN } from './window';

export interface EngineOptions {
  knownSecrets: readonly KnownSecret[];
  /** The file name mentions Vendaze: every value counts as being in Vendaze context. */
  fileContext: boolean;
  now: number;
}

/**
 * A keyword can only lead to a tier-2/4 finding when context lies within CONTEXT_RADIUS of the value it
 * introduces, and a value starts at most MAX_LEAD after its keyword (plus spaces and a quote) and is at most
 * MAX_VALUE long (MAX_SPAN is for JWTs, which need no keyword). So keywords are only searched within these
 * distances of a context position (plus slack for keywords cut by the edge).
 */
const BEFORE_CONTEXT = CONTEXT_RADIUS + MAX_VALUE + MAX_LEAD + 64;
const AFTER_CONTEXT = CONTEXT_RADIUS + MAX_LEAD + 64;

function visitHits(text: string, context: ContextIndex, visit: (hit: Hit) => void): void {
  if (context.everywhere) {
    visitKeywordHits(text, 0, text.length, visit);
    return;
  }
  let windowStart = -1;
  let windowEnd = -1;
  for (const p of context.positions) {
    const start = Math.max(0, p - BEFORE_CONTEXT);
    const end = Math.min(text.length, p + AFTER_CONTEXT);
    if (start <= windowEnd) {
      windowEnd = Math.max(windowEnd, end);
      continue;
    }
    if (windowEnd > windowStart) visitKeywordHits(text, windowStart, windowEnd, visit);
    windowStart = start;
    windowEnd = end;
  }
  if (windowEnd > windowStart) visitKeywordHits(text, windowStart, windowEnd, visit);
}

export function scanCandidates(text: string, options: EngineOptions): Candidate[] {
  const contextHits = findContextHits(text);
  const context = new ContextIndex(text, contextHits, options.fileContext);
  const found = knownSecretCandidates(text, options.knownSecrets);
  for (const at of contextHits.jwts) {
    const candidate = fromJwt(text, at, options.now);
    if (candidate) found.push(candidate);
  }
  visitHits(text, context, (hit) => {
    const candidate = fromHit(text, hit, context);
    if (candidate) found.push(candidate);
    fromMcpHeader(text, hit, context, found);
  });
  if (found.length === 0) return found;
  // In text order, so the suppression check walks the lines once (see Suppressions).
  found.sort(compareCandidates);
  const suppressions = new Suppressions(text);
  return resolve(found.filter((c) => !suppressions.isSuppressed(c.start, c.end)));
}

/** Lower tier wins, then the longer span, then the earlier one. */
function better(a: Candidate, b: Candidate): boolean {
  if (a.tier !== b.tier) return a.tier < b.tier;
  const la = a.end - a.start;
  const lb = b.end - b.start;
  if (la !== lb) return la > lb;
  return a.start < b.start;
}

export function compareCandidates(a: { start: number; end: number; ruleId: string }, b: { start: number; end: number; ruleId: string }): number {
  return a.start - b.start || a.end - b.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

/**
 * Drops exact duplicates (two keywords of one key reach the same value) and any candidate that overlaps a better
 * one (a known secret is also a client_secret value: report it once, as the known one). Only overlapping
 * neighbours are compared, which keeps the decision local.
 */
function resolve(candidates: Candidate[]): Candidate[] {
  candidates.sort(compareCandidates);
  const unique: Candidate[] = [];
  for (const c of candidates) {
    const last = unique[unique.length - 1];
    if (last && last.start === c.start && last.end === c.end && last.ruleId === c.ruleId) continue;
    unique.push(c);
  }
  return unique.filter((c, i) => {
    for (let j = i + 1; j < unique.length && unique[j]!.start < c.end; j++) if (better(unique[j]!, c)) return false;
    for (let j = i - 1; j >= 0 && unique[j]!.start > c.start - MAX_SPAN; j--) {
      if (unique[j]!.end > c.start && better(unique[j]!, c)) return false;
    }
    return true;
  });
}
