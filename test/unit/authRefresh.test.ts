import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { VendazeClient } from '../../src/api/client';
import { SessionEndedError } from '../../src/auth/errors';
import { LEASE_PREFIX, RefreshCoordinator, RefreshCoordinatorOptions } from '../../src/auth/refreshCoordinator';
import { makeRefreshFn } from '../../src/auth/refreshFn';
import { SessionStore, StoredSession } from '../../src/auth/sessionStore';
import type { RunningSandbox } from '../../src/sandbox/types';
import { MemorySecretStore } from '../../src/storage/memory';
import { clientFor, registerTestApp, RegisteredApp, signIn, startApiSandbox, storeSession, TestClient } from './support/apiSandbox';
import { closedPort } from './support/ports';

/**
 * The refresh coordinator against the real sandbox: the sandbox rotates refresh tokens and revokes the whole grant
 * when a spent one is replayed, so "exactly one refresh" is checked on the server's own request log and token
 * counts, not on a mock. Two coordinators over one secret store play two VS Code windows.
 */

let sandbox: RunningSandbox;
let api: TestClient;
let app: RegisteredApp;

before(async () => {
  sandbox = await startApiSandbox();
  api = clientFor(sandbox);
  app = await registerTestApp(api.client, sandbox);
});
after(() => sandbox.close());

const tokenCalls = () => sandbox.requestLog().filter((r) => r.method === 'POST' && r.path === '/oauth/token').length;

async function setup(options: RefreshCoordinatorOptions = {}) {
  const secrets = new MemorySecretStore();
  const tokens = await signIn(api.client, sandbox, app);
  const store = new SessionStore(secrets);
  const session = await storeSession(store, app, tokens, sandbox.baseUrl);
  const refresh = makeRefreshFn(async () => app.clientSecret, () => api.client);
  const window = (owner: string) => {
    const windowStore = new SessionStore(secrets);
    return { store: windowStore, coordinator: new RefreshCoordinator(windowStore, secrets, refresh, { owner, settleMs: 20, adoptWaitMs: 300, ...options }) };
  };
  return { secrets, session, store, window };
}

