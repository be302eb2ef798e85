/**
 * Identity of a finding without the secret. The fingerprint is a hash of the rule and of a salted hash of the
 * value: stable across files, runs and machines (so SARIF consumers and the editor can track a leak as it moves),
 * one-way (nothing in it helps recover the value), and the salt keeps it from matching plain sha256 tables.
 */
import { createHash } from 'node:crypto';

const SALT = 'vendaze-secret-fingerprint/v1';

export function fingerprint(ruleId: string, value: string): string {
  const inner = createHash('sha256').update(SALT).update('\u0000').update(value).digest();
  return createHash('sha256').update(ruleId).update('\u0000').update(inner).digest('hex').slice(0, 32);
}

/** At most 4 characters of a value, and none at all of a short one (4 of 8 characters would be half a secret). */
export function redactedHint(value: string): string {
  return value.length >= 16 ? `\u2026${value.slice(-4)}` : 'value hidden';
}
