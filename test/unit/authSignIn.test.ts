import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { VendazeClient } from '../../src/api/client';
import { SignInAttempts } from '../../src/auth/attempts';
import { SignInError } from '../../src/auth/errors';
import { PendingRevokes } from '../../src/auth/pendingRevokes';
import { RedirectPlan } from '../../src/auth/redirect';
import { SessionStore } from '../../src/auth/sessionStore';
import { runSignIn, SignInDeps } from '../../src/auth/signInFlow';
import { retryPendingRevokes, RevokeDeps, signOutSession } from '../../src/auth/signOut';
import { Logger, LogSink } from '../../src/common/logger';
import { SecretRedactor } from '../../src/common/redact';
import type { RunningSandbox } from '../../src/sandbox/types';
import { MemorySecretStore } from '../../src/storage/memory';
import { clientFor, registerTestApp, RegisteredApp, startApiSandbox } from './support/apiSandbox';
import { forEachGeneration, isLatest } from './support/generations';
import { quietPort } from './support/ports';

/**
 * runSignIn and signOutSession end to end over real HTTP: the sandbox, the real loopback listener on 127.0.0.1,
 * and a scripted "browser" (undici) that follows the redirects and answers the consent form as a user would.
 * Runs against every API generation the sandbox speaks (support/generations.ts).
 */

