import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { AccessTokenClaimsSchema, SCOPE_DESCRIPTIONS, TokenResponseSchema } from '../../src/schemas';
import { assertError, authorizeParams, authorizePath, call, getCode, pkce, REDIRECT, register, tokensFor, type TestApp } from './support/sandboxHttp';

const roomy = { authorize: { limit: 1000, windowSeconds: 60 }, token: { limit: 1000, windowSeconds: 60 }, revoke: { limit: 1000, windowSeconds: 60 }, register: { limit: 1000, windowSeconds: 3600 } };

function claims(jwt: string) {
  return AccessTokenClaimsSchema.parse(JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')));
}

describe('sandbox: GET /oauth/authorize validation', () => {
  let sb: RunningSandbox;
  let app: TestApp;
  const { challenge } = pkce();
  before(async () => {
    sb = await startSandbox({ autoApprove: true, faults: { rateLimits: roomy } });
    app = await register(sb, ['people:read', 'people:write']);
  });
  after(() => sb.close());

  const cases: Array<[string, Record<string, string | undefined>, number, string, RegExp]> = [
    ['missing client_id', { client_id: undefined }, 400, 'invalid_request', /Missing required parameter: client_id\./],
    ['unknown client_id', { client_id: '00000000-0000-0000-0000-000000000000' }, 401, 'invalid_client', /Invalid client credentials/],
    ['missing redirect_uri', { redirect_uri: undefined }, 400, 'invalid_request', /Missing required parameter: redirect_uri\./],
    ['redirect_uri with another port', { redirect_uri: 'http://127.0.0.1:53683/callback' }, 400, 'invalid_request', /does not match any registered URI/],
    ['redirect_uri with a trailing slash', { redirect_uri: `${REDIRECT}/` }, 400, 'invalid_request', /does not match/],
    ['redirect_uri localhost instead of 127.0.0.1', { redirect_uri: 'http://localhost:53682/callback' }, 400, 'invalid_request', /does not match/],
    ['missing response_type', { response_type: undefined }, 400, 'invalid_request', /response_type/],
    ['response_type=token', { response_type: 'token' }, 400, 'unsupported_response_type', /response_type must be "code"\./],
    ['missing scope', { scope: undefined }, 400, 'invalid_request', /Missing required parameter: scope\./],
    ['unknown scope', { scope: 'people:read admin' }, 400, 'invalid_request', /Unknown scope\(s\): admin/],
    ['scope not registered for the app', { scope: 'people:read deals:read' }, 400, 'invalid_request', /not registered for this app: deals:read/],
    ['missing state', { state: undefined }, 400, 'invalid_request', /Missing required parameter: state\./],
    ['missing code_challenge', { code_challenge: undefined }, 400, 'invalid_request', /code_challenge\./],
    ['missing code_challenge_method', { code_challenge_method: undefined }, 400, 'invalid_request', /code_challenge_method\./],
    ['plain PKCE', { code_challenge_method: 'plain' }, 400, 'invalid_request', /"plain".*not accepted/],
    ['malformed code_challenge', { code_challenge: 'short' }, 400, 'invalid_request', /43 characters/],
  ];
  for (const [name, overrides, status, code, message] of cases) {
    test(`${status} ${code}: ${name}`, async () => {
      const reply = await call(sb, 'GET', authorizePath(authorizeParams(app, challenge, overrides)));
      assertError(reply, status, code, message);
      assert.equal(reply.headers.location, undefined, 'bad parameters never redirect');
    });
  }

  test('a subset of the registered scopes is accepted; the code carries only those', async () => {
    const tokens = await tokensFor(sb, app, 'people:read');
    assert.deepEqual(claims(tokens.access_token).vendaze_scopes, ['people:read']);
  });
});

describe('sandbox: consent page', () => {
  let sb: RunningSandbox;
  let app: TestApp;
  before(async () => {
    sb = await startSandbox({ autoApprove: false, faults: { rateLimits: roomy }, workspaces: ['acme-corp', { slug: 'globex', name: 'Globex <Intl>' }] });
    app = await register(sb, ['people:read', 'people:write']);
  });
  after(() => sb.close());

  async function openConsent(): Promise<{ requestId: string; html: string; verifier: string }> {
    const { verifier, challenge } = pkce();
    const reply = await call(sb, 'GET', authorizePath(authorizeParams(app, challenge)));
    assert.equal(reply.status, 302);
    const location = new URL(reply.headers.location!);
    assert.equal(`${location.origin}${location.pathname}`, `${sb.baseUrl}/oauth/consent`);
    const page = await call(sb, 'GET', `${location.pathname}${location.search}`);
    assert.equal(page.status, 200);
    assert.match(page.headers['content-type'] ?? '', /^text\/html/);
    return { requestId: location.searchParams.get('request')!, html: page.text, verifier };
  }

  test('renders the app, ONE-workspace radio choice, each scope with its description, Authorize and Deny', async () => {
    const { html } = await openConsent();
    assert.match(html, new RegExp(`<span id="app-name">${app.body.app_name}</span>`));
    assert.equal((html.match(/type="radio" name="workspace"/g) ?? []).length, 2);
    assert.match(html, /Globex &lt;Intl&gt;/, 'names are HTML-escaped');
    for (const scope of app.body.scopes) {
      assert.match(html, new RegExp(`type="checkbox" name="scope" value="${scope}" checked`));
      assert.ok(html.includes(SCOPE_DESCRIPTIONS[scope as keyof typeof SCOPE_DESCRIPTIONS]));
    }
    assert.match(html, /id="authorize"/);
    assert.match(html, /id="deny"/);
    assert.ok(!html.includes('<script>'), 'no auto-submit script unless autoApprove is "browser"');
  });

  test('approve with a chosen workspace and one of two scopes -> code + state; token has that workspace and scope', async () => {
    const { requestId, verifier } = await openConsent();
    const reply = await call(sb, 'POST', '/oauth/consent', { body: `request=${requestId}&workspace=globex&scope=people%3Aread&action=approve`, contentType: 'application/x-www-form-urlencoded' });
    assert.equal(reply.status, 302);
    const location = new URL(reply.headers.location!);
    assert.equal(`${location.origin}${location.pathname}`, REDIRECT);
    assert.equal(location.searchParams.get('state'), 'state-123');
    const token = await call(sb, 'POST', '/oauth/token', {
      form: { grant_type: 'authorization_code', client_id: app.client_id, client_secret: app.client_secret, code: location.searchParams.get('code')!, redirect_uri: REDIRECT, code_verifier: verifier },
    });
    assert.equal(token.status, 200, token.text);
    assert.equal(token.json.workspace_slug, 'globex');
    assert.deepEqual(claims(token.json.access_token).vendaze_scopes, ['people:read']);
    // The consent request is single use.
    const again = await call(sb, 'GET', `/oauth/consent?request=${requestId}`);
    assert.equal(again.status, 400);
    assert.match(again.text, /does not exist or was already answered/);
  });

  test('deny -> error=access_denied + state, no code', async () => {
    const { requestId } = await openConsent();
    const reply = await call(sb, 'POST', '/oauth/consent', { body: `request=${requestId}&workspace=acme-corp&action=deny`, contentType: 'application/x-www-form-urlencoded' });
    assert.equal(reply.status, 302);
    const location = new URL(reply.headers.location!);
    assert.equal(location.searchParams.get('error'), 'access_denied');
    assert.equal(location.searchParams.get('state'), 'state-123');
    assert.equal(location.searchParams.get('code'), null);
  });

  test('approve with no scope ticked or an unknown workspace re-renders the page with the reason', async () => {
    const { requestId } = await openConsent();
    const none = await call(sb, 'POST', '/oauth/consent', { body: `request=${requestId}&workspace=acme-corp&action=approve`, contentType: 'application/x-www-form-urlencoded' });
    assert.equal(none.status, 400);
    assert.match(none.text, /role="alert">Keep at least one permission ticked/);
    const ws = await call(sb, 'POST', '/oauth/consent', { body: `request=${requestId}&workspace=initech&scope=people%3Aread&action=approve`, contentType: 'application/x-www-form-urlencoded' });
    assert.equal(ws.status, 400);
    assert.match(ws.text, /Choose one workspace/);
  });

  test('an expired consent request is refused', async () => {
    const { requestId } = await openConsent();
    sb.advanceClock(sb.faults().consentTtlSeconds + 1);
    const reply = await call(sb, 'POST', '/oauth/consent', { body: `request=${requestId}&workspace=acme-corp&scope=people%3Aread&action=approve`, contentType: 'application/x-www-form-urlencoded' });
    assert.equal(reply.status, 400);
    assert.match(reply.text, /expired/);
  });

  test('autoApprove "browser" serves the page with a script that presses Authorize', async () => {
    sb.setAutoApprove('browser');
    try {
      const { html } = await openConsent();
      assert.match(html, /<script>.*getElementById\('authorize'\)\.click\(\)/);
    } finally {
      sb.setAutoApprove(false);
    }
  });
});

describe('sandbox: POST /oauth/token and /oauth/revoke', () => {
  let sb: RunningSandbox;
  let app: TestApp;
  before(async () => {
    sb = await startSandbox({ autoApprove: true, faults: { rateLimits: roomy } });
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
