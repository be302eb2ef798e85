import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildAuthorizeUrl } from '../../src/api/client';
import { VendazeApiError } from '../../src/api/errors';

describe('buildAuthorizeUrl', () => {
  const params = {
    baseUrl: 'https://api.vendaze.com/',
    clientId: '9a8b7c6d-5e4f-3a2b-1c0d-9e8f7a6b5c4d',
    redirectUri: 'http://127.0.0.1:53682/callback?x=1&y=2',
    scopes: ['people:read', 'deals:write'],
    state: 'st-ate_123',
    codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  };

  test('carries every [P] parameter, S256 and space-separated scopes', () => {
    const url = new URL(buildAuthorizeUrl(params));
    assert.equal(url.origin + url.pathname, 'https://api.vendaze.com/oauth/authorize');
    assert.deepEqual(Object.fromEntries(url.searchParams), {
      response_type: 'code',
      client_id: params.clientId,
      redirect_uri: params.redirectUri,
      scope: 'people:read deals:write',
      state: params.state,
      code_challenge: params.codeChallenge,
      code_challenge_method: 'S256',
    });
  });

  test('spaces travel as %20 (not "+"), the redirect URI is fully escaped', () => {
    const raw = buildAuthorizeUrl(params);
    assert.match(raw, /scope=people%3Aread%20deals%3Awrite/);
    assert.match(raw, /redirect_uri=http%3A%2F%2F127\.0\.0\.1%3A53682%2Fcallback%3Fx%3D1%26y%3D2&/);
    assert.doesNotMatch(raw, /\+/);
  });

  test('keeps a base path prefix (reverse proxy)', () => {
    assert.match(buildAuthorizeUrl({ ...params, baseUrl: 'https://proxy.example.com/vendaze/' }), /^https:\/\/proxy\.example\.com\/vendaze\/oauth\/authorize\?/);
  });

  const bad: Array<[string, Partial<typeof params> & { scopes?: string[] }, RegExp]> = [
    ['plain http off loopback', { baseUrl: 'http://api.vendaze.com' }, /unencrypted/],
    ['no scopes', { scopes: [] }, /at least one scope/],
    ['no state', { state: '' }, /state/],
    ['no challenge', { codeChallenge: '' }, /codeChallenge/],
  ];
  for (const [name, override, message] of bad) {
    test(`refuses ${name}`, () =>
      assert.throws(() => buildAuthorizeUrl({ ...params, ...override }), (e: unknown) => e instanceof VendazeApiError && e.kind === 'config' && message.test(e.message)));
  }
});
