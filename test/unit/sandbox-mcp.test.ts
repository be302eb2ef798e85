import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { assertError, call, register, tokensFor, type TestApp } from './support/sandboxHttp';

/**
 * The sandbox's MCP endpoint, checked with the official MCP TypeScript SDK client (what any MCP host would run) and
 * with raw HTTP for the transport-level answers (401, 403, 429, Origin) a client library would hide.
 */

const roomy = { authorize: { limit: 1000, windowSeconds: 60 }, token: { limit: 1000, windowSeconds: 60 }, register: { limit: 1000, windowSeconds: 3600 } };
const ACCEPT = 'application/json, text/event-stream';

async function sdkClient(sb: RunningSandbox, token: string): Promise<Client> {
  const client = new Client({ name: 'vendaze-test', version: '0.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`${sb.baseUrl}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
  await client.connect(transport);
  return client;
}

function rpc(sb: RunningSandbox, token: string | undefined, method: string, params: unknown = {}, headers: Record<string, string> = {}) {
  return call(sb, 'POST', '/mcp', { json: { jsonrpc: '2.0', id: 1, method, params }, bearer: token, headers: { accept: ACCEPT, ...headers } });
}

describe('sandbox: /mcp (Streamable HTTP)', () => {
  let sb: RunningSandbox;
  let app: TestApp;
  let token: string;
  before(async () => {
    sb = await startSandbox({ autoApprove: true, seedDemoApp: true, faults: { rateLimits: roomy } });
    app = await register(sb, ['people:read', 'people:write', 'companies:read', 'deals:read']);
    token = (await tokensFor(sb, app)).access_token;
  });
  after(() => sb.close());

  test('the SDK client initializes, lists the 27 tools and lists, gets and creates people', async () => {
    const client = await sdkClient(sb, token);
    try {
      assert.equal(client.getServerVersion()?.name, 'vendaze-sandbox');
      const { tools } = await client.listTools();
      assert.equal(tools.length, 27);
      for (const name of ['list_people', 'create_company', 'delete_deal', 'update_task', 'delete_activity', 'list_custom_fields', 'list_tags', 'list_products']) {
        assert.ok(tools.some((t) => t.name === name), name);
      }
      assert.equal(tools.find((t) => t.name === 'list_people')?.annotations?.readOnlyHint, true);
      assert.equal(tools.find((t) => t.name === 'delete_person')?.annotations?.destructiveHint, true);

      const created = await client.callTool({ name: 'create_person', arguments: { full_name: 'Dora MCP', emails: [{ email: 'dora@example.com', type: 'work' }] } });
      assert.equal(created.isError, false);
      const person = (created.structuredContent as { data: { id: string; full_name: string } }).data;
      assert.equal(person.full_name, 'Dora MCP');
      const listed = await client.callTool({ name: 'list_people', arguments: { query: 'dora' } });
      const page = listed.structuredContent as { data: Array<{ id: string }>; meta: { total: number } };
      assert.deepEqual(page.data.map((p) => p.id), [person.id]);
      // The same record through REST: MCP and /v1 share the data.
      const rest = await call(sb, 'GET', `/v1/people/${person.id}`, { bearer: token });
      assert.equal(rest.json.data.full_name, 'Dora MCP');

      const missing = await client.callTool({ name: 'get_person', arguments: { id: '00000000-0000-4000-8000-000000000000' } });
      assert.equal(missing.isError, true);
      assert.match(JSON.stringify(missing.content), /Person not found/);
      const invalid = await client.callTool({ name: 'create_person', arguments: { full_name: '' } });
      assert.equal(invalid.isError, true);
      assert.match(JSON.stringify(invalid.content), /validation_error/);
      const companies = await client.callTool({ name: 'list_companies', arguments: {} });
      assert.ok((companies.structuredContent as { data: unknown[] }).data.length >= 1, 'fixture companies');
    } finally {
      await client.close();
    }
  });

  test('401 for a missing, expired or revoked token, with WWW-Authenticate and X-Request-ID', async () => {
    assertError(await rpc(sb, undefined, 'tools/list'), 401, 'unauthorized');
    sb.setFaults({ accessTokenTtlSeconds: 5 });
    try {
      const short = await tokensFor(sb, app);
      sb.advanceClock(6);
      const expired = await rpc(sb, short.access_token, 'tools/list');
      assertError(expired, 401, 'token_expired');
      assert.match(expired.headers['www-authenticate'] ?? '', /^Bearer error="invalid_token"/);
    } finally {
      sb.setFaults({ accessTokenTtlSeconds: 3600 });
    }
    const revoked = await tokensFor(sb, app);
    const revoke = await call(sb, 'POST', '/oauth/revoke', { json: { token: revoked.access_token, client_id: app.client_id, client_secret: app.client_secret } });
    assert.equal(revoke.status, 200);
    assertError(await rpc(sb, revoked.access_token, 'tools/list'), 401, 'unauthorized');
  });

  test('403 insufficient_scope names the scope (header and message)', async () => {
    const reply = await rpc(sb, token, 'tools/call', { name: 'create_deal', arguments: { name: 'x', currency: 'BRL' } });
    assertError(reply, 403, 'insufficient_scope', "This endpoint requires the 'deals:write' scope.");
    assert.equal(reply.headers['www-authenticate'], 'Bearer error="insufficient_scope", scope="deals:write"');
  });

  test('each tools/call spends the per-app bucket of its REST call', async () => {
    sb.setFaults({ rateLimits: { apiDelete: { limit: 1, windowSeconds: 60 } } });
    try {
      const first = await rpc(sb, token, 'tools/call', { name: 'delete_person', arguments: { id: 'nope' } });
      assert.equal(first.status, 200);
      assert.equal(first.headers['x-ratelimit-limit'], '1');
      assert.equal(first.headers['x-ratelimit-remaining'], '0');
      // A read is another bucket: unaffected.
      assert.equal((await rpc(sb, token, 'tools/call', { name: 'list_people', arguments: {} })).status, 200);
      const second = await rpc(sb, token, 'tools/call', { name: 'delete_person', arguments: { id: 'nope' } });
      assertError(second, 429, 'rate_limit_exceeded');
      assert.ok(Number(second.headers['retry-after']) >= 1);
    } finally {
      sb.setFaults({ rateLimits: { apiDelete: { limit: 100, windowSeconds: 60 } } });
      sb.advanceClock(60);
    }
  });

  test('a foreign Origin or Host is refused (DNS rebinding); the server Origin is accepted', async () => {
    assertError(await rpc(sb, token, 'ping', {}, { origin: 'https://evil.example' }), 403, 'forbidden', /Origin/);
    // A foreign Host name never reaches /mcp: the sandbox's shared guard answers 421 first (src/common/httpGuard.ts).
    assertError(await rpc(sb, token, 'ping', {}, { host: 'evil.example' }), 421, 'forbidden', /127\.0\.0\.1 or localhost/);
    assert.equal((await rpc(sb, token, 'ping', {}, { origin: sb.baseUrl })).status, 200);
  });

  test('transport rules: notifications 202, GET 405, batches and unknown versions refused, X-Request-ID on every answer', async () => {
    const note = await call(sb, 'POST', '/mcp', { json: { jsonrpc: '2.0', method: 'notifications/initialized' }, bearer: token, headers: { accept: ACCEPT } });
    assert.equal(note.status, 202);
    assert.ok(note.headers['x-request-id']);
    const get = await call(sb, 'GET', '/mcp', { bearer: token, headers: { accept: 'text/event-stream' } });
    assert.equal(get.status, 405);
    assert.equal(get.headers.allow, 'POST');
    const batch = await call(sb, 'POST', '/mcp', { json: [{ jsonrpc: '2.0', id: 1, method: 'ping' }], bearer: token, headers: { accept: ACCEPT } });
    assert.equal(batch.status, 400);
    assert.equal(batch.json.error.code, -32600);
    const version = await rpc(sb, token, 'ping', {}, { 'mcp-protocol-version': '1999-01-01' });
    assert.equal(version.status, 400);
    const unknown = await rpc(sb, token, 'resources/list');
    assert.equal(unknown.json.error.code, -32601);
    assert.equal(unknown.json.error.data.request_id, unknown.headers['x-request-id']);
  });
});
