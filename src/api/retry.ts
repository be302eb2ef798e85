import type { ApiErrorKind } from './errors';

/**
 * The retry rule: never send a credential-spending request twice.
 *
 * Vendaze's errors guide says "retry 429 (after Retry-After) and 500 (1 s / 2 s / 4 s, max 3)". This client
 * DELIBERATELY departs from that for the 500: a 500 (or a gateway's 502/504, a timeout, a dropped connection)
 * can come AFTER the server committed. Repeating such a request spends a credential twice: a refresh token
 * that Vendaze already rotated comes back and reuse detection (OAuth 2.1) revokes the whole grant; an
 * authorization code replayed does the same; a second rotate-app kills the secret the first one just emailed;
 * a second register-app hits 409; a second POST /v1/people creates a duplicate. So:
 *
 * 1. A request the server can safely see twice ("repeatable") is retried after a 5xx, a timeout or a dropped
 *    connection: every GET, POST /oauth/revoke (idempotent: 200 for an already revoked token), and any request
 *    carrying an `Idempotency-Key` header (Vendaze replays the first answer for the same key and body).
 * 2. Every other request (POST, PATCH, DELETE) is NEVER repeated once the server may have processed it. Its
 *    failure is "outcome unknown" (VendazeApiError.outcomeUnknown) and the advice says how to find out what
 *    happened (check the mailbox, read the resource back), never "try again".
 * 3. Any request may be retried when the server certainly did not process it: a 429 (refused; we wait
 *    Retry-After), a connection that never reached the server (ECONNREFUSED, DNS failure, connect timeout),
 *    and a proxy's own 407. A proxy's 502/504 is NOT in this list: the request may have reached Vendaze.
 *
 * Retries are bounded: 429 and answered 5xx at most `maxRetries` times (1 s / 2 s / 4 s backoff), failures with
 * no answer at all (timeout, drop, unreachable, 407) at most `maxUnansweredRetries` times, so a dead network does
 * not cost the user four full timeouts. Pure: the transport asks, then sleeps through an injectable clock.
 */

export interface RetryPolicy {
  maxRetries: number;
  /** Delay before retry n (0-based) of a 5xx or an unanswered request; the last entry repeats. */
  backoffMs: readonly number[];
  /**
   * A 429 asking for a longer wait than this is surfaced rather than slept on (register-app's limit is per hour:
   * blocking a command for 3600 s helps nobody; the error carries retryAfterSeconds for the UI).
   */
  maxRetryAfterSeconds: number;
  /** Retries after a failure that brought no answer at all (timeout, drop, unreachable, proxy 407). */
  maxUnansweredRetries?: number;
}

export const DOCUMENTED_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxRetries: 3,
  backoffMs: Object.freeze([1000, 2000, 4000]),
  maxRetryAfterSeconds: 60,
  maxUnansweredRetries: 1,
});

/** What the policy needs to know about the request. */
export interface RetryRequest {
  method: string;
  /** Path without query string, e.g. /oauth/token. */
  path: string;
  /** True when the request carries an Idempotency-Key header. */
  idempotencyKey?: boolean;
}

/** What the policy needs to know about a failed attempt. */
export interface FailedAttempt {
  kind: ApiErrorKind;
  status?: number;
  retryAfterSeconds?: number;
  /** For network/timeout failures: false when the connection never reached the server. */
  connected?: boolean;
}

export type RetryDecision = { retry: true; delayMs: number; reason: string } | { retry: false; reason: string };

/** Where a failure leaves the request: not processed, maybe processed, or answered for good. */
export type FailureOutcome = 'not_processed' | 'maybe_processed' | 'final';

/** Paths whose POST is idempotent by the API's own contract. */
const IDEMPOTENT_POSTS = new Set(['/oauth/revoke']);

/** Statuses after which a repeatable request is worth repeating (the server or a gateway had a passing problem). */
const RETRYABLE_5XX = new Set([500, 502, 503, 504]);

