import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResponseInfo } from '../../src/api/transport';
import { bucketOf } from '../../src/usage/buckets';
import { currentUsageContext, withUsageContext } from '../../src/usage/context';
import { appSummary, bucketText, isLow } from '../../src/usage/format';
import { UsageFinding, UsageMonitor, unexplainedUse } from '../../src/usage/monitor';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const RESET = new Date(T0 + 60_000);
const NEXT_RESET = new Date(T0 + 120_000);
let ids = 0;

function get(remaining: number, options: Partial<ResponseInfo> & { limit?: number; resetAt?: Date } = {}): ResponseInfo {
  const { limit = 100, resetAt = RESET, ...rest } = options;
  return { method: 'GET', path: '/v1/people', status: 200, requestId: `req-${++ids}`, rateLimit: { limit, remaining, resetAt }, durationMs: 5, attempt: 1, ...rest };
}

const APP = { clientId: 'app-1' };
const monitor = (now = T0) => new UsageMonitor({ now: () => now, thresholdRatio: 0.1, minUnexplained: 5 });

/** Feeds the remaining values in order (own calls, in context), returns every finding. */
function feed(m: UsageMonitor, remainings: Array<number | ResponseInfo>): UsageFinding[] {
  return remainings.flatMap((r) => m.observe(typeof r === 'number' ? get(r) : r, APP));
}

describe('usage monitor: the spike heuristic', () => {
  // limit 100, threshold max(5, 10% of 100) = 10 unexplained requests in one window.
  const table: Array<{ name: string; remainings: Array<number | ResponseInfo>; warn: boolean; unexplained?: number }> = [
    { name: 'only our own calls: remaining falls by one per call', remainings: [99, 98, 97, 96], warn: false },
    { name: 'others used a few (within threshold)', remainings: [99, 98, 90], warn: false },
    { name: 'exactly the threshold is not a spike', remainings: [99, 88], warn: false },
    { name: 'a fall far beyond our own calls', remainings: [99, 98, 60], warn: true, unexplained: 37 },
    { name: 'answers out of order still add up (no false alarm)', remainings: [95, 97, 96, 98, 94], warn: false },
    { name: 'a new window starts over', remainings: [99, 98, get(99, { resetAt: NEXT_RESET }), get(98, { resetAt: NEXT_RESET })], warn: false },
    {
      name: 'in a window seen from its start, use before our first call counts too',
      remainings: [99, get(70, { resetAt: NEXT_RESET })],
      warn: true,
      unexplained: 29,
    },
    { name: 'in the first window seen, earlier use is unknown (a reload): not counted', remainings: [70, 69], warn: false },
    { name: 'a late answer from the previous window is ignored', remainings: [get(99, { resetAt: NEXT_RESET }), get(40, { resetAt: RESET }), get(98, { resetAt: NEXT_RESET })], warn: false },
    { name: 'rate limited (429, remaining 0) after others drained the window', remainings: [99, get(0, { status: 429 })], warn: true, unexplained: 98 },
  ];
  for (const row of table) {
    test(row.name, () => {
      const findings = feed(monitor(), row.remainings);
      assert.equal(findings.length, row.warn ? 1 : 0, JSON.stringify(findings.map((f) => f.message)));
      if (row.warn && row.unexplained !== undefined) {
        const finding = findings[0]!;
        assert.equal(finding.kind, 'unexplained-usage');
        if (finding.kind === 'unexplained-usage') assert.equal(finding.unexplained, row.unexplained);
      }
    });
  }

  test('the warning says what was seen: the numbers, the counter, its reset, and request ids', () => {
    const [finding] = feed(monitor(), [99, 98, 60]);
    assert.ok(finding && finding.kind === 'unexplained-usage');
    assert.equal(finding.message, `X-RateLimit-Remaining for GET /v1/* fell from 99 to 60 (limit 100, window resets ${RESET.toISOString()}) while this VS Code made 2 of those requests: 37 came from elsewhere (warning threshold 10).`);
    assert.equal(finding.requestIds.length, 3);
    assert.equal(finding.clientId, 'app-1');
  });

  test('warned once per window, again in a later window', () => {
    const m = monitor();
    assert.equal(feed(m, [99, 60, 40, 20]).length, 1);
    assert.equal(feed(m, [get(99, { resetAt: NEXT_RESET }), get(50, { resetAt: NEXT_RESET })]).length, 1);
  });

  test('per-IP counters (OAuth, /v1/auth/*) and calls without an app never warn', () => {
    const m = monitor();
    const token = (remaining: number) => get(remaining, { method: 'POST', path: '/oauth/token', limit: 20 });
    assert.deepEqual(feed(m, [token(19), token(2)]), []);
    assert.deepEqual([get(99), get(10)].flatMap((info) => m.observe(info)), [], 'no context: not attributed to an app');
    const snapshot = m.snapshot();
    assert.deepEqual(snapshot.map((a) => a.clientId).sort(), ['', 'app-1']);
  });

  test('thresholdRatio 0 turns the rate warnings off', () => {
    const m = new UsageMonitor({ now: () => T0, thresholdRatio: 0 });
    assert.deepEqual(feed(m, [99, 1]), []);
  });

  test('unexplainedUse: the two reference points', () => {
    assert.deepEqual(unexplainedUse({ firstRemaining: 90, minRemaining: 50, ownCalls: 3, fullySeen: false }, 100), { from: 90, unexplained: 38 });
    assert.deepEqual(unexplainedUse({ firstRemaining: 90, minRemaining: 50, ownCalls: 3, fullySeen: true }, 100), { from: 100, unexplained: 47 });
  });
});