describe('RefreshCoordinator (against the sandbox)', () => {
  test('many concurrent callers in one window -> exactly one refresh, all get the persisted new pair', async () => {
    const { session, store, window } = await setup();
    const a = window('A');
    const before = tokenCalls();
    const results = await Promise.all(Array.from({ length: 25 }, () => a.coordinator.ensureFresh(session.id, { force: true })));
    assert.equal(tokenCalls() - before, 1, 'one POST /oauth/token');
    assert.equal(a.coordinator.stats.refreshes, 1);
    const stored = await store.get(session.id);
    assert.ok(stored);
    assert.notEqual(stored.refreshToken, session.refreshToken);
    for (const r of results) assert.deepEqual(r, stored);
    assert.deepEqual(sandbox.activeTokens(app.clientId).grants > 0, true);
  });

  test('two windows racing -> one refresh on the server, the other window adopts the pair, grant survives', async () => {
    const { session, store, window, secrets } = await setup();
    const a = window('A');
    const b = window('B');
    const before = tokenCalls();
    const grantsBefore = sandbox.activeTokens(app.clientId).grants;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).coordinator.ensureFresh(session.id, { force: true })),
    );
    assert.equal(tokenCalls() - before, 1, 'the refresh token was spent once');
    assert.equal(a.coordinator.stats.refreshes + b.coordinator.stats.refreshes, 1);
    assert.ok(a.coordinator.stats.adoptions + b.coordinator.stats.adoptions >= 1, 'the loser adopted');
    const stored = await store.get(session.id);
    for (const r of results) assert.equal(r.accessToken, stored?.accessToken);
    // A replayed refresh token would have revoked the grant on the sandbox.
    assert.equal(sandbox.activeTokens(app.clientId).grants, grantsBefore);
    assert.equal(secrets.keys().some((k) => k.startsWith(LEASE_PREFIX)), false, 'leases are released');
  });

  test('a window with a stale view adopts instead of spending the rotated-away refresh token', async () => {
    const { session, window } = await setup();
    const a = window('A');
    const b = window('B');
    await a.coordinator.ensureFresh(session.id, { force: true });
    const before = tokenCalls();
    // B got a 401 token_expired with the old access token: A already renewed, so no refresh is made.
    const adopted = await b.coordinator.ensureFresh(session.id, { staleAccessToken: session.accessToken });
    assert.equal(tokenCalls(), before);
    assert.notEqual(adopted.accessToken, session.accessToken);
    assert.equal(b.coordinator.stats.adoptions + b.coordinator.stats.refreshes, 0, 'nothing to adopt: it simply read the fresh pair');
  });

  test('a fresh token is not refreshed unless forced', async () => {
    const { session, window } = await setup();
    const a = window('A');
    const before = tokenCalls();
    const same = await a.coordinator.ensureFresh(session.id);
    assert.equal(tokenCalls(), before);
    assert.equal(same.accessToken, session.accessToken);
  });

  test('a token near expiry is refreshed by a plain ensureFresh', async () => {
    // 58 minutes later by this window's clock: 2 minutes left of a 1-hour token.
    const { session, window } = await setup({ now: () => Date.now() + 58 * 60_000 });
    const a = window('A');
    const fresh = await a.coordinator.ensureFresh(session.id);
    assert.ok(fresh.accessToken !== session.accessToken, 'a new access token');
    assert.equal(a.coordinator.stats.refreshes, 1);
  });

  test('401 token_expired on a call -> refresh once and retry once', async () => {
    const { session, window } = await setup();
    const a = window('A');
    sandbox.advanceClock(3601); // the server's clock says expired; ours does not
    try {
      const seen: string[] = [];
      const me = await a.coordinator.withAccessToken(session.id, async (token) => {
        seen.push(token);
        return (await api.client.me(token)).data;
      });
      assert.equal(me.workspace_slug, session.workspaceSlug);
      assert.equal(seen.length, 2);
      assert.equal(seen[0], session.accessToken);
      assert.equal(a.coordinator.stats.refreshes, 1);
    } finally {
      // Later tests sign in fresh; their tokens are minted at the advanced time, so no rewind is needed.
    }
  });

  test('invalid_grant ends the session once, however many callers were waiting', async () => {
    const { session, store, window } = await setup();
    const a = window('A');
    await api.client.revokeToken({ token: session.accessToken, clientId: app.clientId, clientSecret: app.clientSecret });
    const ended: StoredSession[] = [];
    a.coordinator.onDidEnd((e) => ended.push(e.session));
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => a.coordinator.ensureFresh(session.id, { force: true })));
    for (const o of outcomes) {
      assert.equal(o.status, 'rejected');
      assert.ok(o.status === 'rejected' && o.reason instanceof SessionEndedError && o.reason.reason === 'invalid_grant');
    }
    assert.equal(ended.length, 1);
    assert.equal(await store.get(session.id), undefined, 'the dead session is gone');
    await assert.rejects(a.coordinator.ensureFresh(session.id), (e: unknown) => e instanceof SessionEndedError && e.reason === 'deleted');
    assert.equal(ended.length, 1, 'no second announcement');
  });

  test('a failure that never reached the server keeps the session as it was and releases the lease', async () => {
    const { session, store, secrets } = await setup();
    const port = await closedPort();
    const offline = new VendazeClient({ baseUrl: `http://127.0.0.1:${port}`, sleep: async () => undefined });
    const coordinator = new RefreshCoordinator(store, secrets, makeRefreshFn(async () => app.clientSecret, () => offline), { owner: 'A', settleMs: 20 });
    await assert.rejects(coordinator.ensureFresh(session.id, { force: true }), /ECONNREFUSED/);
    assert.deepEqual(await store.get(session.id), session, 'not marked: the refresh token was certainly not spent');
    assert.equal(secrets.keys().some((k) => k.startsWith(LEASE_PREFIX)), false);
  });

  test('a sign-out during a refresh is not undone by the refresh', async () => {
    const { session, store, window } = await setup();
    const a = window('A');
    sandbox.setFaults({ latencyMs: 150 });
    try {
      const pending = a.coordinator.ensureFresh(session.id, { force: true });
      await new Promise((r) => setTimeout(r, 50));
      await store.delete(session.id);
      await assert.rejects(pending, (e: unknown) => e instanceof SessionEndedError);
    } finally {
      sandbox.setFaults({ latencyMs: 0 });
    }
    assert.equal(await store.get(session.id), undefined);
  });
});

describe('RefreshCoordinator.needsRefresh', () => {
  const coordinator = new RefreshCoordinator(new SessionStore(new MemorySecretStore()), new MemorySecretStore(), async () => assert.fail(), {
    now: () => Date.parse('2026-11-23T12:00:00Z'),
    marginMs: 5 * 60_000,
  });
  for (const [name, issuedAt, expiresAt, due] of [
    ['an hour left', '2026-11-23T11:59:00Z', '2026-11-23T13:00:00Z', false],
    ['4 minutes left of an hour', '2026-11-23T11:04:00Z', '2026-11-23T12:04:00Z', true],
    ['expired', '2026-11-23T10:00:00Z', '2026-11-23T11:00:00Z', true],
    ['2-minute token with 90 s left: not yet (half its life)', '2026-11-23T11:59:30Z', '2026-11-23T12:01:30Z', false],
    ['2-minute token with 50 s left', '2026-11-23T11:58:50Z', '2026-11-23T12:00:50Z', true],
    ['no issuedAt: the plain margin applies', undefined, '2026-11-23T12:04:00Z', true],
  ] as const) {
    test(name, () => assert.equal(coordinator.needsRefresh({ issuedAt, expiresAt }), due));
  }
});

