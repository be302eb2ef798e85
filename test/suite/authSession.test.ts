/**
 * A session from sign-in to sign-out, against the sandbox (set-up and helpers: authSupport.ts): the browser tab
 * approves, the pair is refreshed (also under a burst of concurrent callers), a forged or replayed state is refused,
 * sign-out revokes, an expired refresh token ends the session, and a sign-out while the API is down is queued.
 * The provider is exercised through vscode.authentication.getAccounts (same provider.getSessions path,
 * refresh-before-hand-out included, without tokens), and silent getSession is checked to hand out nothing without
 * consent.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { quietPort } from '../unit/support/ports';
import { cmd } from './support';
import { addApp, answerConsent, app, authSuiteHooks, env, get, loopbackPort, pendingConsent, redirectUri, sleep, startEnv, type Env, type SignInResult, type SignOutResult } from './authSupport';

type RefreshResult = { ok: boolean; refreshed?: boolean; ended?: boolean; expiresAt?: string; message?: string };
type SessionSummary = { sessionId: string; accountId: string; label: string; workspace: string; clientId: string };

const tokenCalls = (env: Env) => env.sandbox.requestLog().filter((r) => r.method === 'POST' && r.path === '/oauth/token').length;

/** The accounts the `vendaze` provider reports (provider.getSessions, as getSession uses it, minus the tokens). */
async function accounts(): Promise<Array<{ id: string; label: string }>> {
  const api = vscode.authentication as unknown as { getAccounts(providerId: string): Thenable<ReadonlyArray<{ id: string; label: string }>> };
  return [...(await api.getAccounts('vendaze'))];
}

const summaries = () => cmd<Array<SessionSummary & { expiresAt: string }>>('vendaze.showSessions', { pick: false });
const summaryOf = async (sessionId: string) => (await summaries()).find((s) => s.sessionId === sessionId);

