import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { VendazeClient } from '../../src/api/client';
import { probeApi } from '../../src/api/probe';
import type { ResponseInfo } from '../../src/api/transport';
import type { RunningSandbox } from '../../src/sandbox/types';
import { clientFor, registerTestApp, rejection, ROOMY_LIMITS, signIn, startApiSandbox, type RegisteredApp, type TestClient } from './support/apiSandbox';
import { closedPort } from './support/ports';

/**
 * Rate limits, 500 streaks, timeouts, dropped connections, garbage bodies and cancellation, all produced by the
 * sandbox's fault injection over real HTTP. Retry sleeps are injected (see support/apiSandbox.ts): the suite
 * spends no wall time waiting out Retry-After or backoff.
 */

let sandbox: RunningSandbox;
let t: TestClient;
let app: RegisteredApp;
let tokens: { access_token: string; refresh_token: string };

before(async () => {
  sandbox = await startApiSandbox();
  t = clientFor(sandbox);
  app = await registerTestApp(t.client, sandbox);
  tokens = await signIn(t.client, sandbox, app);
});
afterEach(() => {
  sandbox.setFaults({ latencyMs: 0, fail500Next: 0, dropNext: 0, malformedNext: 0, faultPath: '', rateLimits: { ...ROOMY_LIMITS, apiGet: { limit: 1000, windowSeconds: 60 } } });
  t.waits.length = 0;
  t.infos.length = 0;
});
after(() => sandbox.close());

const creds = () => ({ clientId: app.clientId, clientSecret: app.clientSecret });

describe('429: waits Retry-After, then retries', () => {
  /**
   * The sandbox's limits are fixed windows aligned on its clock. To keep these tests deterministic wherever that
   * clock stands, first move it to the very start of a window: with the limit at 0, one un-retried call returns
   * the seconds to the next window in Retry-After, and the clock jumps exactly that far.
   */
  async function alignWindow(bucket: 'apiGet' | 'register', windowSeconds: number): Promise<void> {
    sandbox.setFaults({ rateLimits: { [bucket]: { limit: 0, windowSeconds } } });
    const probe =
      bucket === 'apiGet'
        ? t.client.transport.send({ method: 'GET', path: '/v1/me', bearer: tokens.access_token, schema: z.unknown(), retry: false })
        : t.client.transport.send({ method: 'POST', path: '/v1/auth/register-app', json: {}, schema: z.unknown(), retry: false });
    const limited = await rejection(probe);
    assert.equal(limited.status, 429);
    sandbox.advanceClock(limited.retryAfterSeconds!);
    t.infos.length = 0;
  }

  test('the retry after Retry-After succeeds', async () => {
    await alignWindow('apiGet', 60);
    sandbox.setFaults({ rateLimits: { apiGet: { limit: 2, windowSeconds: 60 } } });
    await t.client.me(tokens.access_token);
    await t.client.me(tokens.access_token);
    const third = await t.client.me(tokens.access_token);
    assert.equal(third.data.status, 'ok');
    assert.equal(third.retries, 1);
    const limited = t.infos.find((i) => i.status === 429);
    assert.ok(limited, 'the 429 was reported to the UI');
    assert.equal(limited.rateLimit?.remaining, 0);
    assert.equal(limited.rateLimit?.limit, 2);
    assert.equal(t.waits.length, 1);
    assert.equal(limited.retryInMs, t.waits[0]);
    // Retry-After = seconds to the window's end; the window started (almost) exactly when the test began.
    assert.ok(t.waits[0]! >= 50_000 && t.waits[0]! <= 60_000, `Retry-After honoured: ${t.waits[0]} ms`);
  });

  test('still limited after 3 retries -> 429 error carrying Retry-After for the UI', async () => {
    await alignWindow('apiGet', 60);
    sandbox.setFaults({ rateLimits: { apiGet: { limit: 1, windowSeconds: 60 } } });
    const waits: number[] = [];
    const stuck = new VendazeClient({ baseUrl: sandbox.baseUrl, sleep: async (ms) => void waits.push(ms) }); // the clock stays put
    await stuck.me(tokens.access_token);
    const error = await rejection(stuck.me(tokens.access_token));
    assert.equal(error.status, 429);
    assert.equal(error.code, 'rate_limit_exceeded');
    assert.equal(waits.length, 3, 'at most 3 retries');
    // Each wait is that answer's Retry-After: whole seconds, what remains of the window (real time moves on a little).
    assert.ok(waits.every((ms, i) => ms % 1000 === 0 && ms >= 50_000 && (i === 0 || ms <= waits[i - 1]!)), `waits ${waits}`);
    assert.ok(error.retryAfterSeconds !== undefined && error.retryAfterSeconds >= 50);
    assert.equal(error.userMessage(), `Vendaze rate limit reached: retry in ${error.retryAfterSeconds} s (request id ${error.requestId}).`);
  });

  test('an hourly limit (Retry-After > 60 s) is surfaced at once, not slept on', async () => {
    await alignWindow('register', 3600);
    const error = await rejection(t.client.registerApp({ app_name: 'Late', email: 'late@example.com', redirect_uris: ['https://late.example.com/cb'], scopes: ['people:read'] }));
    assert.equal(error.status, 429);
    assert.ok(error.retryAfterSeconds! > 3500);
    assert.deepEqual(t.waits, []);
    assert.match(error.userMessage(), /retry in \d+ s/);
    // Aligning on an hourly window moved the sandbox clock up to an hour: the suite's tokens may have expired.
    tokens = await signIn(t.client, sandbox, app);
  });

  test('429 on /oauth/token is retried too (a refused request was not processed)', async () => {
    sandbox.setFaults({ rateLimits: { token: { limit: 0, windowSeconds: 60 } } });
    const error = await rejection(t.client.refreshToken({ ...creds(), refreshToken: tokens.refresh_token }));
    assert.equal(error.status, 429);
    assert.equal(t.waits.length, 3);
  });
});

