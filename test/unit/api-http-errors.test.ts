import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { RunningSandbox } from '../../src/sandbox/types';
import { authorize, clientFor, REDIRECT_URI, registerTestApp, rejection, signIn, startApiSandbox, type RegisteredApp, type TestClient } from './support/apiSandbox';

/**
 * Every documented 4xx the client can meet, produced by the real sandbox and surfaced as a typed, actionable
 * VendazeApiError (status, code, fields, request id), never retried.
 */

let sandbox: RunningSandbox;
let t: TestClient;
let app: RegisteredApp;

before(async () => {
  sandbox = await startApiSandbox();
  t = clientFor(sandbox);
  app = await registerTestApp(t.client, sandbox);
});
after(() => sandbox.close());

const anything = z.unknown();

function assertHttp(error: Awaited<ReturnType<typeof rejection>>, status: number, code: string): void {
  assert.equal(error.kind, 'http');
  assert.equal(error.status, status);
  assert.equal(error.code, code);
  assert.match(error.requestId ?? '', /^[0-9a-f-]{36}$/, 'X-Request-ID kept');
  assert.match(error.message, new RegExp(error.requestId ?? 'none'));
}

describe('400', () => {
  test('bad_request: invalid JSON body on register-app', async () => {
    const error = await rejection(t.client.transport.send({ method: 'POST', path: '/v1/auth/register-app', raw: { contentType: 'application/json', body: '{"app_name": ' }, schema: anything }));
    assertHttp(error, 400, 'bad_request');
    assert.match(error.userMessage(), /valid JSON/);
  });

  test('bad_request: unsupported Content-Type on /oauth/token', async () => {
    const error = await rejection(t.client.transport.send({ method: 'POST', path: '/oauth/token', raw: { contentType: 'text/plain', body: 'grant_type=refresh_token' }, schema: anything }));
    assertHttp(error, 400, 'bad_request');
  });

  test('unsupported_grant_type', async () => {
    const error = await rejection(
      t.client.transport.send({ method: 'POST', path: '/oauth/token', form: { grant_type: 'password', client_id: app.clientId, client_secret: app.clientSecret }, schema: anything }),
    );
    assertHttp(error, 400, 'unsupported_grant_type');
    assert.match(error.userMessage(), /grant_type must be/);
  });

  test('invalid_request: the PKCE verifier is missing', async () => {
    const { code } = await authorize(sandbox, app);
    const error = await rejection(t.client.exchangeCode({ clientId: app.clientId, clientSecret: app.clientSecret, code, redirectUri: REDIRECT_URI, codeVerifier: '' }));
    assertHttp(error, 400, 'invalid_request');
    assert.match(error.userMessage(), /code_verifier/);
  });

  const grantCases: Array<[string, (c: { code: string; verifier: string }) => Promise<{ code: string; verifier: string; redirectUri?: string }>]> = [
    ['a verifier that does not match the challenge', async (c) => ({ ...c, verifier: `${c.verifier.slice(0, -1)}${c.verifier.endsWith('A') ? 'B' : 'A'}` })],
    ['another redirect_uri than on authorize', async (c) => ({ ...c, redirectUri: 'http://127.0.0.1:53682/other' })],
    ['an expired code (5 minutes)', async (c) => (sandbox.advanceClock(301), c)],
  ];
  for (const [name, mutate] of grantCases) {
    test(`invalid_grant: ${name}`, async () => {
      const auth = await authorize(sandbox, app);
      const c = await mutate({ code: auth.code, verifier: auth.verifier });
      const error = await rejection(
        t.client.exchangeCode({ clientId: app.clientId, clientSecret: app.clientSecret, code: c.code, redirectUri: c.redirectUri ?? REDIRECT_URI, codeVerifier: c.verifier }),
      );
      assertHttp(error, 400, 'invalid_grant');
      assert.match(error.userMessage(), /sign in again/);
    });
  }

  test('invalid_grant: a code used twice', async () => {
    const { code, verifier } = await authorize(sandbox, app);
    const params = { clientId: app.clientId, clientSecret: app.clientSecret, code, redirectUri: REDIRECT_URI, codeVerifier: verifier };
    await t.client.exchangeCode(params);
    assertHttp(await rejection(t.client.exchangeCode(params)), 400, 'invalid_grant');
  });
});