suite('auth: sign-in, tokens and sign-out against the sandbox', function () {
  this.timeout(90_000);
  authSuiteHooks();
  let first: SignInResult;

  test('sign in: the browser tab approves on the consent page, the session is stored and usable', async () => {
    first = await cmd<SignInResult>('vendaze.signIn', app.clientId, { timeoutSeconds: 60 });
    assert.equal(first.ok, true, first.message);
    assert.equal(first.workspace, 'acme-corp');
    assert.deepEqual(first.scopes, ['people:read', 'people:write']);
    assert.equal(first.redirectUri, redirectUri);
    assert.equal(first.account.id, `${app.clientId}/acme-corp`);
    assert.equal(first.account.label, `acme-corp (${app.appName})`);
    assert.equal(env.sandbox.activeTokens(app.clientId).grants, 1);

    assert.ok((await summaryOf(first.sessionId)) !== undefined, 'vendaze.showSessions lists it');
    // The Accounts menu / other extensions see the account through the provider...
    const listed = (await accounts()).find((a) => a.id === first.account.id);
    assert.equal(listed?.label, first.account.label);
    // ...but an extension the user has not granted access gets nothing silently (VS Code's consent stays in charge).
    const silent = await vscode.authentication.getSession('vendaze', ['people:read'], { silent: true });
    assert.equal(silent, undefined);
  });

  test('Copy Access Token copies nothing unless its warning is confirmed', async () => {
    await vscode.env.clipboard.writeText('clipboard-sentinel');
    const result = await cmd<{ copied: boolean }>('vendaze.copyAccessToken', first.sessionId);
    assert.equal(result.copied, false, 'this host refuses modal prompts, so the copy was not confirmed');
    assert.equal(await vscode.env.clipboard.readText(), 'clipboard-sentinel');
  });

  test('manual refresh rotates the pair on the sandbox and stores the new one', async () => {
    const before = await summaryOf(first.sessionId);
    const calls = tokenCalls(env);
    const grants = env.sandbox.activeTokens(app.clientId);
    const result = await cmd<RefreshResult>('vendaze.refreshSession', first.sessionId);
    assert.equal(result.ok, true, result.message);
    assert.equal(result.refreshed, true);
    assert.equal(tokenCalls(env) - calls, 1);
    assert.ok(before && Date.parse(result.expiresAt!) > Date.parse(before.expiresAt), 'the stored pair is the new one');
    assert.equal((await summaryOf(first.sessionId))?.expiresAt, result.expiresAt);
    // Rotation on the server: the old refresh token is spent, one live refresh token remains, the grant is intact.
    const after = env.sandbox.activeTokens(app.clientId);
    assert.equal(after.grants, grants.grants);
    assert.equal(after.refreshTokens, grants.refreshTokens);
  });

  test('refresh race: many concurrent refreshes and provider calls -> exactly one refresh on the sandbox', async () => {
    const calls = tokenCalls(env);
    const grants = env.sandbox.activeTokens(app.clientId).grants;
    const results = await Promise.all([
      ...Array.from({ length: 12 }, () => cmd<RefreshResult>('vendaze.refreshSession', first.sessionId)),
      ...Array.from({ length: 12 }, () => accounts()),
    ]);
    assert.equal(tokenCalls(env) - calls, 1, 'one POST /oauth/token for 12 concurrent refreshes');
    const refreshes = results.slice(0, 12) as RefreshResult[];
    assert.ok(refreshes.every((r) => r.ok && r.expiresAt === refreshes[0]!.expiresAt), 'every caller got the same new pair');
    assert.equal(env.sandbox.activeTokens(app.clientId).grants, grants, 'no refresh token was replayed (that revokes the grant)');

    // Near expiry, the provider renews before handing sessions out: a burst of 20 provider calls (plus the
    // background scheduler, whichever comes first) spends the refresh token exactly once.
    env.sandbox.setFaults({ accessTokenTtlSeconds: 4 });
    try {
      const short = await cmd<RefreshResult>('vendaze.refreshSession', first.sessionId);
      const afterShort = tokenCalls(env);
      await sleep(2300); // past half of the 4 s lifetime: due
      const burst = await Promise.all(Array.from({ length: 20 }, () => accounts()));
      assert.ok(burst.every((list) => list.some((a) => a.id === first.account.id)), 'every call saw the account');
      await sleep(500); // let a scheduler refresh that raced the burst land
      assert.equal(tokenCalls(env) - afterShort, 1, 'one refresh for the due token');
      const renewed = await summaryOf(first.sessionId);
      assert.ok(renewed && Date.parse(renewed.expiresAt) > Date.parse(short.expiresAt!), 'the due token was renewed');
      assert.equal(env.sandbox.activeTokens(app.clientId).grants, grants);
    } finally {
      env.sandbox.setFaults({ accessTokenTtlSeconds: 3600 });
      await cmd<RefreshResult>('vendaze.refreshSession', first.sessionId);
    }
  });

  test('a wrong state and a replayed state are refused; the real callback still completes', async () => {
    env.sandbox.setAutoApprove(false);
    try {
      const signIn = cmd<SignInResult>('vendaze.signIn', app.clientId, { timeoutSeconds: 60 });
      const consent = await pendingConsent(env);
      const forged = await get(`http://127.0.0.1:${loopbackPort}/callback?code=forged-code&state=forged-state`);
      assert.equal(forged.status, 400);
      assert.match(forged.text, /unknown state/);

      const location = await answerConsent(env, consent.id, 'approve', 'globex');
      assert.equal(new URL(location).searchParams.get('state'), consent.state);
      const page = await get(location);
      assert.equal(page.status, 200);
      assert.match(page.text, /You can close this tab/);
      const second = await signIn;
      assert.equal(second.ok, true, second.message);
      assert.equal(second.workspace, 'globex');
      assert.deepEqual(second.scopes, ['people:read'], 'only the scope ticked on the consent page');

      // Replay the same redirect into a new attempt's listener: refused as already used.
      const third = cmd<SignInResult>('vendaze.signIn', app.clientId, { timeoutSeconds: 60 });
      const next = await pendingConsent(env, new Set([consent.id]));
      const replay = await get(location);
      assert.equal(replay.status, 400);
      assert.match(replay.text, /already used/);

      // ...and the user denies that third attempt.
      const denied = await answerConsent(env, next.id, 'deny');
      assert.equal((await get(denied)).status, 200);
      const result = await third;
      assert.equal(result.ok, false);
      assert.equal(result.kind, 'access_denied');
      assert.match(result.message, /denied/);
    } finally {
      env.sandbox.setAutoApprove('browser');
    }
    const sessions = await cmd<SessionSummary[]>('vendaze.showSessions', { pick: false });
    assert.equal(sessions.filter((s) => s.clientId === app.clientId).length, 2, 'acme-corp and globex, nothing from the denial');
  });

  test('Revoke Token on a tree token node does nothing unless its warning is confirmed', async () => {
    const before = env.sandbox.activeTokens(app.clientId);
    const node = { type: 'token', clientId: app.clientId, sessionId: first.sessionId, workspaceSlug: 'acme-corp' };
    const result = await cmd<SignOutResult | undefined>('vendaze.revokeToken', node);
    assert.equal(result, undefined, 'this host refuses modal prompts, so the revoke was not confirmed');
    assert.deepEqual(env.sandbox.activeTokens(app.clientId), before);
    assert.ok(await summaryOf(first.sessionId));
  });

  test('sign out revokes the access and refresh token on the sandbox and deletes the local copy', async () => {
    const before = env.sandbox.activeTokens(app.clientId);
    const revokes = env.sandbox.requestLog().filter((r) => r.path === '/oauth/revoke').length;
    const result = await cmd<SignOutResult>('vendaze.signOut', first.account.id); // by account id, as the Accounts menu has it
    assert.equal(result.ok, true, result.message);
    assert.equal(result.revoked, true);
    assert.equal(env.sandbox.requestLog().filter((r) => r.path === '/oauth/revoke' && r.status === 200).length - revokes, 2, 'access and refresh token');
    const after = env.sandbox.activeTokens(app.clientId);
    assert.equal(after.grants, before.grants - 1);
    assert.ok(after.accessTokens < before.accessTokens, 'its access tokens are dead');
    assert.equal(after.refreshTokens, before.refreshTokens - 1);
    assert.equal(await summaryOf(first.sessionId), undefined);
    assert.equal((await accounts()).some((a) => a.id === first.account.id), false);
  });

  test('an expired refresh token (invalid_grant) ends the session cleanly, once', async () => {
    const globex = (await summaries()).find((s) => s.clientId === app.clientId && s.workspace === 'globex');
    assert.ok(globex, 'the globex session from the state test');
    env.sandbox.advanceClock(61 * 24 * 3600); // past the 60-day refresh token lifetime
    const results = await Promise.all(Array.from({ length: 5 }, () => cmd<RefreshResult>('vendaze.refreshSession', globex.sessionId)));
    assert.ok(results.every((r) => r.ok === false && r.ended === true), 'every caller is told the session ended');
    assert.match(results[0]!.message ?? '', /Sign in again/);
    assert.equal(await summaryOf(globex.sessionId), undefined);
    const again = await cmd<RefreshResult | undefined>('vendaze.refreshSession', globex.sessionId);
    assert.equal(again, undefined, 'nothing left to refresh');
  });

  test('sign out while the API is down: local copy goes, revoke pending, Retry revokes it later', async () => {
    const port = await quietPort();
    const env2 = await startEnv(port);
    let restarted: Env | undefined;
    try {
      const app2 = await addApp(env2, [redirectUri]);
      const signedIn = await cmd<SignInResult>('vendaze.signIn', app2.clientId, { timeoutSeconds: 60 });
      assert.equal(signedIn.ok, true, signedIn.message);
      assert.equal(env2.sandbox.activeTokens(app2.clientId).grants, 1);
      await env2.sandbox.close();

      const result = await cmd<SignOutResult>('vendaze.signOut', signedIn.sessionId);
      assert.equal(result.ok, true);
      assert.equal(result.revoked, false);
      assert.equal(result.pending, true);
      assert.match(result.message, /pending/);
      assert.equal(await summaryOf(signedIn.sessionId), undefined, 'the local copy is gone');

      restarted = await startEnv(port, env2.stateFile); // same address, same server-side state
      assert.equal(restarted.sandbox.activeTokens(app2.clientId).grants, 1, 'still live on the server');
      const retry = await cmd<{ revoked: number; stillPending: number }>('vendaze.retryPendingRevokes');
      assert.equal(retry.revoked, 1);
      assert.equal(retry.stillPending, 0);
      assert.equal(restarted.sandbox.activeTokens(app2.clientId).grants, 0);
    } finally {
      await env2.sandbox.close();
      await restarted?.sandbox.close();
      rmSync(dirname(env2.stateFile), { recursive: true, force: true });
    }
  });
});
