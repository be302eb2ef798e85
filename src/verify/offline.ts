/**
 * What a found value says about itself, before anything is sent: a JWT's `exp` and type claims. An expired access
 * token is dead without asking anyone; a refresh token can never be checked without side effects (using it rotates
 * it, and a reuse revokes its whole grant), so it stays unknown. Pure; no network, no vscode.
 */
import { isExpired, isRefreshToken } from '../detector/jwt';
import type { Verification } from '../scanPolicy/severity';

export interface OfflineAnswer {
  /** Decided offline, or undefined: ask the API (when the kind allows it). */
  state?: Verification;
  /** Why, in a few words (shown in human output). */
  why: string;
}

function claimsOf(value: string): Record<string, unknown> | undefined {
  const parts = value.split('.');
  if (parts.length !== 3 || !value.startsWith('eyJ') || value.length > 8192) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function checkOffline(value: { kind: string; value: string }, now = Date.now()): OfflineAnswer {
  const claims = claimsOf(value.value);
  if (claims) {
    if (isExpired(claims, now)) return { state: 'dead', why: 'expired (exp claim)' };
    if (value.kind === 'refresh_token' || isRefreshToken(claims, '')) return { state: 'unknown', why: 'a refresh token cannot be checked without using it' };
    if (typeof claims.nbf === 'number' && claims.nbf * 1000 > now + 300_000) return { state: 'unknown', why: 'not valid yet (nbf claim)' };
    return { why: 'not expired' };
  }
  if (value.kind === 'refresh_token') return { state: 'unknown', why: 'a refresh token cannot be checked without using it' };
  return { why: 'no claims to read' };
}

export { claimsOf };
