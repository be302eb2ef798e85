/**
 * Sign-in end to end in the real extension host, against an in-process sandbox: the extension opens the consent
 * page in the browser (code-server: a new tab of the same headless Chromium), the page approves itself
 * (autoApprove 'browser'), the redirect comes back through the loopback listener, tokens land in SecretStorage.
 * Where a test must act as the user (deny, or answer with a forged/replayed state), it reads the pending consent
 * request from the sandbox's own state file and answers the consent form over HTTP exactly as the page would.
 * The last test scans the host's user-data folder and logs for every secret the suite saw.
 *
 * What this host does not allow: VS Code's account-access consent (getSession from "another extension") is a modal
 * prompt, and the test workbench refuses prompts, so no extension - this test included - can be granted a session
 * here. The provider is exercised through vscode.authentication.getAccounts (same provider.getSessions path,
 * refresh-before-hand-out included, without tokens), and silent getSession is checked to hand out nothing without
 * consent. Token values therefore never reach the test: the leak scan looks for every JWT (both tokens are JWTs)
 * besides the exact secrets and codes the suite did see.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { clearTextSecrets, cmd, filesUnder, freePort } from './support';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { request } from 'undici';
import * as vscode from 'vscode';
import { VendazeClient } from '../../src/api/client';
import { startSandbox } from '../../src/sandbox';
import type { FaultsPatch, RunningSandbox } from '../../src/sandbox/types';
import type { Scope } from '../../src/schemas/scopes';

type SignInResult = { ok: boolean; kind?: string; message: string; sessionId: string; workspace: string; scopes: string[]; redirectUri?: string; apiCode?: string; status?: number; retryAfterSeconds?: number; requestId?: string; account: { id: string; label: string } };
type SignOutResult = { ok: boolean; revoked: boolean; pending: boolean; message: string };
type RefreshResult = { ok: boolean; refreshed?: boolean; ended?: boolean; expiresAt?: string; message?: string };
type SessionSummary = { sessionId: string; accountId: string; label: string; workspace: string; clientId: string };

const ROOMY: FaultsPatch['rateLimits'] = {
  authorize: { limit: 10_000, windowSeconds: 60 },
  token: { limit: 10_000, windowSeconds: 60 },
  revoke: { limit: 10_000, windowSeconds: 60 },
  register: { limit: 10_000, windowSeconds: 3600 },
};


/** Every secret value the suite saw, for the final clear-text scan. */
const seen = new Set<string>();
const see = (value: string | undefined | null) => value && seen.add(value);

const authConfig = () => vscode.workspace.getConfiguration('vendaze.auth');
const vendazeConfig = () => vscode.workspace.getConfiguration('vendaze');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

interface Env {
  sandbox: RunningSandbox;
  stateFile: string;
  client: VendazeClient;
}

async function startEnv(port = 0, stateFile?: string): Promise<Env> {
  const file = stateFile ?? join(mkdtempSync(join(tmpdir(), 'vendaze-auth-')), 'sandbox.json');
  const sandbox = await startSandbox({ port, autoApprove: 'browser', stateFile: file, faults: { rateLimits: ROOMY } });
  return { sandbox, stateFile: file, client: new VendazeClient({ baseUrl: sandbox.baseUrl, timeoutMs: 10_000 }) };
}

/** Registers an app on the sandbox and adds it to VS Code through the apps feature's own command. */
async function addApp(env: Env, redirectUris: string[], scopes: Scope[] = ['people:read', 'people:write']) {
  await vendazeConfig().update('apiBaseUrl', env.sandbox.baseUrl, vscode.ConfigurationTarget.Global);
  const email = `auth-${Math.random().toString(36).slice(2, 10)}@example.com`;
  const appName = `Auth test ${email.slice(5, 13)}`;
  const registered = await env.client.registerApp({ app_name: appName, email, redirect_uris: redirectUris, scopes });
  const clientId = registered.data.client_id;
  const clientSecret = env.sandbox.mailbox.secretFor(clientId);
  assert.ok(clientSecret, 'the sandbox mailbox holds the secret');
  see(clientSecret);
  const added = await cmd<{ status: string }>('vendaze.addExistingApp', { clientId, clientSecret, appName, email, redirectUris, scopes });
  assert.equal(added.status, 'added');
  return { clientId, clientSecret, appName };
}

/** The pending consent request the browser tab is looking at (from the sandbox's state file). */
async function pendingConsent(env: Env, known = new Set<string>()) {
  return waitFor('the consent request', () => {
    const state = JSON.parse(readFileSync(env.stateFile, 'utf8')) as { pending: Array<{ id: string; state: string }> };
    return state.pending.find((p) => !known.has(p.id));
  });
}

