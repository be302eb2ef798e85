/**
 * Practice 8, per-file facts: the scope lists a file requests (authorize URL, config, registration payload) and the
 * Vendaze resources it calls, read or written. project.ts compares them across the workspace.
 */
import { RESOURCE_PATHS } from '../../payloads/usage';
import type { SourceModel } from '../source';
import { matches } from '../text';

const SCOPE_TOKEN = /\b(?:people|companies|deals|tasks|activities|products|tags|lists|custom_fields):(?:read|write)\b|\bwebhooks:manage\b/g;
const SCOPE_KEY = /scopes?\b|SCOPES?\b|vendaze_scopes/i;
const V1_PATH = /\/v1\/([a-z][a-z-]{1,30})(?![a-z-])/g;
const WRITE_VERB = /method['"]?\s*(?:[:=]|=>)\s*['"](?:POST|PATCH|PUT|DELETE)['"]|\.(?:post|patch|put|delete|Post|Patch|Put|Delete)\s*\(|['"](?:POST|PATCH|PUT|DELETE)['"]|Net::HTTP::(?:Post|Patch|Put|Delete)|http\.Method(?:Post|Patch|Put|Delete)|->(?:post|patch|put|delete)\(|-X\s*(?:POST|PATCH|PUT|DELETE)/;

const SEGMENT_TO_RESOURCE = new Map(Object.entries(RESOURCE_PATHS).flatMap(([resource, segments]) => segments.map((s) => [s, resource] as const)));

export interface ScopeToken {
  scope: string;
  start: number;
  end: number;
}

export interface ScopeSite {
  tokens: ScopeToken[];
}

export interface ScopeFacts {
  sites: ScopeSite[];
  /** Scopes the calls in this file need ("people:read", "deals:write", "webhooks:manage"). */
  needs: string[];
  /** Offset of the first /v1 resource call. */
  firstCall?: number;
}

export function scopeFacts(src: SourceModel): ScopeFacts {
  const code = src.code;
  const sites: ScopeSite[] = [];
  let current: ScopeToken[] = [];
  const close = (): void => {
    if (current.length === 0) return;
    const first = current[0]!.start;
    if (SCOPE_KEY.test(code.slice(Math.max(0, first - 160), first))) sites.push({ tokens: current });
    current = [];
  };
  for (const m of matches(SCOPE_TOKEN, code, 400)) {
    const last = current[current.length - 1];
    if (last && (m.index - last.end > 80 || /\n\s*\n/.test(code.slice(last.end, m.index)))) close();
    current.push({ scope: m[0], start: m.index, end: m.index + m[0].length });
  }
  close();
  const needs = new Set<string>();
  let firstCall: number | undefined;
  for (const m of matches(V1_PATH, code, 400)) {
    const resource = SEGMENT_TO_RESOURCE.get(m[1]!);
    if (!resource) continue;
    firstCall ??= m.index;
    if (resource === 'webhooks') {
      needs.add('webhooks:manage');
      continue;
    }
    // The call around the path: its line (and the line before when the call opens there), up to the statement's `;`.
    let lineStart = code.lastIndexOf('\n', m.index - 1) + 1;
    const previous = code.slice(code.lastIndexOf('\n', lineStart - 2) + 1, Math.max(0, lineStart - 1)).trimEnd();
    if (/[(,]$/.test(previous)) lineStart -= previous.length + 1;
    let end = m.index;
    for (let i = 0; i < 4 && end >= 0; i++) end = code.indexOf('\n', end + 1);
    const semicolon = code.indexOf(';', m.index);
    if (semicolon >= 0 && (end < 0 || semicolon < end)) end = semicolon;
    const statement = code.slice(Math.max(0, lineStart), end < 0 ? code.length : end);
    needs.add(`${resource}:${WRITE_VERB.test(statement) ? 'write' : 'read'}`);
  }
  return { sites, needs: [...needs].sort(), firstCall };
}