describe('500: backoff 1 s / 2 s / 4 s, at most 3 retries', () => {
  test('a streak of 4 fails with the last request id after exactly 3 retries', async () => {
    sandbox.setFaults({ fail500Next: 4, faultPath: '/v1/me' });
    const error = await rejection(t.client.me(tokens.access_token));
    assert.equal(error.kind, 'http');
    assert.equal(error.status, 500);
    assert.equal(error.code, 'internal_error');
    assert.deepEqual(t.waits, [1000, 2000, 4000]);
    const attempts = t.infos.filter((i) => i.path === '/v1/me');
    assert.deepEqual(attempts.map((i) => [i.attempt, i.status, i.retryInMs]), [[1, 500, 1000], [2, 500, 2000], [3, 500, 4000], [4, 500, undefined]]);
    assert.equal(error.requestId, attempts[3]!.requestId);
    assert.equal(new Set(attempts.map((i) => i.requestId)).size, 4, 'each attempt has its own request id');
    assert.match(error.userMessage(), new RegExp(`internal error \\(request id ${error.requestId}\\)`));
  });

  test('a streak of 2 recovers on the third try', async () => {
    sandbox.setFaults({ fail500Next: 2, faultPath: '/v1/me' });
    const res = await t.client.me(tokens.access_token);
    assert.equal(res.data.status, 'ok');
    assert.equal(res.retries, 2);
    assert.deepEqual(t.waits, [1000, 2000]);
  });
});

