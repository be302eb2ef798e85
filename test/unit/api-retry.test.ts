import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DOCUMENTED_RETRY_POLICY, decideRetry, type FailedAttempt, type RetryDecision } from '../../src/api/retry';
import { parseRateLimit, parseRetryAfter } from '../../src/api/headers';

describe('decideRetry: the documented policy (429 after Retry-After, 500 at 1/2/4 s, max 3, nothing else)', () => {
  const retry = (delayMs: number) => ({ retry: true, delayMs });
  const stop = { retry: false };
  const table: Array<[string, FailedAttempt, number, Partial<RetryDecision>]> = [
    ['500, first failure -> 1 s', { kind: 'http', status: 500 }, 0, retry(1000)],
    ['500, second failure -> 2 s', { kind: 'http', status: 500 }, 1, retry(2000)],
    ['500, third failure -> 4 s', { kind: 'http', status: 500 }, 2, retry(4000)],
    ['500 after 3 retries -> give up', { kind: 'http', status: 500 }, 3, stop],
    ['429 Retry-After 7 -> 7 s', { kind: 'http', status: 429, retryAfterSeconds: 7 }, 0, retry(7000)],
    ['429 Retry-After 0 -> at once', { kind: 'http', status: 429, retryAfterSeconds: 0 }, 2, retry(0)],
    ['429 Retry-After 60 (the cap) -> 60 s', { kind: 'http', status: 429, retryAfterSeconds: 60 }, 0, retry(60000)],
    ['429 Retry-After 3600 (hourly limit) -> surfaced', { kind: 'http', status: 429, retryAfterSeconds: 3600 }, 0, stop],
    ['429 without Retry-After -> surfaced', { kind: 'http', status: 429 }, 0, stop],
    ['429 after 3 retries -> give up', { kind: 'http', status: 429, retryAfterSeconds: 1 }, 3, stop],
    ['502 is not 500 -> no retry', { kind: 'http', status: 502 }, 0, stop],
    ['503 -> no retry', { kind: 'http', status: 503 }, 0, stop],
    ['400 -> no retry', { kind: 'http', status: 400 }, 0, stop],
    ['401 -> no retry', { kind: 'http', status: 401 }, 0, stop],
    ['409 -> no retry', { kind: 'http', status: 409 }, 0, stop],
    ['422 -> no retry', { kind: 'http', status: 422 }, 0, stop],
    ['dropped connection -> never (outcome unknown)', { kind: 'network' }, 0, stop],
    ['timeout -> never (outcome unknown)', { kind: 'timeout' }, 0, stop],
    ['cancelled -> never', { kind: 'cancelled' }, 0, stop],
    ['invalid response -> never', { kind: 'invalid_response', status: 200 }, 0, stop],
    ['config -> never', { kind: 'config' }, 0, stop],
  ];
  for (const [name, failure, retriesDone, expected] of table) {
    test(name, () => {
      const decision = decideRetry(failure, retriesDone);
      assert.equal(decision.retry, expected.retry);
      if (expected.retry && decision.retry) assert.equal(decision.delayMs, (expected as { delayMs: number }).delayMs);
      assert.ok(decision.reason.length > 0);
    });
  }

  test('the documented constants', () => {
    assert.equal(DOCUMENTED_RETRY_POLICY.maxRetries, 3);
    assert.deepEqual([...DOCUMENTED_RETRY_POLICY.backoffMs], [1000, 2000, 4000]);
  });

  test('a custom policy repeats its last backoff step', () => {
    const policy = { maxRetries: 5, backoffMs: [10, 20], maxRetryAfterSeconds: 1 };
    const delays = [0, 1, 2, 3, 4].map((n) => decideRetry({ kind: 'http', status: 500 }, n, policy));
    assert.deepEqual(delays.map((d) => (d.retry ? d.delayMs : -1)), [10, 20, 20, 20, 20]);
    assert.equal(decideRetry({ kind: 'http', status: 500 }, 5, policy).retry, false);
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
