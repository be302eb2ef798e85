import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'undici';
import type { RunningSandbox } from '../../../src/sandbox';
import { AccessTokenClaimsSchema } from '../../../src/schemas';

/**
 * Raw HTTP helpers for the sandbox tests: they talk to the sandbox the way any client would (real sockets on
 * 127.0.0.1, no client library in between), so a sandbox bug cannot hide behind a client bug.
 */

export interface Reply {
  status: number;
  headers: Record<string, string>;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export interface CallOptions {
  json?: unknown;
  form?: Record<string, string>;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  bearer?: string;
}

export async function call(sb: RunningSandbox, method: string, path: string, options: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] = 'application/json';
  } else if (options.form) {
    body = new URLSearchParams(options.form).toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  if (options.contentType) headers['content-type'] = options.contentType;
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  const res = await request(`${sb.baseUrl}${path}`, { method: method as 'GET', headers, body });
  const text = await res.body.text();
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, headers: flat, text, json };
}

/** Asserts the documented error envelope, with request_id equal to X-Request-ID. */
export function assertError(reply: Reply, status: number, code: string, message?: RegExp | string): void {
  assert.equal(reply.status, status, `status (body ${reply.text})`);
  assert.equal(reply.json?.error?.code, code, `code (body ${reply.text})`);
  assert.match(reply.headers['x-request-id'] ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.equal(reply.json.error.request_id, reply.headers['x-request-id']);
  assert.equal(reply.json.data, undefined, 'an error never carries data');
  if (typeof message === 'string') assert.equal(reply.json.error.message, message);
  else if (message) assert.match(reply.json.error.message, message);
}

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export const REDIRECT = 'http://127.0.0.1:53682/callback';

/** Per-IP limits no OAuth test file reaches (the documented ones would end a file early). */
export const ROOMY_OAUTH_LIMITS = { authorize: { limit: 1000, windowSeconds: 60 }, token: { limit: 1000, windowSeconds: 60 }, revoke: { limit: 1000, windowSeconds: 60 }, register: { limit: 1000, windowSeconds: 3600 } };

/** The claims of a sandbox access token (read, not verified: the tests check what the sandbox put in). */
export function claims(jwt: string) {
  return AccessTokenClaimsSchema.parse(JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')));
}

export interface TestApp {
  client_id: string;
  client_secret: string;
  email: string;
  body: { app_name: string; email: string; redirect_uris: string[]; scopes: string[] };
}

let counter = 0;

export async function register(sb: RunningSandbox, scopes: string[] = ['people:read', 'people:write']): Promise<TestApp> {
  const email = `dev${++counter}-${randomBytes(3).toString('hex')}@example.com`;
  const body = { app_name: `App ${counter}`, email, redirect_uris: [REDIRECT, 'https://app.example.com/cb'], scopes };
  const reply = await call(sb, 'POST', '/v1/auth/register-app', { json: body });
  assert.equal(reply.status, 201, reply.text);
  const clientId = reply.json.data.client_id as string;
  const secret = sb.mailbox.secretFor(clientId);
  assert.ok(secret);
  return { client_id: clientId, client_secret: secret, email, body };
}

export function authorizePath(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v);
  return `/oauth/authorize?${q.toString()}`;
}

export function authorizeParams(app: TestApp, challenge: string, overrides: Record<string, string | undefined> = {}) {
  return {
    client_id: app.client_id,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: app.body.scopes.join(' '),
    state: 'state-123',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  };
}

/** authorize (the sandbox must auto-approve) -> code. */
export async function getCode(sb: RunningSandbox, app: TestApp, scope?: string): Promise<{ code: string; verifier: string }> {
  const { verifier, challenge } = pkce();
  const reply = await call(sb, 'GET', authorizePath(authorizeParams(app, challenge, scope ? { scope } : {})));
  assert.equal(reply.status, 302, reply.text);
  const location = new URL(reply.headers.location!);
  assert.equal(location.searchParams.get('state'), 'state-123');
  const code = location.searchParams.get('code');
  assert.ok(code, reply.headers.location);
  return { code, verifier };
}

export async function tokensFor(sb: RunningSandbox, app: TestApp, scope?: string) {
  const { code, verifier } = await getCode(sb, app, scope);
  const reply = await call(sb, 'POST', '/oauth/token', {
    json: { grant_type: 'authorization_code', client_id: app.client_id, client_secret: app.client_secret, code, redirect_uri: REDIRECT, code_verifier: verifier },
  });
  assert.equal(reply.status, 200, reply.text);
  return reply.json as { access_token: string; refresh_token: string; token_type: string; expires_in: number; workspace_slug: string };
}
