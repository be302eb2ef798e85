import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { assertError, call, register, tokensFor, type TestApp } from './support/sandboxHttp';

/**
 * The sandbox's faults AFTER the commit, over raw HTTP: the request is processed (the app exists, the email is
 * sent, the refresh token is spent), then the answer is lost. This is what makes "never repeat a credential-
 * spending request" testable at all: a fault before processing can be retried harmlessly, one after cannot.
 */

const roomy = { authorize: { limit: 1000, windowSeconds: 60 }, token: { limit: 1000, windowSeconds: 60 }, revoke: { limit: 1000, windowSeconds: 60 }, register: { limit: 1000, windowSeconds: 3600 }, rotate: { limit: 1000, windowSeconds: 3600 } };

let sb: RunningSandbox;
before(async () => {
  sb = await startSandbox({ autoApprove: true, faults: { rateLimits: roomy } });
});
afterEach(() => {
  sb.setFaults({ fail500AfterNext: 0, dropAfterNext: 0, hangAfterNext: 0, faultPath: '' });
});
after(() => sb.close());

const registerBody = (email: string) => ({ app_name: `App ${email}`, email, redirect_uris: ['https://app.example.com/cb'], scopes: ['people:read'] });

describe('sandbox: faults after the commit', () => {
  test('the admin endpoint sets and shows them; unknown values are refused', async () => {
    const set = await call(sb, 'POST', '/_sandbox/faults', { json: { fail500AfterNext: 1, dropAfterNext: 2, hangAfterNext: 3, faultPath: '/v1/auth' } });
    assert.equal(set.status, 200, set.text);
    const shown = await call(sb, 'GET', '/_sandbox/faults');
    assert.equal(shown.json.data.fail500AfterNext, 1);
    assert.equal(shown.json.data.dropAfterNext, 2);
    assert.equal(shown.json.data.hangAfterNext, 3);
    assertError(await call(sb, 'POST', '/_sandbox/faults', { json: { hangAfterNext: -1 } }), 422, 'validation_error');
  });

  test('process, then 500: the app is registered and emailed although the answer says internal_error', async () => {
    sb.setFaults({ fail500AfterNext: 1, faultPath: '/v1/auth/register-app' });
    const email = `after500-${Date.now()}@example.com`;
    const reply = await call(sb, 'POST', '/v1/auth/register-app', { json: registerBody(email) });
    assertError(reply, 500, 'internal_error');
    assert.ok(sb.apps().some((a) => a.email === email), 'the app exists');
    assert.ok(sb.mailbox.latestFor(email), 'its credentials were emailed');
    // Repeating the "failed" call proves the commit: the email is taken now.
    assertError(await call(sb, 'POST', '/v1/auth/register-app', { json: registerBody(email) }), 409, 'conflict');
    assert.equal(sb.requestLog().at(-2)?.status, 500, 'the request log shows what the client saw');
  });

  test('process, then drop: the refresh token is spent, and replaying it revokes the whole grant', async () => {
    const app: TestApp = await register(sb);
    const tokens = await tokensFor(sb, app);
    sb.setFaults({ dropAfterNext: 1, faultPath: '/oauth/token' });
    const body = { grant_type: 'refresh_token', client_id: app.client_id, client_secret: app.client_secret, refresh_token: tokens.refresh_token };
    await assert.rejects(call(sb, 'POST', '/oauth/token', { form: body }), 'the connection drops');
    assert.equal(sb.activeTokens(app.client_id).grants, 1, 'the grant is alive, with a new refresh token nobody received');
    assert.equal((await call(sb, 'GET', '/v1/me', { bearer: tokens.access_token })).status, 200, 'the old access token still works');
    // A client that "retries" the refresh replays a spent token: reuse detection kills the grant.
    assertError(await call(sb, 'POST', '/oauth/token', { form: body }), 400, 'invalid_grant');
    assert.deepEqual(sb.activeTokens(app.client_id), { grants: 0, accessTokens: 0, refreshTokens: 0 });
  });

  test('process, then hang: the rotation happened, the answer never comes', async () => {
    const app = await register(sb);
    sb.setFaults({ hangAfterNext: 1, faultPath: '/v1/auth/rotate-app' });
    const rotations = sb.mailbox.list().filter((m) => m.kind === 'rotated').length;
    const pending = request(`${sb.baseUrl}/v1/auth/rotate-app`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: app.client_id, ...app.body }),
      signal: AbortSignal.timeout(300),
    });
    await assert.rejects(pending, (e: Error) => /abort|timeout/i.test(`${e.name} ${e.message}`));
    assert.equal(sb.mailbox.list().filter((m) => m.kind === 'rotated').length, rotations + 1, 'rotated once; new secret in the mailbox');
    assertError(await call(sb, 'POST', '/oauth/revoke', { json: { token: 'x', client_id: app.client_id, client_secret: app.client_secret } }), 401, 'invalid_client');
  });

  test('counters are consumed one request at a time, and only on the fault path', async () => {
    sb.setFaults({ fail500AfterNext: 1, faultPath: '/v1/me' });
    assert.equal((await call(sb, 'GET', '/_sandbox/health')).status, 200);
    assert.equal(sb.faults().fail500AfterNext, 1, '/_sandbox is never faulted');
    assertError(await call(sb, 'GET', '/v1/me'), 500, 'internal_error');
    assertError(await call(sb, 'GET', '/v1/me'), 401, 'unauthorized');
  });
});
