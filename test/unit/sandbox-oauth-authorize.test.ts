import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { assertError, authorizeParams, authorizePath, call, claims, pkce, REDIRECT, register, ROOMY_OAUTH_LIMITS, tokensFor, type TestApp } from './support/sandboxHttp';

describe('sandbox: GET /oauth/authorize validation', () => {
  let sb: RunningSandbox;
  let app: TestApp;
  const { challenge } = pkce();
  before(async () => {
    sb = await startSandbox({ autoApprove: true, faults: { rateLimits: ROOMY_OAUTH_LIMITS } });
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
