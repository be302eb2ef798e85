/**
 * JWT recognition (tier 3). A token is reported only when its decoded claims say it is Vendaze's: an issuer
 * or audience naming Vendaze, `vendaze_*` claims, or the `client_id` + `workspace_id` pair Vendaze tokens carry.
 * Other JWTs (some other provider's id token in a fixture) are none of our business.
 */

/** Segment caps keep the match bounded (and define MAX_SPAN); real Vendaze tokens are far below them. */
const JWT_AT = /eyJ[A-Za-z0-9_-]{6,509}\.[A-Za-z0-9_-]{8,3072}\.[A-Za-z0-9_-]{0,512}/y;

export interface DecodedJwt {
  start: number;
  end: number;
  claims: Record<string, unknown>;
}

function isBase64UrlOrDot(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46;
}

function decodeObject(segment: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The JWT starting exactly at `at` (where the prefilter saw `eyJ`), decoded, or undefined. */
export function readJwt(text: string, at: number): DecodedJwt | undefined {
  if (at > 0 && isBase64UrlOrDot(text.charCodeAt(at - 1))) return undefined;
  JWT_AT.lastIndex = at;
  const match = JWT_AT.exec(text);
  if (!match) return undefined;
  const end = at + match[0].length;
  if (end < text.length && isBase64UrlOrDot(text.charCodeAt(end))) return undefined;
  const [head, body] = match[0].split('.');
  const header = decodeObject(head!);
  if (!header || typeof header.alg !== 'string') return undefined;
  const claims = decodeObject(body!);
  return claims ? { start: at, end, claims } : undefined;
}

function mentionsVendaze(value: unknown): boolean {
  if (typeof value === 'string') return value.toLowerCase().includes('vendaze');
  return Array.isArray(value) && value.some(mentionsVendaze);
}

export function isVendazeToken(claims: Record<string, unknown>): boolean {
  if (mentionsVendaze(claims.iss) || mentionsVendaze(claims.aud)) return true;
  if (Object.keys(claims).some((name) => name.toLowerCase().startsWith('vendaze'))) return true;
  return claims.client_id !== undefined && claims.workspace_id !== undefined;
}

/** Refresh tokens say so in a type claim; otherwise the key they were stored under usually does. */
export function isRefreshToken(claims: Record<string, unknown>, precedingText: string): boolean {
  for (const name of ['typ', 'type', 'token_type', 'token_use', 'tkn']) {
    const value = claims[name];
    if (typeof value === 'string') return value.toLowerCase().includes('refresh');
  }
  return /refresh/i.test(precedingText);
}

/** Expired tokens are dead: still reported (they name a workspace), at lower severity. */
export function isExpired(claims: Record<string, unknown>, now: number): boolean {
  return typeof claims.exp === 'number' && claims.exp * 1000 <= now;
}
