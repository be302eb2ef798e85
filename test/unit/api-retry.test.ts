import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DOCUMENTED_RETRY_POLICY, decideRetry, isOutcomeUnknown, isRepeatable, type FailedAttempt, type RetryDecision, type RetryRequest } from '../../src/api/retry';
import { parseRateLimit, parseRetryAfter } from '../../src/api/headers';

describe('decideRetry: never repeat a request that may have spent a credential', () => {
  const retry = (delayMs: number) => ({ retry: true, delayMs });
  const stop = { retry: false };
  const GET: RetryRequest = { method: 'GET', path: '/v1/me' };
  const REFRESH: RetryRequest = { method: 'POST', path: '/oauth/token' };
  const ROTATE: RetryRequest = { method: 'POST', path: '/v1/auth/rotate-app' };
  const REGISTER: RetryRequest = { method: 'POST', path: '/v1/auth/register-app' };
  const REVOKE: RetryRequest = { method: 'POST', path: '/oauth/revoke' };
  const CREATE: RetryRequest = { method: 'POST', path: '/v1/people' };
  const CREATE_KEYED: RetryRequest = { method: 'POST', path: '/v1/people', idempotencyKey: true };
  const DELETE: RetryRequest = { method: 'DELETE', path: '/v1/auth/delete-app' };
  const PATCH: RetryRequest = { method: 'PATCH', path: '/v1/people/1' };
  const table: Array<[string, RetryRequest, FailedAttempt, number, Partial<RetryDecision>]> = [
    // Repeatable requests: 5xx backoff 1/2/4 s, at most 3.
    ['GET 500, first failure -> 1 s', GET, { kind: 'http', status: 500 }, 0, retry(1000)],
    ['GET 500, second failure -> 2 s', GET, { kind: 'http', status: 500 }, 1, retry(2000)],
    ['GET 500, third failure -> 4 s', GET, { kind: 'http', status: 500 }, 2, retry(4000)],
    ['GET 500 after 3 retries -> give up', GET, { kind: 'http', status: 500 }, 3, stop],
    ['GET 502 (gateway) -> 1 s', GET, { kind: 'http', status: 502 }, 0, retry(1000)],
    ['GET 503 -> 1 s', GET, { kind: 'http', status: 503 }, 0, retry(1000)],
    ['GET 504 -> 1 s', GET, { kind: 'http', status: 504 }, 0, retry(1000)],
    ['GET 501 -> no retry (will not change)', GET, { kind: 'http', status: 501 }, 0, stop],
    ['GET timeout -> one retry', GET, { kind: 'timeout', connected: true }, 0, retry(1000)],
    ['GET timeout, already retried -> give up', GET, { kind: 'timeout', connected: true }, 1, stop],
    ['GET dropped connection -> one retry', GET, { kind: 'network', connected: true }, 0, retry(1000)],
    ['revoke 500 -> retried (idempotent)', REVOKE, { kind: 'http', status: 500 }, 0, retry(1000)],
    ['revoke 500, third failure -> 4 s', REVOKE, { kind: 'http', status: 500 }, 2, retry(4000)],
    ['revoke dropped connection -> retried', REVOKE, { kind: 'network', connected: true }, 0, retry(1000)],
    ['revoke timeout -> retried', REVOKE, { kind: 'timeout', connected: true }, 0, retry(1000)],
    ['revoke proxy 504 -> retried', REVOKE, { kind: 'http', status: 504 }, 0, retry(1000)],
    ['create with Idempotency-Key, 500 -> retried', CREATE_KEYED, { kind: 'http', status: 500 }, 0, retry(1000)],
    ['create with Idempotency-Key, dropped -> retried', CREATE_KEYED, { kind: 'network', connected: true }, 0, retry(1000)],
    // Not repeatable once the server may have processed it: outcome unknown, never repeated.
    ['refresh 500 -> never (the refresh token may be spent)', REFRESH, { kind: 'http', status: 500 }, 0, stop],
    ['refresh dropped -> never', REFRESH, { kind: 'network', connected: true }, 0, stop],
    ['refresh timeout -> never', REFRESH, { kind: 'timeout', connected: true }, 0, stop],
    ['refresh proxy 502 -> never (may have reached Vendaze)', REFRESH, { kind: 'http', status: 502 }, 0, stop],
    ['refresh proxy 504 -> never', REFRESH, { kind: 'http', status: 504 }, 0, stop],
    ['rotate 500 -> never (a second rotation kills the emailed secret)', ROTATE, { kind: 'http', status: 500 }, 0, stop],
    ['register 500 -> never', REGISTER, { kind: 'http', status: 500 }, 0, stop],
    ['create without a key, 500 -> never', CREATE, { kind: 'http', status: 500 }, 0, stop],
    ['DELETE 500 -> never', DELETE, { kind: 'http', status: 500 }, 0, stop],
    ['PATCH dropped -> never', PATCH, { kind: 'network', connected: true }, 0, stop],
    ['refresh with an unreadable 200 -> never', REFRESH, { kind: 'invalid_response', status: 200 }, 0, stop],
    // Certainly not processed: any method may be retried.
    ['refresh 429 Retry-After 7 -> 7 s', REFRESH, { kind: 'http', status: 429, retryAfterSeconds: 7 }, 0, retry(7000)],
    ['GET 429 Retry-After 0 -> at once', GET, { kind: 'http', status: 429, retryAfterSeconds: 0 }, 2, retry(0)],
    ['rotate 429 Retry-After 60 (the cap) -> 60 s', ROTATE, { kind: 'http', status: 429, retryAfterSeconds: 60 }, 0, retry(60000)],
    ['429 Retry-After 3600 (hourly limit) -> surfaced', REGISTER, { kind: 'http', status: 429, retryAfterSeconds: 3600 }, 0, stop],
    ['429 without Retry-After -> surfaced', GET, { kind: 'http', status: 429 }, 0, stop],
    ['429 after 3 retries -> give up', GET, { kind: 'http', status: 429, retryAfterSeconds: 1 }, 3, stop],
    ['refresh, connection refused (never reached) -> one retry', REFRESH, { kind: 'network', connected: false }, 0, retry(1000)],
    ['refresh, connection refused twice -> give up', REFRESH, { kind: 'network', connected: false }, 1, stop],
    ['rotate, connect timeout (never reached) -> one retry', ROTATE, { kind: 'timeout', connected: false }, 0, retry(1000)],
    ['rotate, proxy 407 -> one retry', ROTATE, { kind: 'http', status: 407 }, 0, retry(1000)],
    ['rotate, proxy 407 again -> give up', ROTATE, { kind: 'http', status: 407 }, 1, stop],
    // Final answers.
    ['400 -> no retry', GET, { kind: 'http', status: 400 }, 0, stop],
    ['401 -> no retry', REFRESH, { kind: 'http', status: 401 }, 0, stop],
    ['409 -> no retry', REGISTER, { kind: 'http', status: 409 }, 0, stop],
    ['422 -> no retry', CREATE_KEYED, { kind: 'http', status: 422 }, 0, stop],
    ['cancelled -> never', REVOKE, { kind: 'cancelled' }, 0, stop],
    ['invalid response on a GET -> never', GET, { kind: 'invalid_response', status: 200 }, 0, stop],
    ['config -> never', GET, { kind: 'config' }, 0, stop],
  ];
  for (const [name, request, failure, retriesDone, expected] of table) {
    test(name, () => {
      const decision = decideRetry(request, failure, retriesDone);
      assert.equal(decision.retry, expected.retry, decision.reason);
      if (expected.retry && decision.retry) assert.equal(decision.delayMs, (expected as { delayMs: number }).delayMs);
      assert.ok(decision.reason.length > 0);
    });
  }

  test('outcome unknown: a non-GET that may have been processed, never a GET or a refused request', () => {
    assert.equal(isOutcomeUnknown(REFRESH, { kind: 'http', status: 500 }), true);
    assert.equal(isOutcomeUnknown(ROTATE, { kind: 'http', status: 502 }), true);
    assert.equal(isOutcomeUnknown(REGISTER, { kind: 'timeout', connected: true }), true);
    assert.equal(isOutcomeUnknown(REFRESH, { kind: 'invalid_response', status: 200 }), true);
    assert.equal(isOutcomeUnknown(REVOKE, { kind: 'network', connected: true }), true, 'repeatable, but still unknown once retries are spent');
    assert.equal(isOutcomeUnknown(GET, { kind: 'http', status: 500 }), false);
    assert.equal(isOutcomeUnknown(REFRESH, { kind: 'http', status: 429 }), false);
    assert.equal(isOutcomeUnknown(ROTATE, { kind: 'http', status: 407 }), false);
    assert.equal(isOutcomeUnknown(REFRESH, { kind: 'network', connected: false }), false);
    assert.equal(isOutcomeUnknown(REFRESH, { kind: 'http', status: 400 }), false);
  });

  test('repeatable: GET, /oauth/revoke, anything with an Idempotency-Key', () => {
    assert.deepEqual([GET, REVOKE, CREATE_KEYED, REFRESH, ROTATE, REGISTER, CREATE, DELETE, PATCH].map(isRepeatable), [true, true, true, false, false, false, false, false, false]);
  });

  test('the documented constants', () => {
    assert.equal(DOCUMENTED_RETRY_POLICY.maxRetries, 3);
    assert.deepEqual([...DOCUMENTED_RETRY_POLICY.backoffMs], [1000, 2000, 4000]);
  });

  test('a custom policy repeats its last backoff step', () => {
    const policy = { maxRetries: 5, backoffMs: [10, 20], maxRetryAfterSeconds: 1 };
    const delays = [0, 1, 2, 3, 4].map((n) => decideRetry(GET, { kind: 'http', status: 500 }, n, policy));
    assert.deepEqual(delays.map((d) => (d.retry ? d.delayMs : -1)), [10, 20, 20, 20, 20]);
    assert.equal(decideRetry(GET, { kind: 'http', status: 500 }, 5, policy).retry, false);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-05-27T10:00:00Z');
  const table: Array<[string | undefined, number | undefined]> = [
    ['60', 60],
    [' 5 ', undefined], // headerValue trims; the raw parser is strict
    ['0', 0],
    ['Wed, 27 May 2026 10:00:30 GMT', 30],
    ['Wed, 27 May 2026 09:59:00 GMT', 0],
    ['-1', undefined],
    ['1.5', undefined],
    ['soon', undefined],
    ['', undefined],
    [undefined, undefined],
  ];
  for (const [value, expected] of table) {
    test(`${JSON.stringify(value)} -> ${expected}`, () => assert.equal(parseRetryAfter(value, now), expected));
  }
});

describe('parseRateLimit', () => {
  const now = Date.parse('2026-05-27T10:00:00Z');
  test('Unix-timestamp reset (v1.0.1+)', () => {
    const info = parseRateLimit({ 'x-ratelimit-limit': '20', 'x-ratelimit-remaining': '19', 'x-ratelimit-reset': String(now / 1000 + 60) }, now);
    assert.deepEqual(info, { limit: 20, remaining: 19, resetAt: new Date(now + 60_000) });
  });
  test('seconds-remaining reset (before v1.0.1)', () => {
    assert.deepEqual(parseRateLimit({ 'x-ratelimit-reset': '42' }, now), { resetAt: new Date(now + 42_000) });
  });
  test('no headers -> undefined', () => assert.equal(parseRateLimit({ 'content-type': 'application/json' }, now), undefined));
  test('junk values are ignored, valid ones kept', () =>
    assert.deepEqual(parseRateLimit({ 'x-ratelimit-limit': 'lots', 'x-ratelimit-remaining': '3' }, now), { remaining: 3 }));
  test('repeated header -> first value', () => assert.deepEqual(parseRateLimit({ 'x-ratelimit-remaining': ['4', '9'] }, now), { remaining: 4 }));
});
