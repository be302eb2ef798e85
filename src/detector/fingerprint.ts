/**
 * Identity of a finding without the secret. The fingerprint is a hash of the rule and of a salted hash of the
 * value: stable across files, runs and machines (so SARIF consumers and the editor can track a leak as it moves),
 * one-way (nothing in it helps recover the value), and the salt keeps it from matching plain sha256 tables.
 */
import * as crypto from 'node:crypto';

const SALT = 'vendaze-secret-fingerprint/v1';

/**
 * One-shot `crypto.hash` (Node >= 20.12) is ~2x cheaper per call than a createHash object; older hosts (some
 * VS Code builds ship an older Node) fall back to createHash. Both hash the same bytes: same fingerprints.
 */
const oneShot = (crypto as { hash?: (algorithm: string, data: string | Buffer, encoding: 'buffer' | 'hex') => Buffer | string }).hash;

export function fingerprint(ruleId: string, value: string): string {
  if (oneShot) {
    const inner = oneShot('sha256', `${SALT}\u0000${value}`, 'buffer') as Buffer;
    return (oneShot('sha256', Buffer.concat([Buffer.from(`${ruleId}\u0000`), inner]), 'hex') as string).slice(0, 32);
  }
  const inner = crypto.createHash('sha256').update(SALT).update('\u0000').update(value).digest();
  return crypto.createHash('sha256').update(ruleId).update('\u0000').update(inner).digest('hex').slice(0, 32);
}

/** At most 4 characters of a value, and none at all of a short one (4 of 8 characters would be half a secret). */
export function redactedHint(value: string): string {
  return value.length >= 16 ? `\u2026${value.slice(-4)}` : 'value hidden';
}