describe('usage monitor: 401 on a token that should be valid', () => {
  const session = (expiresInMs: number) => ({ clientId: 'app-1', sessionId: 's1', workspace: 'acme-corp', tokenExpiresAt: new Date(T0 + expiresInMs).toISOString() });
  const unauthorized = () => get(99, { path: '/v1/me', status: 401 });

  const table = [
    { name: 'valid for another hour: suspicious', expiresInMs: 3_600_000, revoked: false, warn: true },
    { name: 'already expired: expected', expiresInMs: -1000, revoked: false, warn: false },
    { name: 'expires within the clock-skew allowance: expected', expiresInMs: 60_000, revoked: false, warn: false },
    { name: 'revoked by this VS Code: expected', expiresInMs: 3_600_000, revoked: true, warn: false },
  ];
  for (const row of table) {
    test(row.name, () => {
      const m = monitor();
      if (row.revoked) m.markRevoked('s1');
      const findings = m.observe(unauthorized(), session(row.expiresInMs));
      assert.equal(findings.length, row.warn ? 1 : 0);
      if (row.warn) {
        assert.equal(findings[0]!.kind, 'unexpected-401');
        assert.match(findings[0]!.message, /GET \/v1\/me answered 401 for a session \(workspace acme-corp\) whose access token should be valid until/);
      }
    });
  }

  test('once per session', () => {
    const m = monitor();
    assert.equal(m.observe(unauthorized(), session(3_600_000)).length, 1);
    assert.equal(m.observe(unauthorized(), session(3_600_000)).length, 0);
    assert.equal(m.snapshot('app-1')[0]!.sessions[0]!.unauthorized, 2);
  });
});

describe('usage monitor: state per app and session', () => {
  test('keeps the last N request ids newest first, counts own requests, follows a new client_id', () => {
    const m = new UsageMonitor({ now: () => T0, recentIds: 3 });
    for (let i = 0; i < 5; i++) m.observe(get(99 - i), { clientId: 'old', sessionId: 's1', workspace: 'acme-corp' });
    const [app] = m.snapshot('old');
    assert.equal(app!.ownRequests, 5);
    assert.equal(app!.recent.length, 3);
    assert.deepEqual(m.requestIds('old'), app!.recent.map((r) => r.requestId));
    assert.equal(app!.buckets[0]!.remaining, 95);
    assert.equal(app!.buckets[0]!.ownCallsInWindow, 5);
    assert.deepEqual(app!.sessions, [{ sessionId: 's1', workspace: 'acme-corp', requests: 5, unauthorized: 0 }]);
    m.renameApp('old', 'new');
    assert.equal(m.snapshot('old').length, 0);
    assert.equal(m.snapshot('new')[0]!.ownRequests, 5);
  });

  test('bucketOf: per-app /v1/* by method, per-IP OAuth and /v1/auth/*, sandbox admin ignored', () => {
    assert.deepEqual(bucketOf('GET', '/v1/people?page=2'), { key: 'GET /v1/*', scope: 'app' });
    assert.deepEqual(bucketOf('POST', '/oauth/token'), { key: 'POST /oauth/token', scope: 'ip' });
    assert.deepEqual(bucketOf('POST', '/v1/auth/rotate-app'), { key: 'POST /v1/auth/rotate-app', scope: 'ip' });
    assert.equal(bucketOf('POST', '/_sandbox/faults'), undefined);
  });

  test('the usage context follows async calls (what attributes a response to an app)', async () => {
    const seen = await withUsageContext({ clientId: 'app-9', sessionId: 's9' }, async () => {
      await new Promise((r) => setTimeout(r, 5));
      return currentUsageContext();
    });
    assert.deepEqual(seen, { clientId: 'app-9', sessionId: 's9' });
    assert.equal(currentUsageContext(), undefined);
  });
});

describe('usage view texts', () => {
  test('bucket line, app summary and the low-limit flag', () => {
    const m = new UsageMonitor({ now: () => T0, thresholdRatio: 0.1, minUnexplained: 5 });
    feed(m, [99, 98, 60]);
    const [app] = m.snapshot('app-1');
    const bucket = app!.buckets[0]!;
    assert.match(bucketText(bucket), /^60 of 100 left · resets \d\d:\d\d:\d\d · 3 by this VS Code · 37 from elsewhere$/);
    assert.equal(appSummary(app), '$(warning) 60/100 GET /v1/*');
    assert.equal(appSummary(undefined), 'no calls yet');
    assert.equal(isLow(bucket), false);
    assert.equal(isLow({ ...bucket, remaining: 10 }), true);
  });
});