describe('timeouts and dropped connections: a GET is retried once, a credential-spending POST never', () => {
  test('a slow GET times out, is retried once, then surfaced', async () => {
    sandbox.setFaults({ latencyMs: 250 });
    const quick = clientFor(sandbox, { timeoutMs: 100 });
    const error = await abandoned(() => rejection(quick.client.me(tokens.access_token)), 2);
    assert.equal(error.kind, 'timeout');
    assert.equal(error.outcomeUnknown, false, 'a GET changes nothing');
    assert.deepEqual(quick.waits, [1000]);
    assert.match(error.userMessage(), /did not answer GET \/v1\/me within 0\.1 s/);
  });

  test('a per-call timeout overrides the client default', async () => {
    sandbox.setFaults({ latencyMs: 200 });
    const error = await abandoned(() => rejection(t.client.me(tokens.access_token, { timeoutMs: 50 })));
    assert.equal(error.kind, 'timeout');
    assert.equal(error.timeoutMs, 50);
  });

  test('a timed-out refresh is flagged and never repeated: the refresh token may be spent', async () => {
    sandbox.setFaults({ latencyMs: 200 });
    const quick = clientFor(sandbox, { timeoutMs: 50 });
    const error = await abandoned(() => rejection(quick.client.refreshToken({ ...creds(), refreshToken: tokens.refresh_token })));
    assert.equal(error.kind, 'timeout');
    assert.equal(error.outcomeUnknown, true);
    assert.match(error.userMessage(), /refresh token may already be spent, so it is not used again: the session keeps its access token until it expires, then asks for a new sign-in/);
    assert.doesNotMatch(error.userMessage(), /try again|refresh again/i);
    assert.deepEqual(quick.waits, []);
  });

  test('a dropped connection on /oauth/token (refresh) is not retried blindly', async () => {
    sandbox.setFaults({ dropNext: 1, faultPath: '/oauth/token' });
    const error = await rejection(t.client.refreshToken({ ...creds(), refreshToken: tokens.refresh_token }));
    assert.equal(error.kind, 'network');
    assert.equal(error.outcomeUnknown, true);
    assert.equal(error.connected, true);
    assert.match(error.userMessage(), /^The connection to 127\.0\.0\.1:\d+ dropped before Vendaze answered POST \/oauth\/token/);
    assert.match(error.userMessage(), /refresh token may already be spent/);
    assert.deepEqual(t.waits, []);
    assert.equal(t.infos.filter((i) => i.path === '/oauth/token').length, 0, 'no answer, and no second attempt');
    assert.equal(sandbox.faults().dropNext, 0, 'exactly one request reached the server');
  });

  test('a dropped GET is retried once (nothing changes on a GET) and recovers', async () => {
    sandbox.setFaults({ dropNext: 1, faultPath: '/v1/me' });
    const res = await t.client.me(tokens.access_token);
    assert.equal(res.data.status, 'ok');
    assert.equal(res.retries, 1);
    assert.deepEqual(t.waits, [1000]);
  });

  test('a GET dropped twice: network error after one retry, outcome known', async () => {
    sandbox.setFaults({ dropNext: 2, faultPath: '/v1/me' });
    const error = await rejection(t.client.me(tokens.access_token));
    assert.equal(error.kind, 'network');
    assert.equal(error.outcomeUnknown, false);
    assert.deepEqual(t.waits, [1000]);
  });

  test('nobody listening: network error naming the host, outcome known even for a POST, retried once', async () => {
    const port = await closedPort();
    const waits: number[] = [];
    const client = new VendazeClient({ baseUrl: `http://127.0.0.1:${port}`, sleep: async (ms) => void waits.push(ms) });
    const error = await rejection(client.refreshToken({ ...creds(), refreshToken: tokens.refresh_token }));
    assert.equal(error.kind, 'network');
    assert.equal(error.outcomeUnknown, false, 'ECONNREFUSED: the request never left');
    assert.equal(error.connected, false);
    assert.deepEqual(waits, [1000], 'a request that never reached the server may be retried');
    assert.match(error.userMessage(), new RegExp(`^Could not reach 127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`));
  });
});