describe('401', () => {
  test('invalid_client: wrong client_secret on the token endpoint', async () => {
    const { code, verifier } = await authorize(sandbox, app);
    const wrong = `wrong-${randomUUID()}`;
    const error = await rejection(t.client.exchangeCode({ clientId: app.clientId, clientSecret: wrong, code, redirectUri: REDIRECT_URI, codeVerifier: verifier }));
    assertHttp(error, 401, 'invalid_client');
    assert.match(error.userMessage(), /^client_secret rejected \(or the client_id is unknown\): rotate the app to get a new secret, or re-enter it/);
    for (const text of [error.message, error.userMessage(), JSON.stringify(error)]) {
      assert.doesNotMatch(text, new RegExp(wrong), 'the secret sent never shows up in the error');
      assert.doesNotMatch(text, new RegExp(verifier));
    }
  });

  test('invalid_client: rotating an unknown client_id', async () => {
    const error = await rejection(t.client.rotateApp({ client_id: randomUUID(), app_name: 'x', redirect_uris: [REDIRECT_URI], scopes: ['people:read'] }));
    assertHttp(error, 401, 'invalid_client');
    assert.match(error.userMessage(), /does not recognise this client_id/);
  });

  test('unauthorized: a token that is not one', async () => {
    const error = await rejection(t.client.me('not-a-real-token'));
    assertHttp(error, 401, 'unauthorized');
    assert.match(error.userMessage(), /sign in again/);
  });

  test('token_expired: an access token past its life', async () => {
    sandbox.setFaults({ accessTokenTtlSeconds: 5 });
    try {
      const tokens = await signIn(t.client, sandbox, app);
      sandbox.advanceClock(6);
      const error = await rejection(t.client.me(tokens.access_token));
      assertHttp(error, 401, 'token_expired');
      assert.match(error.userMessage(), /expired: refresh it/);
      const refreshed = await t.client.refreshToken({ clientId: app.clientId, clientSecret: app.clientSecret, refreshToken: tokens.refresh_token });
      assert.equal((await t.client.me(refreshed.data.access_token)).data.status, 'ok', 'the documented cure works');
    } finally {
      sandbox.setFaults({ accessTokenTtlSeconds: 3600 });
    }
  });
});

describe('403, 409, 422', () => {
  test('403 insufficient_scope: creating a person with people:read only', async () => {
    const readOnly = await registerTestApp(t.client, sandbox, ['people:read']);
    const tokens = await signIn(t.client, sandbox, readOnly);
    const error = await rejection(t.client.createPerson(tokens.access_token, { full_name: 'Grace Hopper' }));
    assertHttp(error, 403, 'insufficient_scope');
    assert.match(error.userMessage(), /'people:write' scope\. Sign in again with that scope/);
  });

  test('409 conflict: one app per email', async () => {
    const error = await rejection(t.client.registerApp({ app_name: 'Second', email: app.email, redirect_uris: [REDIRECT_URI], scopes: ['people:read'] }));
    assertHttp(error, 409, 'conflict');
    assert.match(error.userMessage(), /rotate that app instead/);
  });

  test('422 validation_error on register-app: every bad field named', async () => {
    const error = await rejection(
      t.client.registerApp({ app_name: 'x'.repeat(101), email: `a+${randomUUID().slice(0, 6)}@example.com`, redirect_uris: ['http://example.com/cb'], scopes: ['people:read'] }),
    );
    assertHttp(error, 422, 'validation_error');
    assert.ok(error.fields?.app_name, 'fields.app_name');
    assert.ok(error.fields?.['redirect_uris[0]'], `fields.redirect_uris[0] in ${JSON.stringify(error.fields)}`);
    assert.match(error.userMessage(), /app_name: .*100/);
    assert.match(error.userMessage(), /redirect_uris\[0\]: .*https/);
  });

  test('422 validation_error on a person', async () => {
    const tokens = await signIn(t.client, sandbox, app);
    const error = await rejection(t.client.createPerson(tokens.access_token, { full_name: 'y'.repeat(71) }));
    assertHttp(error, 422, 'validation_error');
    assert.match(error.fields?.full_name ?? '', /70/);
  });
});

describe('4xx are never retried', () => {
  test('no sleep was ever requested in this file', () => {
    assert.deepEqual(t.waits, []);
    assert.ok(t.infos.length > 10);
    assert.ok(t.infos.every((i) => i.retryInMs === undefined && i.attempt === 1));
  });
});
