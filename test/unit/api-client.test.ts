import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningSandbox } from '../../src/sandbox/types';
import { authorize, clientFor, registerTestApp, rejection, signIn, startApiSandbox, type TestClient } from './support/apiSandbox';

/** The client against the real sandbox over HTTP on 127.0.0.1: the happy paths and the OAuth lifecycle. */

let sandbox: RunningSandbox;
let t: TestClient;

before(async () => {
  sandbox = await startApiSandbox();
  t = clientFor(sandbox);
});
after(() => sandbox.close());

describe('OAuth round trip through VendazeClient', () => {
  test('register -> authorize (auto-approve) -> exchange -> me -> refresh -> revoke; old refresh token dies', async () => {
    const app = await registerTestApp(t.client, sandbox);
    const { code, verifier, redirectUri } = await authorize(sandbox, app);

    const exchanged = await t.client.exchangeCode({ clientId: app.clientId, clientSecret: app.clientSecret, code, redirectUri, codeVerifier: verifier });
    assert.equal(exchanged.status, 200);
    assert.equal(exchanged.data.token_type.toLowerCase(), 'bearer');
    assert.equal(exchanged.data.expires_in, 3600);
    assert.ok(exchanged.data.workspace_slug);
    assert.match(exchanged.requestId ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(exchanged.rateLimit?.limit, 10_000);

    const me = await t.client.me(exchanged.data.access_token);
    assert.deepEqual({ status: me.data.status, slug: me.data.workspace_slug }, { status: 'ok', slug: exchanged.data.workspace_slug });

    const refreshed = await t.client.refreshToken({ clientId: app.clientId, clientSecret: app.clientSecret, refreshToken: exchanged.data.refresh_token });
    assert.notEqual(refreshed.data.refresh_token, exchanged.data.refresh_token, 'rotation: a new refresh token');
    assert.notEqual(refreshed.data.access_token, exchanged.data.access_token);
    assert.equal((await t.client.me(refreshed.data.access_token)).data.status, 'ok');

    const revoked = await t.client.revokeToken({ clientId: app.clientId, clientSecret: app.clientSecret, token: refreshed.data.refresh_token });
    assert.equal(revoked.status, 200);
    assert.equal(revoked.data.revoked, true);
    const afterRevoke = await rejection(t.client.me(refreshed.data.access_token));
    assert.equal(afterRevoke.status, 401, 'revoking the refresh token ends the grant, access token included');

    const stale = await rejection(t.client.refreshToken({ clientId: app.clientId, clientSecret: app.clientSecret, refreshToken: exchanged.data.refresh_token }));
    assert.equal(stale.kind, 'http');
    assert.equal(stale.status, 400);
    assert.equal(stale.code, 'invalid_grant');
    assert.match(stale.userMessage(), /sign in again/);
    assert.equal(sandbox.activeTokens(app.clientId).grants, 0);
  });

  test('reusing a spent refresh token fails with invalid_grant (and the sandbox kills the whole grant)', async () => {
    const app = await registerTestApp(t.client, sandbox);
    const first = await signIn(t.client, sandbox, app);
    const second = await t.client.refreshToken({ clientId: app.clientId, clientSecret: app.clientSecret, refreshToken: first.refresh_token });
    const reuse = await rejection(t.client.refreshToken({ clientId: app.clientId, clientSecret: app.clientSecret, refreshToken: first.refresh_token }));
    assert.equal(reuse.code, 'invalid_grant');
    assert.equal(reuse.retryAfterSeconds, undefined);
    const killed = await rejection(t.client.me(second.data.access_token));
    assert.equal(killed.status, 401);
  });

  test('revoke accepts the access token too, and is idempotent', async () => {
    const app = await registerTestApp(t.client, sandbox);
    const tokens = await signIn(t.client, sandbox, app);
    const creds = { clientId: app.clientId, clientSecret: app.clientSecret };
    assert.equal((await t.client.revokeToken({ ...creds, token: tokens.access_token })).data.revoked, true);
    assert.equal((await rejection(t.client.me(tokens.access_token))).status, 401);
    assert.equal((await t.client.revokeToken({ ...creds, token: tokens.access_token })).status, 200, 'already revoked: still 200');
    assert.equal((await t.client.revokeToken({ ...creds, token: 'never-issued-token' })).status, 200, 'unknown token: still 200');
  });

  test('JSON token bodies work as well as form bodies', async () => {
    const app = await registerTestApp(t.client, sandbox);
    const { code, verifier, redirectUri } = await authorize(sandbox, app);
    const res = await t.client.exchangeCode(
      { clientId: app.clientId, clientSecret: app.clientSecret, code, redirectUri, codeVerifier: verifier },
      { bodyFormat: 'json' },
    );
    assert.equal(res.status, 200);
    const refreshed = await t.client.refreshToken({ clientId: app.clientId, clientSecret: app.clientSecret, refreshToken: res.data.refresh_token }, { bodyFormat: 'json' });
    assert.equal(refreshed.status, 200);
  });
});

describe('rotateApp ([P]: 201, new client_id, scope change revokes sessions)', () => {
  test('same scopes: new client_id and secret, old secret dead, sessions kept', async () => {
    const app = await registerTestApp(t.client, sandbox);
    const tokens = await signIn(t.client, sandbox, app);
    const rotated = await t.client.rotateApp({ client_id: app.clientId, app_name: `${app.appName} v2`, redirect_uris: app.redirectUris, scopes: app.scopes });
    assert.equal(rotated.status, 201);
    assert.equal(rotated.data.app_name, `${app.appName} v2`);
    assert.equal(rotated.data.previousClientId, app.clientId);
    assert.equal(rotated.data.clientIdChanged, rotated.data.client_id !== app.clientId);
    const newSecret = sandbox.mailbox.secretFor(rotated.data.client_id);
    assert.ok(newSecret && newSecret !== app.clientSecret);

    assert.equal((await t.client.me(tokens.access_token)).data.status, 'ok', 'unchanged scopes keep sessions');
    const oldSecret = await rejection(t.client.refreshToken({ clientId: rotated.data.client_id, clientSecret: app.clientSecret, refreshToken: tokens.refresh_token }));
    assert.equal(oldSecret.status, 401);
    assert.equal(oldSecret.code, 'invalid_client');
    assert.match(oldSecret.userMessage(), /^client_secret rejected .*: rotate the app/);
    const ok = await t.client.refreshToken({ clientId: rotated.data.client_id, clientSecret: newSecret, refreshToken: tokens.refresh_token });
    assert.equal(ok.status, 200);
  });

  test('changed scopes revoke every session', async () => {
    const app = await registerTestApp(t.client, sandbox);
    const tokens = await signIn(t.client, sandbox, app);
    const rotated = await t.client.rotateApp({ client_id: app.clientId, app_name: app.appName, redirect_uris: app.redirectUris, scopes: ['people:read'] });
    assert.equal(rotated.status, 201);
    const error = await rejection(t.client.me(tokens.access_token));
    assert.equal(error.status, 401);
    assert.equal(sandbox.activeTokens(rotated.data.client_id).grants, 0);
  });
});

describe('people', () => {
  test('create then list, with an Idempotency-Key replay', async () => {
    const app = await registerTestApp(t.client, sandbox);
    const tokens = await signIn(t.client, sandbox, app);
    const key = '5f0c6a43-8d59-4b6e-9f3a-1c2d3e4f5a6b';
    const created = await t.client.createPerson(tokens.access_token, { full_name: 'Ada Lovelace', emails: [{ email: 'ada@example.com', type: 'work' }] }, { idempotencyKey: key });
    assert.equal(created.status, 201);
    assert.equal(created.data.full_name, 'Ada Lovelace');
    const replay = await t.client.createPerson(tokens.access_token, { full_name: 'Ada Lovelace', emails: [{ email: 'ada@example.com', type: 'work' }] }, { idempotencyKey: key });
    assert.equal(replay.data.id, created.data.id, 'same key + body -> original answer replayed');

    const page = await t.client.listPeople(tokens.access_token, { full_name: 'Lovelace', per_page: 10 });
    assert.ok(page.data.people.some((p) => p.id === created.data.id));
    assert.equal(page.data.meta.per_page, 10);
    assert.equal(typeof page.data.meta.has_more, 'boolean');
  });
});

describe('onResponse: what the UI sees', () => {
  test('method, path, status, request id and rate limit of every answer; never a query string', async () => {
    const seen = clientFor(sandbox);
    const app = await registerTestApp(seen.client, sandbox);
    await signIn(seen.client, sandbox, app);
    const token = seen.infos.find((i) => i.path === '/oauth/token');
    assert.ok(token);
    assert.equal(token.method, 'POST');
    assert.equal(token.status, 200);
    assert.equal(token.attempt, 1);
    assert.match(token.requestId ?? '', /^[0-9a-f-]{36}$/);
    assert.ok(token.rateLimit?.remaining !== undefined && token.rateLimit.resetAt instanceof Date);
    assert.ok(seen.infos.every((i) => !i.path.includes('?')));
  });
});