/** True when the server may see this request twice without harm. */
export function isRepeatable(request: RetryRequest): boolean {
  const method = request.method.toUpperCase();
  if (method === 'GET') return true;
  if (method === 'POST' && IDEMPOTENT_POSTS.has(request.path)) return true;
  return request.idempotencyKey === true;
}

export function classifyOutcome(failure: FailedAttempt): FailureOutcome {
  switch (failure.kind) {
    case 'http': {
      const status = failure.status ?? 0;
      if (status === 429 || status === 407) return 'not_processed';
      return status >= 500 ? 'maybe_processed' : 'final';
    }
    case 'network':
    case 'timeout':
      return failure.connected === false ? 'not_processed' : 'maybe_processed';
    case 'invalid_response':
      // A 2xx we could not read: the server acted (a refresh token is spent), but its answer is lost.
      return 'maybe_processed';
    case 'cancelled':
      return failure.connected === false ? 'final' : 'maybe_processed';
    case 'config':
      return 'final';
  }
}

/**
 * True when the request may have changed something on the server although we could not learn the result: the
 * error is then "outcome unknown". A GET changes nothing, so its outcome is never unknown.
 */
export function isOutcomeUnknown(request: RetryRequest, failure: FailedAttempt): boolean {
  return request.method.toUpperCase() !== 'GET' && classifyOutcome(failure) === 'maybe_processed';
}

/** Whether to retry after `retriesDone` retries (0 after the first attempt) have already failed. */
export function decideRetry(
  request: RetryRequest,
  failure: FailedAttempt,
  retriesDone: number,
  policy: RetryPolicy = DOCUMENTED_RETRY_POLICY,
): RetryDecision {
  const outcome = classifyOutcome(failure);
  const call = `${request.method} ${request.path}`;
  if (failure.kind === 'invalid_response' || failure.kind === 'cancelled' || failure.kind === 'config') {
    return { retry: false, reason: `${failure.kind} errors are never retried` };
  }
  if (outcome === 'final') return { retry: false, reason: `HTTP ${failure.status} will not change on a retry` };
  if (outcome === 'maybe_processed' && !isRepeatable(request)) {
    return { retry: false, reason: `${call} may have been processed and is not repeatable: outcome unknown, not retried` };
  }
  if (failure.kind === 'http' && failure.status === 429) return decide429(failure, retriesDone, policy);
  const answered = failure.kind === 'http' && failure.status !== 407;
  if (answered && !RETRYABLE_5XX.has(failure.status ?? 0)) return { retry: false, reason: `HTTP ${failure.status} is not retryable` };
  const limit = answered ? policy.maxRetries : Math.min(policy.maxRetries, policy.maxUnansweredRetries ?? policy.maxRetries);
  if (retriesDone >= limit) return { retry: false, reason: `gave up after ${retriesDone} retries` };
  const backoff = policy.backoffMs[Math.min(retriesDone, policy.backoffMs.length - 1)] ?? 0;
  const what = failure.kind === 'http' ? `HTTP ${failure.status}` : failure.connected === false ? 'server not reached' : failure.kind;
  return { retry: true, delayMs: backoff, reason: `${what}: backoff ${backoff} ms` };
}

function decide429(failure: FailedAttempt, retriesDone: number, policy: RetryPolicy): RetryDecision {
  if (retriesDone >= policy.maxRetries) return { retry: false, reason: `gave up after ${retriesDone} retries` };
  const wait = failure.retryAfterSeconds;
  if (wait === undefined || !Number.isFinite(wait) || wait < 0) {
    return { retry: false, reason: '429 without a usable Retry-After' };
  }
  if (wait > policy.maxRetryAfterSeconds) {
    return { retry: false, reason: `Retry-After ${wait} s exceeds ${policy.maxRetryAfterSeconds} s` };
  }
  return { retry: true, delayMs: wait * 1000, reason: `429: waiting Retry-After ${wait} s` };
}
