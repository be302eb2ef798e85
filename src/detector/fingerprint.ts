/**
 * Identity of a finding without the secret: a salted SHA-256 of the rule and the value, truncated to 128 bits.
 * Stable across files, runs and machines (so SARIF consumers and the editor can track a leak as it moves),
 * one-way (nothing in it helps recover the value), and the salt keeps it from matching plain sha256 tables.
 * One hash per finding, not a hash of a hash: fingerprints are computed for every finding of every scan, and the
 * nested form cost 4x as much for no added safety.
 */
import * as crypto from 'node:crypto';

const SALT = 'vendaze-secret-fingerprint/v1';

/**
 * One-shot `crypto.hash` (Node >= 20.12) is several times cheaper per call than a createHash object; older hosts
 * (some VS Code builds ship an older Node) fall back to createHash. Both hash the same UTF-8 bytes: same result.
 */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

export function fingerprint(ruleId: string, value: string): string {
  const input = `${SALT}\u0000${ruleId}\u0000${value}`;
  const digest = oneShot ? oneShot('sha256', input, 'hex') : crypto.createHash('sha256').update(input).digest('hex');
  return digest.slice(0, 32);
}

/** At most 4 characters of a value, and none at all of a short one (4 of 8 characters would be half a secret). */
export function redactedHint(value: string): string {
  return value.length >= 16 ? `\u2026${value.slice(-4)}` : 'value hidden';
}
