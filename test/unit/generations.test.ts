import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { buildAuthorizeUrl, VendazeClient } from '../../src/api/client';
import { GenerationCache } from '../../src/api/generationCache';
import { GenerationResolver } from '../../src/api/generationResolver';
import { generationFromRefusal, probeGeneration } from '../../src/api/generationSignals';
import { Transport } from '../../src/api/transport';
import { createPkcePair, createState } from '../../src/auth/pkce';
import { PendingRevokes } from '../../src/auth/pendingRevokes';
import { SessionStore } from '../../src/auth/sessionStore';
import { retryPendingRevokes, signOutSession, type RevokeDeps } from '../../src/auth/signOut';
import { Logger, type LogSink } from '../../src/common/logger';
import { SecretRedactor } from '../../src/common/redact';
import type { RunningSandbox } from '../../src/sandbox/types';
import { MemoryKeyValueStore, MemorySecretStore } from '../../src/storage/memory';
import { authorize, clientFor, REDIRECT_URI, registerTestApp, rejection, signIn, startApiSandbox, storeSession, type RegisteredApp } from './support/apiSandbox';
import { forEachGeneration, isLatest } from './support/generations';

/**
 * What differs between the API generations, against the real sandbox in each (2026-05, and 2026-07 under every
 * reading of its undocumented points): detection, sign-in parameters, code life, revoke, sign-out, pending
 * revokes, rotation and delete-app. One body, parametrized by support/generations.ts.
 */