forEachGeneration((g) => {
  let sandbox: RunningSandbox;
  let app: RegisteredApp;
  let client: VendazeClient;
  let plan: RedirectPlan;

  before(async () => {
    const port = await quietPort(); // not the default 53682, so a real sign-in elsewhere is not disturbed
    plan = { kind: 'loopback', via: 'loopback', redirectUri: `http://127.0.0.1:${port}/callback`, listen: { host: '127.0.0.1', port, path: '/callback' } };
    sandbox = await startApiSandbox({ api: g.api, latest: g.latest });
    client = clientFor(sandbox).client;
    app = await registerTestApp(client, sandbox, undefined, [plan.redirectUri]);
  });
  after(() => sandbox.close());

  type Browser = 'approve' | 'deny' | { approveThen: () => void };

  /** A user at a browser: follows 302s, and on the consent page presses Authorize or Deny. */
  function browser(mode: Browser, opened: string[]) {
    return async (url: string): Promise<boolean> => {
      opened.push(url);
      void (async () => {
        let next: string | undefined = url;
        let form: string | undefined;
        for (let hop = 0; next && hop < 10; hop++) {
          const res: Awaited<ReturnType<typeof request>> = await request(next, form ? { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {});
          const text = await res.body.text();
          form = undefined;
          if (res.statusCode === 302) {
            const location: string = new URL(String(res.headers.location), next).toString();
            if (typeof mode === 'object' && location.startsWith(plan.redirectUri)) mode.approveThen();
            next = location;
            continue;
          }
          const requestId = /name="request" value="([^"]+)"/.exec(text)?.[1];
          if (!requestId) return;
          form = new URLSearchParams({ request: requestId, action: mode === 'deny' ? 'deny' : 'approve', workspace: 'acme-corp', scope: 'people:read' }).toString();
          next = new URL('/oauth/consent', next).toString();
        }
      })();
      return true;
    };
  }

  function setup(mode: Browser, overrides: Partial<SignInDeps> = {}) {
    const secrets = new MemorySecretStore();
    const redactor = new SecretRedactor();
    const lines: string[] = [];
    const sink: LogSink = { trace: (m) => lines.push(m), debug: (m) => lines.push(m), info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
    const log = new Logger(sink, redactor);
    const sessions = new SessionStore(secrets, (s) => redactor.add(s));
    const opened: string[] = [];
    const deps: SignInDeps = {
      attempts: new SignInAttempts(),
      sessions,
      client,
      openBrowser: browser(mode, opened),
      onSecret: (s) => redactor.add(s),
      log,
      ...overrides,
    };
    return { deps, sessions, secrets, lines, opened, log, redactor };
  }

  const signInRequest = (extra: Partial<Parameters<typeof runSignIn>[1]> = {}) => ({
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    scopes: app.scopes,
    plan,
    timeoutMs: 10_000,
    ...extra,
  });

  async function signInError(promise: Promise<unknown>): Promise<SignInError> {
    const error = await promise.then(() => assert.fail('expected sign-in to fail'), (e: unknown) => e);
    assert.ok(error instanceof SignInError, `expected SignInError, got ${String(error)}`);
    return error;
  }

  describe('runSignIn (sandbox + loopback + scripted browser)', () => {
    test('approve on the consent page -> session stored with the granted scopes and workspace', async () => {
      sandbox.setAutoApprove(false);
      const { deps, sessions, opened, lines } = setup('approve');
      const { session } = await runSignIn(deps, signInRequest());
      assert.equal(session.workspaceSlug, 'acme-corp');
      // [P] scopes are approved one by one; [L] consent is all-or-nothing.
      assert.deepEqual(session.scopes, isLatest(g) ? app.scopes : ['people:read'], 'the user unticked people:write on the consent page');
      assert.deepEqual(await sessions.list(), [session]);
      const authorize = new URL(opened[0]!);
      assert.equal(authorize.searchParams.get('redirect_uri'), plan.redirectUri);
      assert.ok(authorize.searchParams.get('state'), 'state is sent in every generation');
      // [L]: no scope, no PKCE (Vendaze runs it); sending them anyway is refused by a strict 2026-07 server.
      assert.equal(authorize.searchParams.get('code_challenge_method'), isLatest(g) ? null : 'S256');
      assert.equal(authorize.searchParams.has('code_challenge'), !isLatest(g));
      assert.equal(authorize.searchParams.get('scope'), isLatest(g) ? null : app.scopes.join(' '));
      const joined = lines.join('\n');
      for (const secret of [session.accessToken, session.refreshToken, app.clientSecret]) assert.equal(joined.includes(secret), false);
      assert.equal(sandbox.activeTokens(app.clientId).grants >= 1, true);
    });

    test('marked sessions of the app are retired before the consent page opens (their grants go first)', async () => {
      sandbox.setAutoApprove(true);
      const order: string[] = [];
      const { deps } = setup('approve');
      const openBrowser = deps.openBrowser;
      const { session } = await runSignIn(
        { ...deps, retireMarked: async (clientId, workspace) => void order.push(`retire ${clientId} ${workspace}`), openBrowser: (url) => (order.push('browser'), openBrowser(url)) },
        signInRequest({ workspace: 'acme-corp' }),
      );
      assert.equal(session.workspaceSlug, 'acme-corp');
      assert.deepEqual(order, [`retire ${app.clientId} acme-corp`, 'browser']);
    });

    test('deny on the consent page -> access_denied, nothing stored, listener closed', async () => {
      sandbox.setAutoApprove(false);
      const { deps, sessions } = setup('deny');
      const error = await signInError(runSignIn(deps, signInRequest()));
      assert.equal(error.kind, 'access_denied');
      assert.deepEqual(await sessions.list(), []);
      await assert.rejects(request(plan.redirectUri), /ECONNREFUSED/);
    });

    test('an expired code -> exchange_failed invalid_grant with advice', async () => {
      sandbox.setAutoApprove(true);
      const ttl = sandbox.faults().codeTtlSeconds;
      const { deps } = setup({ approveThen: () => sandbox.advanceClock(ttl + 1) });
      const error = await signInError(runSignIn(deps, signInRequest()));
      assert.equal(error.kind, 'exchange_failed');
      assert.equal(error.extra.apiCode, 'invalid_grant');
      assert.match(error.message, /expired, was already used/);
      assert.ok(error.extra.requestId, 'the request id is surfaced');
    });

    test('429 on /oauth/token -> exchange_failed with Retry-After', async () => {
      sandbox.setAutoApprove(true);
      const { deps } = setup('approve');
      const limits = sandbox.faults().rateLimits.token;
      sandbox.setFaults({ rateLimits: { token: { limit: 0, windowSeconds: 3600 } } });
      try {
        const error = await signInError(runSignIn(deps, signInRequest()));
        assert.equal(error.kind, 'exchange_failed');
        assert.equal(error.extra.status, 429);
        assert.ok((error.extra.retryAfterSeconds ?? 0) > 0);
        assert.match(error.message, /rate limit/);
      } finally {
        sandbox.setFaults({ rateLimits: { token: limits } });
      }
    });

    test('the API down -> api_unreachable before any browser opens', async () => {
      const down = new VendazeClient({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 2000, generation: g.api });
      const { deps, opened } = setup('approve', { client: down });
      const error = await signInError(runSignIn(deps, signInRequest()));
      assert.equal(error.kind, 'api_unreachable');
      assert.match(error.message, /127\.0\.0\.1:9/);
      assert.deepEqual(opened, []);
    });

    test('no answer -> timeout naming vendaze.apiGeneration, and the listener is released', async () => {
      const { deps } = setup('approve', { openBrowser: async () => true });
      const error = await signInError(runSignIn(deps, signInRequest({ timeoutMs: 200 })));
      assert.equal(error.kind, 'timeout');
      assert.match(error.message, new RegExp(`API ${g.api}.*vendaze\\.apiGeneration`));
      await assert.rejects(request(plan.redirectUri), /ECONNREFUSED/);
    });

    test('cancellation while waiting -> cancelled', async () => {
      const controller = new AbortController();
      const { deps } = setup('approve', {
        openBrowser: async () => {
          setTimeout(() => controller.abort(), 50);
          return true;
        },
      });
      const error = await signInError(runSignIn(deps, signInRequest({ signal: controller.signal })));
      assert.equal(error.kind, 'cancelled');
    });
  });

  describe('signOutSession (sandbox)', () => {
    async function signedIn() {
      sandbox.setAutoApprove(true);
      const ctx = setup('approve');
      const { session } = await runSignIn(ctx.deps, signInRequest());
      const pending = new PendingRevokes(ctx.secrets);
      let base = sandbox.baseUrl;
      const revokeDeps: RevokeDeps = {
        sessions: ctx.sessions,
        pending,
        getSecret: async () => app.clientSecret,
        clientFor: () => new VendazeClient({ baseUrl: base, timeoutMs: 2000, generation: g.api }),
        log: ctx.log,
        generationFor: () => g.api,
      };
      return { ...ctx, session, pending, revokeDeps, breakApi: (broken: boolean) => (base = broken ? 'http://127.0.0.1:9' : sandbox.baseUrl) };
    }

    test('revokes on the server and deletes the local copy', async () => {
      const { session, sessions, revokeDeps, secrets } = await signedIn();
      const tokensBefore = sandbox.activeTokens(app.clientId).grants;
      const result = await signOutSession(revokeDeps, session.id);
      assert.equal(result.revoked, true);
      assert.equal(await sessions.get(session.id), undefined);
      assert.equal(sandbox.activeTokens(app.clientId).grants, tokensBefore - 1);
      const afterRevoke = await client.me(session.accessToken).then(() => undefined, (e: { code?: string }) => e.code);
      assert.equal(afterRevoke, 'unauthorized');
      assert.deepEqual(secrets.keys().filter((k) => k.includes('pendingRevokes')), []);
    });

    test('server unreachable -> local copy still goes, revoke pending, retry revokes it', async () => {
      const { session, sessions, revokeDeps, pending, breakApi } = await signedIn();
      const grantsBefore = sandbox.activeTokens(app.clientId).grants;
      breakApi(true);
      const result = await signOutSession(revokeDeps, session.id);
      assert.equal(result.pending, true);
      assert.match(result.message, /pending/);
      assert.equal(await sessions.get(session.id), undefined);
      assert.equal((await pending.list()).length, 1);
      assert.equal(sandbox.activeTokens(app.clientId).grants, grantsBefore, 'still live on the server');

      assert.equal((await retryPendingRevokes(revokeDeps)).stillPending, 1);
      breakApi(false);
      assert.deepEqual((await retryPendingRevokes(revokeDeps)).revoked, 1);
      assert.deepEqual(await pending.list(), []);
      assert.equal(sandbox.activeTokens(app.clientId).grants, grantsBefore - 1);
    });

    test('an unknown session id says so', async () => {
      const { revokeDeps } = await signedIn();
      const result = await signOutSession(revokeDeps, 'nope');
      assert.equal(result.ok, false);
    });
  });
});