/** Presses Authorize or Deny on the consent form, as the page would; returns the redirect it answers with. */
async function answerConsent(env: Env, requestId: string, action: 'approve' | 'deny', workspace = 'globex'): Promise<string> {
  const form = new URLSearchParams({ request: requestId, action, workspace });
  form.append('scope', 'people:read');
  const res = await request(`${env.sandbox.baseUrl}/oauth/consent`, { method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  await res.body.text();
  assert.equal(res.statusCode, 302, 'the consent form redirects back');
  const location = String(res.headers.location);
  see(new URL(location).searchParams.get('code'));
  return location;
}

async function get(url: string) {
  const res = await request(url);
  return { status: res.statusCode, text: await res.body.text() };
}

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
  let env: Env;
  let loopbackPort: number;
  let redirectUri: string;
  let app: { clientId: string; clientSecret: string; appName: string };
  let first: SignInResult;

  suiteSetup(async () => {
    env = await startEnv();
    loopbackPort = await freePort();
    await authConfig().update('loopbackPort', loopbackPort, vscode.ConfigurationTarget.Global);
    // The exact string the extension will send: what this host makes of the loopback URL (code-server: its proxy).
    redirectUri = (await vscode.env.asExternalUri(vscode.Uri.parse(`http://127.0.0.1:${loopbackPort}/callback`))).toString(true);
    app = await addApp(env, [redirectUri]);
  });

  suiteTeardown(async () => {
    await env?.sandbox.close();
    await authConfig().update('loopbackPort', undefined, vscode.ConfigurationTarget.Global);
    await vendazeConfig().update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
  });

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

  test('bounce strategy: a bounce page forwards to the URI handler, which completes the sign-in', async () => {
    // The user's bounce page, played by a tiny server on 127.0.0.1: it forwards the query to the address this host
    // gives the URI handler (code-server: its /callback route, which hands it to registerUriHandler).
    const handler = (await vscode.env.asExternalUri(vscode.Uri.parse(`${vscode.env.uriScheme}://vendaze.vendaze-vscode/auth-callback`))).toString(true);
    const hits: string[] = [];
    const bounce = createHttpServer((req, res) => {
      const query = new URL(req.url ?? '/', 'http://x').search.slice(1);
      hits.push(req.url ?? '');
      res.writeHead(302, { location: `${handler}${handler.includes('?') ? '&' : '?'}${query}` }).end();
    });
    await new Promise<void>((resolve) => bounce.listen(0, '127.0.0.1', resolve));
    const bounceUrl = `http://127.0.0.1:${(bounce.address() as { port: number }).port}/vendaze-bounce`;
    try {
      const bounceApp = await addApp(env, [bounceUrl]);
      await authConfig().update('redirectStrategy', 'bounce', vscode.ConfigurationTarget.Global);
      await authConfig().update('redirectBounceUrl', bounceUrl, vscode.ConfigurationTarget.Global);
      const result = await cmd<SignInResult>('vendaze.signIn', bounceApp.clientId, { timeoutSeconds: 15 });
      assert.equal(result.ok, true, result.message);
      assert.equal(result.redirectUri, bounceUrl);
      assert.equal(result.workspace, 'acme-corp');
      assert.equal(hits.length, 1, 'the browser went through the bounce page');
      assert.equal(env.sandbox.activeTokens(bounceApp.clientId).grants, 1);
      const out = await cmd<SignOutResult>('vendaze.signOut', result.sessionId);
      assert.equal(out.revoked, true);
    } finally {
      await authConfig().update('redirectStrategy', undefined, vscode.ConfigurationTarget.Global);
      await authConfig().update('redirectBounceUrl', undefined, vscode.ConfigurationTarget.Global);
      await new Promise((resolve) => bounce.close(resolve));
    }
  });

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
    const port = await freePort();
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

  test('no token, code or client_secret in clear text in the user-data folder, the logs or the test output', async () => {
    const root = process.env.VENDAZE_TEST_USER_DATA_DIR;
    assert.ok(root, 'the harness sets VENDAZE_TEST_USER_DATA_DIR');
    await sleep(1500); // let the log channel flush to disk
    assert.ok(seen.size >= 6, `the suite saw secrets to look for (${seen.size})`);
    const runDir = dirname(root); // ud/, plus the harness's server, workbench and test output logs beside it
    const files = filesUnder(runDir);
    assert.ok(files.some((f) => /Vendaze\.log$|vendaze/i.test(f)), 'the extension log is among the scanned files');
    assert.deepEqual(clearTextSecrets(files, seen), []);
  });
});
