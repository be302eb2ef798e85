import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * HS256 JWTs signed with the sandbox's own key. (Vendaze signs asymmetrically per [L], but publishes no key,
 * so clients cannot verify either way: a symmetric key keeps the sandbox dependency-free.)
 */

export type JwtPayload = Record<string, unknown>;

export type JwtCheck =
  | { ok: true; payload: JwtPayload }
  | { ok: false; reason: 'malformed' | 'signature' };

/** Every token the sandbox signs starts with this header (tests look for it to prove no token leaked). */
export const SANDBOX_JWT_HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'vendaze-sandbox' }));

export function signJwt(payload: JwtPayload, key: string): string {
  const body = `${SANDBOX_JWT_HEADER}.${base64url(JSON.stringify(payload))}`;
  return `${body}.${hmac(body, key)}`;
}

/** Checks shape and signature only; expiry and revocation are the caller's business (they have distinct errors). */
export function verifyJwt(token: string, key: string): JwtCheck {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) return { ok: false, reason: 'malformed' };
  const [header, body, signature] = parts as [string, string, string];
  let parsedHeader: unknown;
  let payload: unknown;
  try {
    parsedHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!isObject(parsedHeader) || parsedHeader.alg !== 'HS256' || !isObject(payload)) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(hmac(`${header}.${body}`, key));
  const actual = Buffer.from(signature);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return { ok: false, reason: 'signature' };
  return { ok: true, payload };
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** Constant-time comparison of two sha256 digests (or any equal-length strings). */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** PKCE S256: BASE64URL(SHA256(ASCII(code_verifier))). */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

function hmac(data: string, key: string): string {
  return createHmac('sha256', Buffer.from(key, 'base64url')).update(data).digest('base64url');
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