describe('malformed bodies', () => {
  test('a truncated JSON 200 -> invalid_response with the request id, not retried, no crash', async () => {
    sandbox.setFaults({ malformedNext: 1, faultPath: '/v1/me' });
    const error = await rejection(t.client.me(tokens.access_token));
    assert.equal(error.kind, 'invalid_response');
    assert.equal(error.status, 200);
    assert.match(error.message, /not JSON/);
    assert.match(error.requestId ?? '', /^[0-9a-f-]{36}$/);
    assert.deepEqual(t.waits, []);
    assert.equal((await t.client.me(tokens.access_token)).data.status, 'ok', 'the next call is fine');
  });

  test('a malformed token answer never quotes the body (it may hold a token)', async () => {
    sandbox.setFaults({ malformedNext: 1, faultPath: '/oauth/token' });
    const fresh = await registerTestApp(t.client, sandbox);
    const error = await rejection(signIn(t.client, sandbox, fresh));
    assert.equal(error.kind, 'invalid_response');
    assert.doesNotMatch(error.message + error.userMessage(), /eyJ|access_token/);
  });
});

describe('cancellation', () => {
  test('an already-aborted signal sends nothing', async () => {
    const error = await rejection(t.client.me(tokens.access_token, { signal: AbortSignal.abort() }));
    assert.equal(error.kind, 'cancelled');
    assert.equal(t.infos.length, 0);
  });

  test('aborting an in-flight request', async () => {
    sandbox.setFaults({ latencyMs: 200 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const error = await abandoned(() => rejection(t.client.me(tokens.access_token, { signal: controller.signal })));
    assert.equal(error.kind, 'cancelled');
    assert.match(error.userMessage(), /cancelled/);
  });

  test('aborting during a backoff wait stops the retries', async () => {
    sandbox.setFaults({ fail500Next: 3, faultPath: '/v1/me' });
    const infos: ResponseInfo[] = [];
    const realClock = new VendazeClient({ baseUrl: sandbox.baseUrl, onResponse: (i) => infos.push(i) }); // real 1 s sleep
    const controller = new AbortController();
    const call = realClock.me(tokens.access_token, { signal: controller.signal });
    while (infos.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const error = await rejection(call);
    assert.equal(error.kind, 'cancelled');
    assert.deepEqual(infos.map((i) => [i.status, i.retryInMs]), [[500, 1000]], 'one attempt, then cancelled while waiting');
  });
});

describe('probeApi over the transport', () => {
  test('the sandbox answers the unauthenticated probe with its 401 envelope', async () => {
    const result = await probeApi(sandbox.baseUrl, 2000);
    assert.equal(result.reachable, true);
    assert.ok(result.reachable && result.status === 401 && /^[0-9a-f-]{36}$/.test(result.requestId ?? ''));
  });

  test('nothing listening -> unreachable with an actionable message', async () => {
    const port = await closedPort();
    const result = await probeApi(`http://127.0.0.1:${port}`, 2000);
    assert.equal(result.reachable, false);
    assert.match(!result.reachable ? result.message : '', /Could not reach 127\.0\.0\.1/);
  });

  test('plain http off loopback is refused without a request', async () => {
    const result = await probeApi('http://api.vendaze.com', 2000);
    assert.equal(result.reachable, false);
    assert.match(!result.reachable ? result.message : '', /unencrypted/);
  });
});

/**
 * Runs a call the client abandons (timeout, cancel) while the sandbox sits in its injected latency, and waits
 * until the sandbox has finished with the abandoned request: otherwise, on a loaded machine, its late handler
 * could consume the next test's fault counters.
 */
async function abandoned<T>(call: () => Promise<T>, requests = 1): Promise<T> {
  const logged = sandbox.requestLog().length;
  try {
    return await call();
  } finally {
    // Bounded: a request aborted before it even connected never shows up in the log.
    for (let waited = 0; sandbox.requestLog().length < logged + requests && waited < 2000; waited += 10) {
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

