import type { ApiErrorKind } from './errors';

/**
 * The documented retry rule (errors guide): retry only 429, after Retry-After, and 500, with a 1 s / 2 s / 4 s
 * backoff, at most 3 retries. Nothing else is ever retried: 4xx answers will not change, and a dropped
 * connection or a timeout leaves the outcome unknown (a refresh token may already be spent, a code already
 * used), so those are surfaced instead. Pure: the transport asks, then sleeps through an injectable clock.
 */

export interface RetryPolicy {
  maxRetries: number;
  /** Delay before retry n (0-based) of a 500; the last entry repeats if maxRetries is larger. */
  backoffMs: readonly number[];
  /**
   * A 429 asking for a longer wait than this is surfaced rather than slept on (register-app's limit is per hour:
   * blocking a command for 3600 s helps nobody; the error carries retryAfterSeconds for the UI).
   */
  maxRetryAfterSeconds: number;
}

export const DOCUMENTED_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxRetries: 3,
  backoffMs: Object.freeze([1000, 2000, 4000]),
  maxRetryAfterSeconds: 60,
});

/** What the policy needs to know about a failed attempt. */
export interface FailedAttempt {
  kind: ApiErrorKind;
  status?: number;
  retryAfterSeconds?: number;
}

export type RetryDecision = { retry: true; delayMs: number; reason: string } | { retry: false; reason: string };

/** Whether to retry after `retriesDone` retries (0 after the first attempt) have already failed. */
export function decideRetry(
  failure: FailedAttempt,
  retriesDone: number,
  policy: RetryPolicy = DOCUMENTED_RETRY_POLICY,
): RetryDecision {
  if (failure.kind !== 'http') return { retry: false, reason: `${failure.kind} errors are never retried` };
  if (failure.status !== 429 && failure.status !== 500) {
    return { retry: false, reason: `HTTP ${failure.status} is not retryable` };
  }
  if (retriesDone >= policy.maxRetries) return { retry: false, reason: `gave up after ${retriesDone} retries` };
  if (failure.status === 429) {
    const wait = failure.retryAfterSeconds;
    if (wait === undefined || !Number.isFinite(wait) || wait < 0) {
      return { retry: false, reason: '429 without a usable Retry-After' };
    }
    if (wait > policy.maxRetryAfterSeconds) {
      return { retry: false, reason: `Retry-After ${wait} s exceeds ${policy.maxRetryAfterSeconds} s` };
    }
    return { retry: true, delayMs: wait * 1000, reason: `429: waiting Retry-After ${wait} s` };
  }
  const backoff = policy.backoffMs[Math.min(retriesDone, policy.backoffMs.length - 1)] ?? 0;
  return { retry: true, delayMs: backoff, reason: `500: backoff ${backoff} ms` };
}
