import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { RegisterAppResponseSchema, RotateAppResponseSchema } from '../../src/schemas';
import { assertError, authorizeParams, authorizePath, call, pkce, register, tokensFor } from './support/sandboxHttp';

const roomy = { register: { limit: 1000, windowSeconds: 3600 }, rotate: { limit: 1000, windowSeconds: 3600 }, authorize: { limit: 1000, windowSeconds: 60 }, token: { limit: 1000, windowSeconds: 60 } };

describe('sandbox: POST /v1/auth/register-app', () => {
  let sb: RunningSandbox;
  const logged: string[] = [];
  before(async () => {
    sb = await startSandbox({ faults: { rateLimits: roomy }, log: (l) => logged.push(l) });
  });
  after(() => sb.close());

  const valid = {
    app_name: 'My SaaS',
    email: 'dev@mysaas.com',
    description: 'Syncs contacts.',
    redirect_uris: ['https://mysaas.com/callback/vendaze', 'http://localhost:3000/cb'],
    scopes: ['people:read', 'deals:write'],
    avatar_url: 'https://mysaas.com/logo.webp',
  };

  test('201 with client_id; the secret goes only to the mailbox (and the log), never the response', async () => {
    const reply = await call(sb, 'POST', '/v1/auth/register-app', { json: valid });
    assert.equal(reply.status, 201);
    const parsed = RegisterAppResponseSchema.parse(reply.json);
    assert.match(parsed.data.client_id, /^[0-9a-f-]{36}$/);
    assert.equal(parsed.data.app_name, 'My SaaS');
    assert.equal(parsed.data.message, 'Credentials sent to dev@mysaas.com');
    assert.match(parsed.data.avatar_url ?? '', /^https:\/\/storage\.vendaze\.com\//);
    const mail = sb.mailbox.latestFor('DEV@mysaas.com');
    assert.ok(mail);
    assert.equal(mail.client_id, parsed.data.client_id);
    assert.equal(sb.mailbox.secretFor(parsed.data.client_id), mail.client_secret);
    assert.ok(!reply.text.includes(mail.client_secret), 'secret absent from the response');
    assert.ok(mail.text.includes(mail.client_secret));
    assert.ok(logged.some((l) => l.includes(mail.client_secret) && l.includes('[mailbox]')), 'email passed to log');
    assert.equal(reply.headers['x-ratelimit-limit'], '1000', 'the register bucket as configured');
    const app = sb.apps().find((a) => a.client_id === parsed.data.client_id);
    assert.deepEqual(app?.scopes, valid.scopes);
  });

  test('409 conflict for a second app with the same email (case-insensitive), with fields.email', async () => {
    const reply = await call(sb, 'POST', '/v1/auth/register-app', { json: { ...valid, email: 'Dev@MySaaS.com' } });
    assertError(reply, 409, 'conflict', 'An app is already registered with this email address.');
    assert.match(reply.json.error.fields.email, /already registered/);
  });

  const invalid: Array<[string, Record<string, unknown>, string]> = [
    ['101-char app_name', { app_name: 'x'.repeat(101) }, 'app_name'],
    ['empty app_name', { app_name: '' }, 'app_name'],
    ['missing email', { email: undefined }, 'email'],
    ['bad email', { email: 'nope' }, 'email'],
    ['501-char description', { description: 'd'.repeat(501) }, 'description'],
    ['no redirect URIs', { redirect_uris: [] }, 'redirect_uris'],
    ['http redirect to a public host', { redirect_uris: ['http://mysaas.com/cb'] }, 'redirect_uris[0]'],
    ['wildcard redirect', { redirect_uris: ['https://*.mysaas.com/cb'] }, 'redirect_uris[0]'],
    ['fragment in redirect', { redirect_uris: ['https://mysaas.com/cb#top'] }, 'redirect_uris[0]'],
    ['duplicate redirect', { redirect_uris: ['https://mysaas.com/cb', 'https://mysaas.com/cb'] }, 'redirect_uris[1]'],
    ['no scopes', { scopes: [] }, 'scopes'],
    ['unknown scope', { scopes: ['people:read', 'admin'] }, 'scopes[1]'],
    ['duplicate scope', { scopes: ['people:read', 'people:read'] }, 'scopes[1]'],
    ['png avatar', { avatar_url: 'https://mysaas.com/logo.png' }, 'avatar_url'],
    ['http avatar', { avatar_url: 'http://mysaas.com/logo.webp' }, 'avatar_url'],
    ['unknown field', { avatar_image: 'data:image/png;base64,AA' }, 'body'],
  ];
  for (const [name, override, field] of invalid) {
    test(`422 validation_error for ${name} (fields.${field})`, async () => {
      const reply = await call(sb, 'POST', '/v1/auth/register-app', { json: { ...valid, email: `other-${field}@x.com`, ...override } });
      assertError(reply, 422, 'validation_error', 'Validation failed.');
      assert.equal(typeof reply.json.error.fields[field], 'string', JSON.stringify(reply.json.error.fields));
    });
  }

  test('400 bad_request for a malformed JSON body', async () => {
    assertError(await call(sb, 'POST', '/v1/auth/register-app', { body: '{"app_name": ', contentType: 'application/json' }), 400, 'bad_request', 'Request body must be valid JSON.');
  });

  test('400 bad_request for a form body (register-app is JSON only)', async () => {
    assertError(await call(sb, 'POST', '/v1/auth/register-app', { form: { app_name: 'x' } }), 400, 'bad_request', /Content-Type/);
  });

  test('404 for an unknown route and for a wrong method, with the envelope', async () => {
    assertError(await call(sb, 'GET', '/v1/nothing'), 404, 'not_found', /No such endpoint/);
    const wrong = await call(sb, 'GET', '/v1/auth/register-app');
    assertError(wrong, 404, 'not_found', /use POST/);
    assert.equal(wrong.headers.allow, 'POST');
  });
});

describe('sandbox: POST /v1/auth/rotate-app', () => {
  let sb: RunningSandbox;
  before(async () => {
    sb = await startSandbox({ autoApprove: true, faults: { rateLimits: roomy } });
  });
  after(() => sb.close());

  const rotateBody = (clientId: string, scopes: string[], extra: Record<string, unknown> = {}) => ({
    client_id: clientId,
    app_name: 'Renamed',
    redirect_uris: ['http://127.0.0.1:53682/callback'],
    scopes,
    ...extra,
  });

  test('201, NEW client_id, new secret mailed to the registered email; old client_id and secret die at once', async () => {
    const app = await register(sb);
    const reply = await call(sb, 'POST', '/v1/auth/rotate-app', { json: rotateBody(app.client_id, app.body.scopes) });
    assert.equal(reply.status, 201, reply.text);
    const data = RotateAppResponseSchema.parse(reply.json).data;
    assert.notEqual(data.client_id, app.client_id);
    assert.equal(data.app_name, 'Renamed');
    const newSecret = sb.mailbox.secretFor(data.client_id);
    assert.ok(newSecret && newSecret !== app.client_secret);
    assert.equal(sb.mailbox.latestFor(app.email)?.kind, 'rotated');
    assert.ok(!reply.text.includes(newSecret));
    // Old client_id: unknown everywhere.
    const { challenge } = pkce();
    assertError(await call(sb, 'GET', authorizePath(authorizeParams(app, challenge))), 401, 'invalid_client');
    assertError(await call(sb, 'POST', '/oauth/token', { json: { grant_type: 'refresh_token', client_id: app.client_id, client_secret: app.client_secret, refresh_token: 'x' } }), 401, 'invalid_client');
    assertError(await call(sb, 'POST', '/v1/auth/rotate-app', { json: rotateBody(app.client_id, app.body.scopes) }), 401, 'invalid_client', 'Invalid client_id or email address.');
    // Old secret with the new client_id: dead too.
    assertError(await call(sb, 'POST', '/oauth/token', { json: { grant_type: 'refresh_token', client_id: data.client_id, client_secret: app.client_secret, refresh_token: 'x' } }), 401, 'invalid_client', 'Invalid client credentials.');
    const snapshot = sb.apps().find((a) => a.client_id === data.client_id);
    assert.deepEqual(snapshot?.retired_client_ids, [app.client_id]);
    assert.deepEqual(snapshot?.redirect_uris, ['http://127.0.0.1:53682/callback']);
  });

  test('same scopes (any order): sessions survive and refresh works with the new credentials', async () => {
    const app = await register(sb, ['people:read', 'people:write']);
    const tokens = await tokensFor(sb, app);
    const reply = await call(sb, 'POST', '/v1/auth/rotate-app', { json: rotateBody(app.client_id, ['people:write', 'people:read']) });
    assert.equal(reply.status, 201);
    const newId = reply.json.data.client_id as string;
    assert.equal((await call(sb, 'GET', '/v1/me', { bearer: tokens.access_token })).status, 200);
    assert.deepEqual(sb.activeTokens(newId), { grants: 1, accessTokens: 1, refreshTokens: 1 });
    const refreshed = await call(sb, 'POST', '/oauth/token', {
      form: { grant_type: 'refresh_token', client_id: newId, client_secret: sb.mailbox.secretFor(newId)!, refresh_token: tokens.refresh_token },
    });
    assert.equal(refreshed.status, 200, refreshed.text);
  });

  test('changed scopes: every access and refresh token is revoked (401, invalid_grant)', async () => {
    const app = await register(sb, ['people:read', 'people:write']);
    const tokens = await tokensFor(sb, app);
    const reply = await call(sb, 'POST', '/v1/auth/rotate-app', { json: rotateBody(app.client_id, ['people:read']) });
    assert.equal(reply.status, 201);
    const newId = reply.json.data.client_id as string;
    assertError(await call(sb, 'GET', '/v1/me', { bearer: tokens.access_token }), 401, 'unauthorized');
    assertError(
      await call(sb, 'POST', '/oauth/token', { json: { grant_type: 'refresh_token', client_id: newId, client_secret: sb.mailbox.secretFor(newId), refresh_token: tokens.refresh_token } }),
      400,
      'invalid_grant',
    );
    assert.deepEqual(sb.activeTokens(app.client_id), { grants: 0, accessTokens: 0, refreshTokens: 0 });
  });

  test('401 for an unknown client_id and for a mismatched [L] email; 422 for an invalid body', async () => {
    const app = await register(sb);
    assertError(await call(sb, 'POST', '/v1/auth/rotate-app', { json: rotateBody('00000000-0000-0000-0000-000000000000', ['people:read']) }), 401, 'invalid_client', 'Invalid client_id or email address.');
    assertError(await call(sb, 'POST', '/v1/auth/rotate-app', { json: rotateBody(app.client_id, ['people:read'], { email: 'someone@else.com' }) }), 401, 'invalid_client', 'Invalid client_id or email address.');
    const bad = await call(sb, 'POST', '/v1/auth/rotate-app', { json: { client_id: 'nope', scopes: [] } });
    assertError(bad, 422, 'validation_error');
    assert.deepEqual(Object.keys(bad.json.error.fields).sort(), ['app_name', 'client_id', 'redirect_uris', 'scopes']);
    assertError(await call(sb, 'POST', '/v1/auth/rotate-app', { body: 'not json', contentType: 'application/json' }), 400, 'bad_request');
    // The matching [L] email is accepted.
    const ok = await call(sb, 'POST', '/v1/auth/rotate-app', { json: rotateBody(app.client_id, ['people:read'], { email: app.email.toUpperCase() }) });
    assert.equal(ok.status, 201, ok.text);
  });
});