forEachGeneration((g) => {
  let sandbox: RunningSandbox;
  let client: VendazeClient;
  before(async () => {
    sandbox = await startApiSandbox({ api: g.api, latest: g.latest });
    client = clientFor(sandbox).client;
  });
  after(() => sandbox.close());

  const newApp = () => registerTestApp(client, sandbox);

  function revokeSetup(app: RegisteredApp) {
    const secrets = new MemorySecretStore();
    const lines: string[] = [];
    const sink: LogSink = { trace: () => undefined, debug: () => undefined, info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
    const learned: string[] = [];
    const sessions = new SessionStore(secrets);
    const deps: RevokeDeps = {
      sessions,
      pending: new PendingRevokes(secrets),
      getSecret: async () => sandbox.mailbox.secretFor(app.clientId),
      clientFor: () => client,
      log: new Logger(sink, new SecretRedactor()),
      generationFor: () => g.api,
      learnGeneration: async (_base, generation) => void learned.push(generation),
    };
    return { deps, sessions, lines, learned };
  }

  async function storedSession(sessions: SessionStore, app: RegisteredApp) {
    const tokens = await signIn(client, sandbox, app);
    const session = await storeSession(sessions, app, tokens, sandbox.baseUrl);
    return { session, tokens };
  }

  test('detection: the empty-body delete-app probe names the generation and changes nothing', async () => {
    const app = await newApp();
    assert.equal(await probeGeneration(new Transport({ baseUrl: sandbox.baseUrl })), g.api);
    assert.ok(sandbox.apps().some((a) => a.client_id === app.clientId), 'the probe deleted nothing');
    const resolver = new GenerationResolver(new GenerationCache(new MemoryKeyValueStore()), () => 'auto');
    assert.deepEqual(resolver.current(sandbox.baseUrl), { generation: '2026-05', source: 'default' });
    assert.deepEqual(await resolver.ensure(sandbox.baseUrl), { generation: g.api, source: 'detected' });
    assert.deepEqual(resolver.current(`${sandbox.baseUrl}/`), { generation: g.api, source: 'detected' }, 'cached per (normalised) base URL');
    const pinned = new GenerationResolver(new GenerationCache(new MemoryKeyValueStore()), () => '2026-07');
    assert.deepEqual(await pinned.ensure(sandbox.baseUrl), { generation: '2026-07', source: 'setting' }, 'the setting wins, no probe');
  });

  test('sign-in sends what this generation expects; the other shape is refused or ignored', async () => {
    const app = await newApp();
    const tokens = await signIn(client, sandbox, app);
    assert.equal((await client.me(tokens.access_token)).data.workspace_slug, 'acme-corp');
    // The other generation's authorize URL:
    const pkce = createPkcePair();
    const other = buildAuthorizeUrl({
      baseUrl: sandbox.baseUrl, clientId: app.clientId, redirectUri: REDIRECT_URI, scopes: app.scopes, state: createState(),
      codeChallenge: pkce.challenge, generation: isLatest(g) ? '2026-05' : '2026-07',
    });
    const res = await request(other);
    const text = await res.body.text();
    if (!isLatest(g)) {
      assert.equal(res.statusCode, 400, 'a 2026-05 server needs scope and PKCE');
      assert.match(text, /Missing required parameter: scope/);
    } else if (g.latest!.extraParams === 'refuse') {
      assert.equal(res.statusCode, 400, 'PKCE parameters are not harmless on a strict 2026-07 server: never sent');
      assert.match(text, /not accepted/);
    } else {
      assert.equal(res.statusCode, 302, 'a lenient 2026-07 server ignores them');
    }
  });

  test('the token request of the other generation: refused with a readable signal, or ignored', async () => {
    const app = await newApp();
    const { code, verifier } = await authorize(sandbox, app);
    const otherShape = clientFor(sandbox, { generation: isLatest(g) ? '2026-05' : '2026-07' }).client;
    const call = otherShape.exchangeCode({ clientId: app.clientId, clientSecret: app.clientSecret, code, redirectUri: REDIRECT_URI, codeVerifier: verifier });
    if (isLatest(g) && g.latest!.extraParams === 'ignore') {
      assert.equal((await call).status, 200);
      return;
    }
    const error = await rejection(call);
    assert.equal(error.code, 'invalid_request');
    assert.equal(generationFromRefusal('token', error), g.api, 'the refusal names the generation');
    // Refused before the code was used: the right shape still works with the same code.
    assert.equal((await client.exchangeCode({ clientId: app.clientId, clientSecret: app.clientSecret, code, redirectUri: REDIRECT_URI, codeVerifier: verifier })).status, 200);
  });

  test(`codes live ${isLatest(g) ? 10 : 5} minutes`, async () => {
    const app = await newApp();
    const exchange = async (afterSeconds: number) => {
      const { code, verifier } = await authorize(sandbox, app);
      sandbox.advanceClock(afterSeconds);
      return client.exchangeCode({ clientId: app.clientId, clientSecret: app.clientSecret, code, redirectUri: REDIRECT_URI, codeVerifier: verifier });
    };
    assert.equal((await exchange(290)).status, 200);
    if (isLatest(g)) assert.equal((await exchange(590)).status, 200);
    else assert.equal((await rejection(exchange(310))).code, 'invalid_grant');
    assert.equal((await rejection(exchange(610))).code, 'invalid_grant');
  });

  test('revoke: access token removes the grant; a refresh token is accepted only by 2026-05', async () => {
    const app = await newApp();
    const a = await signIn(client, sandbox, app);
    const viaRefresh = client.revokeToken({ token: a.refresh_token, clientId: app.clientId, clientSecret: app.clientSecret });
    if (isLatest(g)) {
      const error = await rejection(viaRefresh);
      assert.equal(error.status, 400);
      assert.equal(generationFromRefusal('revoke', error), '2026-07');
      assert.equal(sandbox.activeTokens(app.clientId).grants, 1, 'a refused revoke changes nothing');
      await client.revokeToken({ token: a.access_token, clientId: app.clientId, clientSecret: app.clientSecret });
    } else {
      await viaRefresh;
    }
    assert.equal(sandbox.activeTokens(app.clientId).grants, 0);
    assert.equal((await rejection(client.refreshToken({ clientId: app.clientId, clientSecret: app.clientSecret, refreshToken: a.refresh_token }))).code, 'invalid_grant');
  });

  test('revoking an expired access token (the undocumented point)', async () => {
    const app = await newApp();
    const a = await signIn(client, sandbox, app);
    sandbox.advanceClock(3601);
    const res = await client.revokeToken({ token: a.access_token, clientId: app.clientId, clientSecret: app.clientSecret });
    assert.equal(res.status, 200, 'always 200 for an expired token');
    const kept = isLatest(g) && g.latest!.revokeExpired === 'keeps-grant';
    assert.equal(sandbox.activeTokens(app.clientId).grants, kept ? 1 : 0);
  });

  test('sign-out leaves nothing on the server and nothing pending, even with an expired access token', async () => {
    const app = await newApp();
    const { deps, sessions } = revokeSetup(app);
    const { session } = await storedSession(sessions, app);
    sandbox.advanceClock(3601); // the access token is dead: [L] must refresh before revoking
    const refreshes: string[] = [];
    deps.ensureFresh = async (id) => {
      refreshes.push(id);
      const current = (await sessions.get(id))!;
      const fresh = await client.refreshToken({ clientId: app.clientId, clientSecret: app.clientSecret, refreshToken: current.refreshToken });
      return sessions.save({ ...current, accessToken: fresh.data.access_token, refreshToken: fresh.data.refresh_token });
    };
    const logBefore = sandbox.requestLog().length;
    const result = await signOutSession(deps, session.id);
    assert.equal(result.revoked, true, result.message);
    assert.equal(result.pending, false);
    assert.deepEqual(await deps.pending.list(), []);
    assert.equal(sandbox.activeTokens(app.clientId).grants, 0, 'the grant is gone on the server');
    assert.deepEqual(refreshes, isLatest(g) ? [session.id] : [], 'only 2026-07 refreshes first');
    const revokes = sandbox.requestLog().slice(logBefore).filter((r) => r.path === '/oauth/revoke');
    assert.deepEqual(revokes.map((r) => r.status), isLatest(g) ? [200] : [200, 200], 'one revoke per token sent, none refused');
  });

  test('a pending refresh-token revoke: dropped with a log line on 2026-07, revoked on 2026-05', async () => {
    const app = await newApp();
    const { deps, lines, learned } = revokeSetup(app);
    const a = await signIn(client, sandbox, app);
    // Queued by an older version of the extension: both tokens.
    await deps.pending.add({ clientId: app.clientId, workspaceSlug: a.workspace_slug, apiBaseUrl: sandbox.baseUrl, tokens: [a.access_token, a.refresh_token] });
    const result = await retryPendingRevokes(deps);
    assert.deepEqual({ revoked: result.revoked, stillPending: result.stillPending }, { revoked: 1, stillPending: 0 });
    assert.deepEqual(await deps.pending.list(), []);
    assert.equal(sandbox.activeTokens(app.clientId).grants, 0);
    assert.equal(lines.some((l) => /Dropped a pending refresh-token revoke/.test(l)), isLatest(g));
    assert.deepEqual(learned, isLatest(g) ? ['2026-07'] : []);
  });

  test('a pending revoke answered 401 invalid_client (secret rotated) stays pending', async () => {
    const app = await newApp();
    const { deps } = revokeSetup(app);
    const a = await signIn(client, sandbox, app);
    await deps.pending.add({ clientId: app.clientId, workspaceSlug: a.workspace_slug, apiBaseUrl: sandbox.baseUrl, tokens: [a.access_token] });
    deps.getSecret = async () => 'an-old-secret';
    const result = await retryPendingRevokes(deps);
    assert.equal(result.stillPending, 1);
    const [entry] = await deps.pending.list();
    assert.match(entry!.lastError ?? '', /client_secret|credentials|invalid_client/i);
    assert.deepEqual(entry!.tokens, [a.access_token]);
  });

  test('rotate: the body this generation wants; what happens to client_id, secret and sessions', async () => {
    const app = await newApp();
    const before = await signIn(client, sandbox, app);
    const body = isLatest(g)
      ? { client_id: app.clientId, email: app.email, redirect_uris: app.redirectUris }
      : { client_id: app.clientId, app_name: app.appName, redirect_uris: app.redirectUris, scopes: app.scopes };
    const rotated = await client.rotateApp(body);
    assert.equal(rotated.status, isLatest(g) ? 200 : 201);
    assert.equal(rotated.data.answeredAs, g.api);
    assert.equal(rotated.data.clientIdChanged, !isLatest(g), '2026-07 keeps the client_id');
    const newId = rotated.data.client_id;
    const newSecret = sandbox.mailbox.secretFor(newId)!;
    assert.notEqual(newSecret, app.clientSecret);
    assert.equal((await client.me(before.access_token)).status, 200, 'same scopes: the session is kept');
    assert.equal((await rejection(client.refreshToken({ clientId: newId, clientSecret: app.clientSecret, refreshToken: before.refresh_token }))).code, 'invalid_client', 'the old secret died');
    assert.equal((await client.refreshToken({ clientId: newId, clientSecret: newSecret, refreshToken: before.refresh_token })).status, 200, 'refreshes need the new secret');
  });

  test('rotate with the wrong shape or email is refused without effect', async () => {
    const app = await newApp();
    const secretBefore = app.clientSecret;
    const wrongShape = isLatest(g)
      ? { client_id: app.clientId, email: 'someone@example.com' }
      : { client_id: app.clientId, email: app.email }; // a 2026-07 body on a 2026-05 server
    const error = await rejection(client.rotateApp(wrongShape));
    if (isLatest(g)) assert.equal(error.code, 'invalid_client');
    else assert.equal(generationFromRefusal('rotate', error), '2026-05', '422 names the missing 2026-05 fields');
    assert.equal(sandbox.mailbox.secretFor(app.clientId), secretBefore, 'no rotation happened');
  });

  test('rotate with other scopes (the undocumented point on 2026-07)', async () => {
    const app = await newApp();
    const scopes = ['people:read'];
    if (!isLatest(g)) {
      const res = await client.rotateApp({ client_id: app.clientId, app_name: app.appName, redirect_uris: app.redirectUris, scopes: ['people:read'] });
      assert.deepEqual(sandbox.apps().find((a) => a.client_id === res.data.client_id)?.scopes, scopes, '2026-05 changes them');
      return;
    }
    const call = client.rotateApp({ client_id: app.clientId, email: app.email, scopes: ['people:read'] });
    if (g.latest!.rotateScopes === 'refuse') {
      const error = await rejection(call);
      assert.equal(error.status, 422);
      assert.equal(generationFromRefusal('rotate', error), '2026-07');
    } else {
      assert.equal((await call).status, 200);
    }
    assert.deepEqual(sandbox.apps().find((a) => a.client_id === app.clientId)?.scopes, app.scopes, 'scopes never change on 2026-07');
  });

  test('delete-app: 2026-07 only, needs client_id + email + secret, ends every session', async () => {
    const app = await newApp();
    const tokens = await signIn(client, sandbox, app);
    const del = (secret: string) => client.deleteApp({ client_id: app.clientId, email: app.email, client_secret: secret });
    if (!isLatest(g)) {
      assert.equal((await rejection(del(app.clientSecret))).status, 404, 'no such endpoint before 2026-07');
      assert.ok(sandbox.apps().some((a) => a.client_id === app.clientId));
      return;
    }
    assert.equal((await rejection(del('wrong'))).code, 'invalid_client');
    assert.equal((await del(app.clientSecret)).status, 204);
    assert.equal(sandbox.apps().some((a) => a.client_id === app.clientId), false);
    assert.equal((await rejection(client.me(tokens.access_token))).status, 401);
    assert.equal((await rejection(del(app.clientSecret))).code, 'not_found', 'a second delete: App not found.');
  });
});
