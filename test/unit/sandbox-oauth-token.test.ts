import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { TokenResponseSchema } from '../../src/schemas';
import { assertError, call, claims, getCode, pkce, REDIRECT, register, ROOMY_OAUTH_LIMITS, tokensFor, type TestApp } from './support/sandboxHttp';

describe('sandbox: POST /oauth/token and /oauth/revoke', () => {
  let sb: RunningSandbox;
  let app: TestApp;
  before(async () => {
    sb = await startSandbox({ autoApprove: true, faults: { rateLimits: ROOMY_OAUTH_LIMITS } });
    app = await register(sb, ['people:read', 'people:write']);
  });
  after(() => sb.close());

  const codeBody = (code: string, verifier: string, extra: Record<string, string | undefined> = {}) => ({
    grant_type: 'authorization_code',
    client_id: app.client_id,
    client_secret: app.client_secret,
    code,
    redirect_uri: REDIRECT,
    code_verifier: verifier,
    ...extra,
  });

  test('full round trip: authorize -> token (JSON) -> /v1/me -> refresh (form) -> reuse fails -> revoke', async () => {
    const { code, verifier } = await getCode(sb, app);
    const first = await call(sb, 'POST', '/oauth/token', { json: codeBody(code, verifier) });
    assert.equal(first.status, 200, first.text);
    const tokens = TokenResponseSchema.parse(first.json);
    assert.equal(tokens.token_type, 'Bearer');
    assert.equal(tokens.expires_in, 3600);
    assert.equal(tokens.workspace_slug, 'acme-corp');
    assert.equal(first.headers['cache-control'], 'no-store');
    const c = claims(tokens.access_token);
    assert.equal(c.client_id, app.client_id);
    assert.equal(c.iss, sb.baseUrl);
    assert.equal(c.exp - c.iat, 3600);
    assert.equal(c.workspace_id, sb.workspaces().find((w) => w.slug === 'acme-corp')?.id);

    const me = await call(sb, 'GET', '/v1/me', { bearer: tokens.access_token });
    assert.deepEqual(me.json, { status: 'ok', workspace_slug: 'acme-corp' });

    const refreshed = await call(sb, 'POST', '/oauth/token', { form: { grant_type: 'refresh_token', client_id: app.client_id, client_secret: app.client_secret, refresh_token: tokens.refresh_token } });
    assert.equal(refreshed.status, 200, refreshed.text);
    const second = TokenResponseSchema.parse(refreshed.json);
    assert.notEqual(second.refresh_token, tokens.refresh_token);
    assert.notEqual(second.access_token, tokens.access_token);

    const reuse = await call(sb, 'POST', '/oauth/token', { form: { grant_type: 'refresh_token', client_id: app.client_id, client_secret: app.client_secret, refresh_token: tokens.refresh_token } });
    assertError(reuse, 400, 'invalid_grant', 'The provided authorization grant is invalid, expired, or does not match.');
    // Reuse means leak: the whole grant is gone, including the tokens from the legitimate refresh.
    assertError(await call(sb, 'GET', '/v1/me', { bearer: second.access_token }), 401, 'unauthorized');
    assert.deepEqual(sb.activeTokens(app.client_id), { grants: 0, accessTokens: 0, refreshTokens: 0 });

    const revoked = await call(sb, 'POST', '/oauth/revoke', { json: { token: second.refresh_token, client_id: app.client_id, client_secret: app.client_secret } });
    assert.equal(revoked.status, 200);
    assert.deepEqual(revoked.json, { revoked: true });
  });

  test('revokeGrantOnRefreshReuse: false keeps the rotated-to tokens alive after a reuse', async () => {
    const lenient = await startSandbox({ autoApprove: true, revokeGrantOnRefreshReuse: false });
    try {
      const a = await register(lenient);
      const tokens = await tokensFor(lenient, a);
      const refresh = (rt: string) => call(lenient, 'POST', '/oauth/token', { json: { grant_type: 'refresh_token', client_id: a.client_id, client_secret: a.client_secret, refresh_token: rt } });
      const second = (await refresh(tokens.refresh_token)).json;
      assertError(await refresh(tokens.refresh_token), 400, 'invalid_grant');
      assert.equal((await call(lenient, 'GET', '/v1/me', { bearer: second.access_token })).status, 200);
      assert.equal((await refresh(second.refresh_token)).status, 200);
    } finally {
      await lenient.close();
    }
  });

  test('revoking the access token kills the refresh token too; revoke is idempotent', async () => {
    const tokens = await tokensFor(sb, app);
    const body = { token: tokens.access_token, client_id: app.client_id, client_secret: app.client_secret };
    for (let i = 0; i < 2; i++) {
      const reply = await call(sb, 'POST', '/oauth/revoke', { json: body });
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.json, { revoked: true });
    }
    assertError(await call(sb, 'GET', '/v1/me', { bearer: tokens.access_token }), 401, 'unauthorized', 'Invalid or malformed token.');
    assertError(await call(sb, 'POST', '/oauth/token', { json: { grant_type: 'refresh_token', client_id: app.client_id, client_secret: app.client_secret, refresh_token: tokens.refresh_token } }), 400, 'invalid_grant');
  });

  test('revoking the refresh token (form body) kills the access token', async () => {
    const tokens = await tokensFor(sb, app);
    const reply = await call(sb, 'POST', '/oauth/revoke', { form: { token: tokens.refresh_token, client_id: app.client_id, client_secret: app.client_secret } });
    assert.equal(reply.status, 200);
    assertError(await call(sb, 'GET', '/v1/me', { bearer: tokens.access_token }), 401, 'unauthorized');
  });

  test('revoke: unknown token 200, another app\'s token untouched, missing token / bad client errors', async () => {
    const other = await register(sb);
    const otherTokens = await tokensFor(sb, other);
    const ok = await call(sb, 'POST', '/oauth/revoke', { json: { token: otherTokens.access_token, client_id: app.client_id, client_secret: app.client_secret } });
    assert.equal(ok.status, 200);
    assert.equal((await call(sb, 'GET', '/v1/me', { bearer: otherTokens.access_token })).status, 200, 'another app cannot revoke it');
    assert.equal((await call(sb, 'POST', '/oauth/revoke', { json: { token: 'garbage', client_id: app.client_id, client_secret: app.client_secret } })).status, 200);
    assertError(await call(sb, 'POST', '/oauth/revoke', { json: { client_id: app.client_id, client_secret: app.client_secret } }), 400, 'invalid_request', 'Missing required parameter: token.');
    assertError(await call(sb, 'POST', '/oauth/revoke', { json: { token: 'x', client_id: app.client_id, client_secret: 'wrong' } }), 401, 'invalid_client', 'Invalid client credentials.');
    assertError(await call(sb, 'POST', '/oauth/revoke', { body: '{', contentType: 'application/json' }), 400, 'bad_request');
  });

  test('a code is single use; replaying it fails and revokes the tokens it produced', async () => {
    const { code, verifier } = await getCode(sb, app);
    const first = await call(sb, 'POST', '/oauth/token', { json: codeBody(code, verifier) });
    assert.equal(first.status, 200);
    assertError(await call(sb, 'POST', '/oauth/token', { json: codeBody(code, verifier) }), 400, 'invalid_grant');
    assertError(await call(sb, 'GET', '/v1/me', { bearer: first.json.access_token }), 401, 'unauthorized');
  });

  test('a code expires after codeTtlSeconds (5 minutes by default)', async () => {
    assert.equal(sb.faults().codeTtlSeconds, 300);
    const { code, verifier } = await getCode(sb, app);
    sb.advanceClock(301);
    assertError(await call(sb, 'POST', '/oauth/token', { json: codeBody(code, verifier) }), 400, 'invalid_grant');
  });

  test('PKCE: a wrong verifier fails; a malformed one is invalid_request', async () => {
    const { code } = await getCode(sb, app);
    assertError(await call(sb, 'POST', '/oauth/token', { json: codeBody(code, pkce().verifier) }), 400, 'invalid_grant');
    assertError(await call(sb, 'POST', '/oauth/token', { json: codeBody(code, 'too-short') }), 400, 'invalid_request', /code_verifier/);
  });

  test('redirect_uri must match the one used at authorize', async () => {
    const { code, verifier } = await getCode(sb, app);
    assertError(await call(sb, 'POST', '/oauth/token', { json: codeBody(code, verifier, { redirect_uri: 'https://app.example.com/cb' }) }), 400, 'invalid_grant');
  });

  test('a code issued to one app cannot be redeemed by another', async () => {
    const other = await register(sb);
    const { code, verifier } = await getCode(sb, app);
    assertError(
      await call(sb, 'POST', '/oauth/token', { json: { ...codeBody(code, verifier), client_id: other.client_id, client_secret: other.client_secret } }),
      400,
      'invalid_grant',
    );
  });

  const errors: Array<[string, Record<string, unknown>, number, string, RegExp]> = [
    ['missing grant_type', { grant_type: undefined }, 400, 'invalid_request', /Missing required parameter: grant_type\./],
    ['password grant', { grant_type: 'password' }, 400, 'unsupported_grant_type', /grant_type must be "authorization_code" or "refresh_token"\./],
    ['missing code', { code: undefined }, 400, 'invalid_request', /parameter: code\./],
    ['missing redirect_uri', { redirect_uri: undefined }, 400, 'invalid_request', /parameter: redirect_uri\./],
    ['missing code_verifier', { code_verifier: undefined }, 400, 'invalid_request', /parameter: code_verifier\./],
    ['missing client_secret', { client_secret: undefined }, 400, 'invalid_request', /parameter: client_secret\./],
    ['numeric code', { code: 5 }, 400, 'invalid_request', /code must be a string/],
    ['wrong secret', { client_secret: 'nope' }, 401, 'invalid_client', /Invalid client credentials\./],
    ['unknown client', { client_id: '00000000-0000-0000-0000-000000000000' }, 401, 'invalid_client', /Invalid client credentials\./],
    ['unknown code', { code: 'made-up' }, 400, 'invalid_grant', /invalid, expired, or does not match/],
  ];
  for (const [name, override, status, code, message] of errors) {
    test(`token: ${status} ${code} for ${name}`, async () => {
      const { verifier } = pkce();
      assertError(await call(sb, 'POST', '/oauth/token', { json: { ...codeBody('c', verifier), ...override } }), status, code, message);
    });
  }

  test('token: missing refresh_token, garbage refresh token, malformed and unsupported bodies', async () => {
    const base = { grant_type: 'refresh_token', client_id: app.client_id, client_secret: app.client_secret };
    assertError(await call(sb, 'POST', '/oauth/token', { json: base }), 400, 'invalid_request', 'Missing required parameter: refresh_token.');
    assertError(await call(sb, 'POST', '/oauth/token', { json: { ...base, refresh_token: 'eyJhbGciOiJIUzI1NiJ9.e30.sig' } }), 400, 'invalid_grant');
    assertError(await call(sb, 'POST', '/oauth/token', { body: '{"grant_type":', contentType: 'application/json' }), 400, 'bad_request', 'Request body must be valid JSON.');
    assertError(await call(sb, 'POST', '/oauth/token', { body: 'grant_type=refresh_token', contentType: 'text/plain' }), 400, 'bad_request', /Content-Type/);
    assertError(await call(sb, 'POST', '/oauth/token', { json: ['x'] }), 400, 'bad_request');
  });

  test('an expired refresh token fails with invalid_grant', async () => {
    const tokens = await tokensFor(sb, app);
    sb.advanceClock(sb.faults().refreshTokenTtlSeconds + 1);
    assertError(await call(sb, 'POST', '/oauth/token', { json: { grant_type: 'refresh_token', client_id: app.client_id, client_secret: app.client_secret, refresh_token: tokens.refresh_token } }), 400, 'invalid_grant');
  });
});
