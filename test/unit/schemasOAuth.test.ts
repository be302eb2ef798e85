import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AccessTokenClaimsSchema, AuthorizeParamsSchema, LEAST_PRIVILEGE, RevokeResponseSchema, TokenRequestSchema, TokenResponseSchema, isScope, splitScopeParam } from '../../src/schemas';
import { fieldsOf } from './support/schemaFields';

describe('OAuth schemas', () => {
  const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
  const authorize = {
    client_id: '9a8b7c6d-5e4f-3a2b-1c0d-9e8f7a6b5c4d',
    redirect_uri: 'http://127.0.0.1:53682/callback',
    response_type: 'code',
    scope: 'people:read deals:write',
    state: 'xyz',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  };
  test('authorize params: the documented set is accepted', () => {
    assert.deepEqual(fieldsOf(AuthorizeParamsSchema, authorize), {});
  });
  const badAuthorize: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['plain PKCE', { code_challenge_method: 'plain' }, 'code_challenge_method', /S256/],
    ['missing challenge method', { code_challenge_method: undefined }, 'code_challenge_method', /S256/],
    ['short challenge', { code_challenge: 'abc' }, 'code_challenge', /43 characters/],
    ['token response type', { response_type: 'token' }, 'response_type', /"code"/],
    ['missing state', { state: undefined }, 'state', /state is required/],
    ['empty state', { state: '' }, 'state', /must not be empty/],
    ['unknown scope', { scope: 'people:read admin' }, 'scope', /Unknown scope\(s\): admin/],
    ['blank scope', { scope: '  ' }, 'scope', /at least one scope/],
  ];
  for (const [name, override, key, message] of badAuthorize) {
    test(`authorize params: rejects ${name}`, () => {
      assert.match(fieldsOf(AuthorizeParamsSchema, { ...authorize, ...override })[key] ?? '', message);
    });
  }

  test('token request: authorization_code and refresh_token grants', () => {
    const base = { client_id: authorize.client_id, client_secret: 'secret' };
    assert.ok(TokenRequestSchema.safeParse({ ...base, grant_type: 'authorization_code', code: 'c', redirect_uri: authorize.redirect_uri, code_verifier: verifier }).success);
    assert.ok(TokenRequestSchema.safeParse({ ...base, grant_type: 'refresh_token', refresh_token: 'r' }).success);
    assert.equal(TokenRequestSchema.safeParse({ ...base, grant_type: 'authorization_code', code: 'c', redirect_uri: 'x' }).success, false);
    assert.equal(TokenRequestSchema.safeParse({ ...base, grant_type: 'authorization_code', code: 'c', redirect_uri: 'x', code_verifier: 'short' }).success, false);
    assert.equal(TokenRequestSchema.safeParse({ ...base, grant_type: 'client_credentials' }).success, false);
  });

  test('token response: documented shape, extra fields tolerated, missing ones rejected', () => {
    const ok = { access_token: 'eyJ.a.b', refresh_token: 'eyJ.c.d', token_type: 'Bearer', expires_in: 3600, workspace_slug: 'acme-corp' };
    assert.ok(TokenResponseSchema.safeParse(ok).success);
    assert.ok(TokenResponseSchema.safeParse({ ...ok, token_type: 'bearer', scope: 'people:read' }).success);
    assert.equal(TokenResponseSchema.safeParse({ ...ok, workspace_slug: undefined }).success, false);
    assert.equal(TokenResponseSchema.safeParse({ ...ok, expires_in: '3600' }).success, false);
    assert.equal(TokenResponseSchema.safeParse({ ...ok, token_type: 'MAC' }).success, false);
  });

  test('revoke response: {revoked:true}, wrapped, or empty', () => {
    for (const body of [{ revoked: true }, { data: { revoked: true } }, {}, '', null, undefined]) {
      assert.ok(RevokeResponseSchema.safeParse(body).success, JSON.stringify(body));
    }
    assert.equal(RevokeResponseSchema.safeParse({ error: { code: 'x' } }).success, false);
  });

  test('access token claims carry workspace, client and scopes', () => {
    const claims = { iss: 'x', workspace_id: 'w', client_id: 'c', vendaze_scopes: ['people:read'], iat: 1, exp: 2 };
    assert.ok(AccessTokenClaimsSchema.safeParse(claims).success);
    assert.equal(AccessTokenClaimsSchema.safeParse({ ...claims, vendaze_scopes: undefined }).success, false);
  });

  test('scope helpers', () => {
    assert.deepEqual(splitScopeParam(' people:read  deals:write '), ['people:read', 'deals:write']);
    assert.equal(isScope('people:read'), true);
    assert.equal(isScope('people:admin'), false);
    for (const row of LEAST_PRIVILEGE) assert.ok(row.scopes.every(isScope), row.need);
  });
});
