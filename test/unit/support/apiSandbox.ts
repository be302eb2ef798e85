import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { buildAuthorizeUrl, VendazeClient, type ClientOptions } from '../../../src/api/client';
import { VendazeApiError } from '../../../src/api/errors';
import type { ResponseInfo } from '../../../src/api/transport';
import { createPkcePair, createState } from '../../../src/auth/pkce';
import type { SessionStore } from '../../../src/auth/sessionStore';
import { startSandbox } from '../../../src/sandbox';
import type { RunningSandbox, SandboxOptions } from '../../../src/sandbox/types';
import type { Scope } from '../../../src/schemas/scopes';

/**
 * Shared by the api-*.test.ts files: a real sandbox on 127.0.0.1 and clients whose retry sleeps are virtual. The
 * injected sleep records each wait and moves the SANDBOX clock forward by it, so a 429's Retry-After really
 * elapses for the server (its window resets) while the test spends no wall time.
 */

export const REDIRECT_URI = 'http://127.0.0.1:53682/callback';

/** Generous per-IP limits: one test process makes more token calls than a user would in a minute. */
export const ROOMY_LIMITS: NonNullable<SandboxOptions['faults']>['rateLimits'] = {
  authorize: { limit: 10_000, windowSeconds: 60 },
  token: { limit: 10_000, windowSeconds: 60 },
  revoke: { limit: 10_000, windowSeconds: 60 },
  register: { limit: 10_000, windowSeconds: 3600 },
  rotate: { limit: 10_000, windowSeconds: 3600 },
};

export function startApiSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({ autoApprove: true, ...options, faults: { ...options.faults, rateLimits: { ...ROOMY_LIMITS, ...options.faults?.rateLimits } } });
}

export interface TestClient {
  client: VendazeClient;
  /** Every retry wait the transport asked for, in ms. */
  waits: number[];
  infos: ResponseInfo[];
}

/** A client following the sandbox's generation (override with `options.generation`). */
export function clientFor(sandbox: RunningSandbox, options: Partial<ClientOptions> = {}): TestClient {
  const waits: number[] = [];
  const infos: ResponseInfo[] = [];
  const client = new VendazeClient({
    baseUrl: sandbox.baseUrl,
    version: 'test',
    sleep: async (ms: number) => {
      waits.push(ms);
      sandbox.advanceClock(ms / 1000);
    },
    onResponse: (info: ResponseInfo) => infos.push(info),
    generation: sandbox.api,
    ...options,
  } as ClientOptions);
  return { client, waits, infos };
}

export interface RegisteredApp {
  clientId: string;
  clientSecret: string;
  email: string;
  appName: string;
  scopes: Scope[];
  redirectUris: string[];
}

export async function registerTestApp(
  client: VendazeClient,
  sandbox: RunningSandbox,
  scopes: Scope[] = ['people:read', 'people:write'],
  extraRedirectUris: string[] = [],
): Promise<RegisteredApp> {
  const email = `dev+${randomUUID().slice(0, 8)}@example.com`;
  const appName = `Test app ${email}`;
  const redirectUris = [REDIRECT_URI, ...extraRedirectUris];
  const res = await client.registerApp({ app_name: appName, email, redirect_uris: redirectUris, scopes });
  assert.equal(res.status, 201);
  const clientSecret = sandbox.mailbox.secretFor(res.data.client_id);
  assert.ok(clientSecret, 'the sandbox mailbox holds the new secret');
  return { clientId: res.data.client_id, clientSecret, email, appName, scopes, redirectUris };
}

export interface AuthorizedCode {
  code: string;
  verifier: string;
  redirectUri: string;
}

/**
 * Plays the browser: opens the authorize URL built by the client (auto-approve on) and reads the redirect back
 * to redirect_uri, checking `state` as the real callback handler must.
 */
export async function authorize(sandbox: RunningSandbox, app: RegisteredApp, scopes: readonly string[] = app.scopes): Promise<AuthorizedCode> {
  const pkce = createPkcePair();
  const state = createState();
  const url = buildAuthorizeUrl({ baseUrl: sandbox.baseUrl, clientId: app.clientId, redirectUri: REDIRECT_URI, scopes, state, codeChallenge: pkce.challenge, generation: sandbox.api });
  const res = await request(url, { method: 'GET' });
  await res.body.text();
  assert.equal(res.statusCode, 302, 'authorize redirects back');
  const location = new URL(String(res.headers.location));
  assert.equal(`${location.origin}${location.pathname}`, REDIRECT_URI);
  assert.equal(location.searchParams.get('state'), state, 'state comes back unchanged');
  const code = location.searchParams.get('code');
  assert.ok(code, `redirect carries a code (got ${location.search.replace(/code=[^&]+/, 'code=…')})`);
  return { code, verifier: pkce.verifier, redirectUri: REDIRECT_URI };
}

export async function signIn(client: VendazeClient, sandbox: RunningSandbox, app: RegisteredApp) {
  const { code, verifier, redirectUri } = await authorize(sandbox, app);
  const res = await client.exchangeCode({ clientId: app.clientId, clientSecret: app.clientSecret, code, redirectUri, codeVerifier: verifier });
  return res.data;
}

/** The tokens of a sign-in (exchangeCode's body), as signIn() returns them. */
export type SignInTokens = Awaited<ReturnType<typeof signIn>>;

/** Stores a sign-in's tokens for `app` as the extension does after the code exchange: its session in `store`. */
export async function storeSession(store: SessionStore, app: RegisteredApp, tokens: SignInTokens, apiBaseUrl: string) {
  const { session } = await store.upsertSignIn({
    clientId: app.clientId,
    workspaceSlug: tokens.workspace_slug,
    scopes: app.scopes,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    expiresAt: new Date(Date.now() + tokens.expires_in * 1000).toISOString(),
    apiBaseUrl,
  });
  return session;
}

export async function rejection(promise: Promise<unknown>): Promise<VendazeApiError> {
  const error = await promise.then(
    () => assert.fail('expected the call to fail'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof VendazeApiError, `expected a VendazeApiError, got ${String(error)}`);
  return error;
}
