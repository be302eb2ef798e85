import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { PeopleListResponseSchema, PersonResponseSchema } from '../../src/schemas';
import { assertError, authorizeParams, authorizePath, call, pkce, register, tokensFor, type TestApp } from './support/sandboxHttp';

const roomy = { authorize: { limit: 1000, windowSeconds: 60 }, token: { limit: 1000, windowSeconds: 60 }, register: { limit: 1000, windowSeconds: 3600 } };

describe('sandbox: GET /v1/me bearer checks', () => {
  let sb: RunningSandbox;
  let app: TestApp;
  before(async () => {
    sb = await startSandbox({ autoApprove: true, faults: { rateLimits: roomy } });
    app = await register(sb);
  });
  after(() => sb.close());

  const bad: Array<[string, Record<string, string>, string]> = [
    ['no Authorization header', {}, 'Missing or invalid Authorization header.'],
    ['Basic credentials', { authorization: 'Basic dXNlcjpwdw==' }, 'Missing or invalid Authorization header.'],
    ['a non-JWT bearer', { authorization: 'Bearer abc' }, 'Invalid or malformed token.'],
    ['a JWT with a foreign signature', { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJ3b3Jrc3BhY2VfaWQiOiJ4In0.c2lnbmF0dXJl' }, 'Invalid or malformed token.'],
  ];
  for (const [name, headers, message] of bad) {
    test(`401 unauthorized for ${name}`, async () => {
      const reply = await call(sb, 'GET', '/v1/me', { headers });
      assertError(reply, 401, 'unauthorized', message);
      assert.ok(reply.headers['x-ratelimit-limit'], 'rate headers even on 401');
    });
  }

  test('a refresh token is not an access token', async () => {
    const tokens = await tokensFor(sb, app);
    assertError(await call(sb, 'GET', '/v1/me', { bearer: tokens.refresh_token }), 401, 'unauthorized');
  });

  test('401 token_expired once the access token TTL passes; a refresh restores access', async () => {
    sb.setFaults({ accessTokenTtlSeconds: 5 });
    try {
      const tokens = await tokensFor(sb, app);
      assert.equal(tokens.expires_in, 5);
      sb.advanceClock(6);
      assertError(await call(sb, 'GET', '/v1/me', { bearer: tokens.access_token }), 401, 'token_expired', 'Access token expired. Refresh using the refresh token.');
      const refreshed = await call(sb, 'POST', '/oauth/token', { json: { grant_type: 'refresh_token', client_id: app.client_id, client_secret: app.client_secret, refresh_token: tokens.refresh_token } });
      assert.equal(refreshed.status, 200);
      assert.equal((await call(sb, 'GET', '/v1/me', { bearer: refreshed.json.access_token })).status, 200);
    } finally {
      sb.setFaults({ accessTokenTtlSeconds: 3600 });
    }
  });
});

describe('sandbox: /v1/people', () => {
  let sb: RunningSandbox;
  let app: TestApp;
  let rw: string;
  before(async () => {
    sb = await startSandbox({ autoApprove: true, faults: { rateLimits: roomy } });
    app = await register(sb, ['people:read', 'people:write']);
    rw = (await tokensFor(sb, app)).access_token;
    for (const name of ['Ana Lima', 'Bruno Costa', 'Carla Souza', 'Davi Rocha', 'Eva Pinto']) {
      const reply = await call(sb, 'POST', '/v1/people', { bearer: rw, json: { full_name: name, emails: [{ email: `${name.split(' ')[0]!.toLowerCase()}@example.com`, type: 'work' }] } });
      assert.equal(reply.status, 201, reply.text);
    }
  });
  after(() => sb.close());

  test('POST 201 returns the person; GET by id finds it', async () => {
    const reply = await call(sb, 'POST', '/v1/people', { bearer: rw, json: { full_name: 'Zoe Alves', position: 'CFO', phones: [{ phone: '+5511999990002', type: 'mobile' }] } });
    assert.equal(reply.status, 201);
    const person = PersonResponseSchema.parse(reply.json).data;
    assert.equal(person.full_name, 'Zoe Alves');
    assert.equal(person.source, app.body.app_name, 'source = name of the creating app');
    const got = await call(sb, 'GET', `/v1/people/${person.id}`, { bearer: rw });
    assert.equal(got.json.data.id, person.id);
  });

  test('pagination: per_page, page, meta.total and has_more; default order newest first', async () => {
    const page1 = PeopleListResponseSchema.parse((await call(sb, 'GET', '/v1/people?per_page=2&order_by=full_name&order=asc', { bearer: rw })).json);
    assert.deepEqual(page1.data.map((p) => p.full_name), ['Ana Lima', 'Bruno Costa']);
    assert.deepEqual(page1.meta, { total: 6, page: 1, per_page: 2, has_more: true });
    const page3 = PeopleListResponseSchema.parse((await call(sb, 'GET', '/v1/people?per_page=2&page=3&order_by=full_name&order=asc', { bearer: rw })).json);
    assert.deepEqual(page3.data.map((p) => p.full_name), ['Eva Pinto', 'Zoe Alves']);
    assert.equal(page3.meta.has_more, false);
    const all = PeopleListResponseSchema.parse((await call(sb, 'GET', '/v1/people', { bearer: rw })).json);
    assert.equal(all.meta.per_page, 50);
    assert.equal(all.data.length, 6);
  });

  test('filters: full_name (contains, case-insensitive) and email (exact)', async () => {
    assert.deepEqual((await call(sb, 'GET', '/v1/people?full_name=cOsTa', { bearer: rw })).json.data.map((p: { full_name: string }) => p.full_name), ['Bruno Costa']);
    assert.equal((await call(sb, 'GET', '/v1/people?email=eva@example.com', { bearer: rw })).json.meta.total, 1);
    assert.equal((await call(sb, 'GET', '/v1/people?email=eva@example', { bearer: rw })).json.meta.total, 0);
  });

  const badQueries: Array<[string, string]> = [
    ['per_page=101', 'per_page'],
    ['per_page=0', 'per_page'],
    ['page=0', 'page'],
    ['page=abc', 'page'],
    ['order=up', 'order'],
    ['order_by=ranking', 'order_by'],
    ['phone=1', 'body'],
  ];
  for (const [query, field] of badQueries) {
    test(`GET ?${query} -> 422 with fields.${field}`, async () => {
      const reply = await call(sb, 'GET', `/v1/people?${query}`, { bearer: rw });
      assertError(reply, 422, 'validation_error');
      assert.equal(typeof reply.json.error.fields[field], 'string', reply.text);
    });
  }

  test('POST validation: 422 per field, 400 for bad JSON', async () => {
    const reply = await call(sb, 'POST', '/v1/people', { bearer: rw, json: { full_name: 'x'.repeat(71), emails: [{ email: 'nope' }] } });
    assertError(reply, 422, 'validation_error', 'Validation failed.');
    assert.deepEqual(Object.keys(reply.json.error.fields).sort(), ['emails[0].email', 'full_name']);
    assertError(await call(sb, 'POST', '/v1/people', { bearer: rw, body: '{', contentType: 'application/json' }), 400, 'bad_request', 'Request body must be valid JSON.');
  });

  test('403 insufficient_scope names the missing scope', async () => {
    const readOnly = (await tokensFor(sb, app, 'people:read')).access_token;
    assertError(await call(sb, 'POST', '/v1/people', { bearer: readOnly, json: { full_name: 'X' } }), 403, 'insufficient_scope', "This endpoint requires the 'people:write' scope.");
    const writeOnly = (await tokensFor(sb, app, 'people:write')).access_token;
    assertError(await call(sb, 'GET', '/v1/people', { bearer: writeOnly }), 403, 'insufficient_scope', "This endpoint requires the 'people:read' scope.");
  });

  test('workspace isolation: another workspace sees none of them, and GET by id is 404', async () => {
    sb.setAutoApprove(false);
    try {
      const { challenge, verifier } = pkce();
      const start = await call(sb, 'GET', authorizePath(authorizeParams(app, challenge)));
      const requestId = new URL(start.headers.location!).searchParams.get('request')!;
      const approved = await call(sb, 'POST', '/oauth/consent', { body: `request=${requestId}&workspace=globex&scope=people%3Aread&action=approve`, contentType: 'application/x-www-form-urlencoded' });
      const code = new URL(approved.headers.location!).searchParams.get('code')!;
      const token = await call(sb, 'POST', '/oauth/token', { json: { grant_type: 'authorization_code', client_id: app.client_id, client_secret: app.client_secret, code, redirect_uri: app.body.redirect_uris[0], code_verifier: verifier } });
      const globex = token.json.access_token as string;
      assert.equal(token.json.workspace_slug, 'globex');
      assert.equal((await call(sb, 'GET', '/v1/people', { bearer: globex })).json.meta.total, 0);
      const acmePerson = (await call(sb, 'GET', '/v1/people?per_page=1', { bearer: rw })).json.data[0].id;
      assertError(await call(sb, 'GET', `/v1/people/${acmePerson}`, { bearer: globex }), 404, 'not_found', 'Person not found.');
    } finally {
      sb.setAutoApprove(true);
    }
  });

  test('Idempotency-Key: same body replays the original answer, a different body is idempotency_conflict', async () => {
    const headers = { 'idempotency-key': 'c0ffee00-0000-4000-8000-000000000001' };
    const first = await call(sb, 'POST', '/v1/people', { bearer: rw, headers, json: { full_name: 'Once Only' } });
    const again = await call(sb, 'POST', '/v1/people', { bearer: rw, headers, json: { full_name: 'Once Only' } });
    assert.equal(again.status, 201);
    assert.equal(again.json.data.id, first.json.data.id);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assertError(await call(sb, 'POST', '/v1/people', { bearer: rw, headers, json: { full_name: 'Someone Else' } }), 422, 'idempotency_conflict');
    assert.equal((await call(sb, 'GET', '/v1/people?full_name=Once%20Only', { bearer: rw })).json.meta.total, 1);
  });
});

describe('sandbox: rate limits', () => {
  test('per-IP oauth limit: 429 rate_limit_exceeded with Retry-After equal to the message, headers on every answer', async () => {
    const sb = await startSandbox({ faults: { rateLimits: { token: { limit: 2, windowSeconds: 60 } } } });
    try {
      const body = { json: { grant_type: 'refresh_token' } };
      const first = await call(sb, 'POST', '/oauth/token', body);
      assert.equal(first.headers['x-ratelimit-limit'], '2');
      assert.equal(first.headers['x-ratelimit-remaining'], '1');
      const reset = Number(first.headers['x-ratelimit-reset']);
      assert.ok(reset > Date.now() / 1000 && reset <= Date.now() / 1000 + 61, `reset ${reset} is a unix timestamp in the window`);
      assert.equal((await call(sb, 'POST', '/oauth/token', body)).headers['x-ratelimit-remaining'], '0');
      const limited = await call(sb, 'POST', '/oauth/token', body);
      assertError(limited, 429, 'rate_limit_exceeded', /^Rate limit exceeded\. Try again in \d+ seconds\.$/);
      const retryAfter = Number(limited.headers['retry-after']);
      assert.ok(retryAfter >= 1 && retryAfter <= 60);
      assert.equal(limited.json.error.message, `Rate limit exceeded. Try again in ${retryAfter} seconds.`);
      assert.equal(limited.headers['x-ratelimit-remaining'], '0');
      // Other buckets are independent; the window reopens after Retry-After.
      assert.notEqual((await call(sb, 'POST', '/oauth/revoke', body)).status, 429);
      sb.advanceClock(retryAfter);
      assert.equal((await call(sb, 'POST', '/oauth/token', body)).status, 400);
    } finally {
      await sb.close();
    }
  });

  test('register-app: the documented 10 per hour', async () => {
    const sb = await startSandbox();
    try {
      for (let i = 0; i < 10; i++) {
        const reply = await call(sb, 'POST', '/v1/auth/register-app', { json: {} });
        assert.equal(reply.status, 422);
      }
      const limited = await call(sb, 'POST', '/v1/auth/register-app', { json: {} });
      assertError(limited, 429, 'rate_limit_exceeded');
      assert.equal(limited.headers['x-ratelimit-limit'], '10');
      assert.ok(Number(limited.headers['retry-after']) <= 3600);
    } finally {
      await sb.close();
    }
  });

  test('/v1 limits are per app: one app exhausted, another still served', async () => {
    const sb = await startSandbox({ autoApprove: true, faults: { rateLimits: { apiGet: { limit: 2, windowSeconds: 60 } } } });
    try {
      const a = (await tokensFor(sb, await register(sb))).access_token;
      const b = (await tokensFor(sb, await register(sb))).access_token;
      assert.equal((await call(sb, 'GET', '/v1/me', { bearer: a })).status, 200);
      assert.equal((await call(sb, 'GET', '/v1/me', { bearer: a })).status, 200);
      assertError(await call(sb, 'GET', '/v1/me', { bearer: a }), 429, 'rate_limit_exceeded');
      const other = await call(sb, 'GET', '/v1/me', { bearer: b });
      assert.equal(other.status, 200);
      assert.equal(other.headers['x-ratelimit-remaining'], '1');
      assert.equal(sb.faults().rateLimits.apiPost.limit, 200, 'documented POST limit untouched');
    } finally {
      await sb.close();
    }
  });
});
