import { createHash, randomBytes } from 'node:crypto';

/**
 * PKCE (RFC 7636) and OAuth `state` values. Pure node:crypto, no VS Code: the verifier is generated here, kept
 * in memory by the sign-in flow and sent only to /oauth/token; only its S256 challenge goes to the browser.
 */

export interface PkcePair {
  /** 43-128 chars of [A-Za-z0-9-._~]; a secret: never log or persist it. */
  verifier: string;
  /** BASE64URL(SHA256(verifier)), sent on /oauth/authorize. */
  challenge: string;
  /** Vendaze accepts S256 only (`plain` is rejected), so there is no other choice to make. */
  method: 'S256';
}

/** 32 random bytes = 43 base64url chars, the RFC's recommended minimum entropy. */
export const DEFAULT_VERIFIER_BYTES = 32;
export const STATE_BYTES = 32;

const VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;

export function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

/** The S256 transform: BASE64URL(SHA256(ASCII(verifier))). Rejects a verifier the server would reject anyway. */
export function challengeFor(verifier: string): string {
  if (!isValidVerifier(verifier)) {
    throw new RangeError('A PKCE code_verifier must be 43-128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636 §4.1).');
  }
  return base64url(createHash('sha256').update(verifier, 'ascii').digest());
}

export function isValidVerifier(verifier: string): boolean {
  return VERIFIER_PATTERN.test(verifier);
}

/**
 * A fresh verifier/challenge pair. `byteLength` (32-96) sets the entropy; base64url of n bytes is ceil(4n/3)
 * chars, so 32 bytes give 43 chars and 96 bytes give 128, the RFC's bounds.
 */
export function createPkcePair(byteLength = DEFAULT_VERIFIER_BYTES): PkcePair {
  if (!Number.isInteger(byteLength) || byteLength < 32 || byteLength > 96) {
    throw new RangeError('PKCE verifier entropy must be 32-96 random bytes (43-128 characters).');
  }
  const verifier = base64url(randomBytes(byteLength));
  return { verifier, challenge: challengeFor(verifier), method: 'S256' };
}

/** A single-use CSRF `state`: 32 random bytes, base64url (43 chars). */
export function createState(): string {
  return base64url(randomBytes(STATE_BYTES));
}
