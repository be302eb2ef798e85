/** Sign-in attempts that fail, each with the reason the user needs (set-up and helpers: authSupport.ts). */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { cmd, freePort } from './support';
import { addApp, answerConsent, app, authSuiteHooks, env, get, pendingConsent, redirectUri, ROOMY, see, vendazeConfig, type SignInResult } from './authSupport';

suite('auth: sign-in failures against the sandbox', function () {
  this.timeout(90_000);
  authSuiteHooks();

  test('an expired authorization code -> exchange_failed (invalid_grant) with the request id', async () => {
    env.sandbox.setAutoApprove(false);
    try {
      const known = new Set<string>();
      const signIn = cmd<SignInResult>('vendaze.signIn', app.clientId, { timeoutSeconds: 60 });
      const consent = await pendingConsent(env, known);
      const location = await answerConsent(env, consent.id, 'approve', 'acme-corp');
      env.sandbox.advanceClock(env.sandbox.faults().codeTtlSeconds + 1);
      await get(location);
      const result = await signIn;
      assert.equal(result.ok, false);
      assert.equal(result.kind, 'exchange_failed');
      assert.equal(result.apiCode, 'invalid_grant');
      assert.ok(result.requestId, 'the X-Request-ID is surfaced');
    } finally {
      env.sandbox.setAutoApprove('browser');
    }
  });

  test('429 on /oauth/token -> exchange_failed with Retry-After', async () => {
    env.sandbox.setFaults({ rateLimits: { token: { limit: 0, windowSeconds: 3600 } } });
    try {
      const result = await cmd<SignInResult>('vendaze.signIn', app.clientId, { timeoutSeconds: 60 });
      assert.equal(result.ok, false);
      assert.equal(result.kind, 'exchange_failed');
      assert.equal(result.status, 429);
      assert.ok((result.retryAfterSeconds ?? 0) > 0);
      assert.match(result.message, /rate limit/i);
    } finally {
      env.sandbox.setFaults({ rateLimits: { token: ROOMY!.token! } });
    }
  });

  test('an unregistered redirect URI -> the exact URI to register, and no browser is opened', async () => {
    const other = await addApp(env, ['https://elsewhere.example/callback']);
    const authorizes = env.sandbox.requestLog().filter((r) => r.path === '/oauth/authorize').length;
    const result = await cmd<SignInResult>('vendaze.signIn', other.clientId, { timeoutSeconds: 60 });
    assert.equal(result.ok, false);
    assert.equal(result.kind, 'redirect_not_registered');
    assert.equal(result.redirectUri, redirectUri);
    assert.match(result.message, new RegExp(`Register exactly ${redirectUri.replace(/[.?*+^$()[\]{}|\\/]/g, '\\$&')}`));
    assert.equal(env.sandbox.requestLog().filter((r) => r.path === '/oauth/authorize').length, authorizes);
  });

  test('the API down -> api_unreachable, quickly and without a browser tab', async () => {
    const down = `http://127.0.0.1:${await freePort()}`;
    await vendazeConfig().update('apiBaseUrl', down, vscode.ConfigurationTarget.Global);
    const clientId = '3f0c1f9e-8d2b-4c6a-9e1f-2a3b4c5d6e7f';
    const clientSecret = 'down-app-secret-value';
    see(clientSecret);
    const added = await cmd<{ status: string }>('vendaze.addExistingApp', { clientId, clientSecret, appName: 'Down app', redirectUris: [redirectUri], scopes: ['people:read'] });
    assert.equal(added.status, 'added');
    const result = await cmd<SignInResult>('vendaze.signIn', clientId, { timeoutSeconds: 60 });
    assert.equal(result.ok, false);
    assert.equal(result.kind, 'api_unreachable');
    assert.ok(result.message.includes(down.replace(/^http:\/\//, '')), result.message);
  });
});
