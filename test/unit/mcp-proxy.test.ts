import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { request } from 'undici';
import { RefreshCoordinator } from '../../src/auth/refreshCoordinator';
import { makeRefreshFn } from '../../src/auth/refreshFn';
import { SessionStore } from '../../src/auth/sessionStore';
import { McpServerCatalog } from '../../src/mcp/catalog';
import * as proxyModule from '../../src/mcp/proxyServer';
import type { Endpoint } from '../../src/mcp/proxyServer';
import { coordinatorTokens } from '../../src/mcp/sessionTokens';
import type { RunningSandbox } from '../../src/sandbox/types';
import { MemorySecretStore } from '../../src/storage/memory';
import { nodeHttp } from '../../src/net/nodeHttp';
import { clientFor, registerTestApp, signIn, startApiSandbox, storeSession, type RegisteredApp, type TestClient } from './support/apiSandbox';

/**
 * The whole chain the editor uses: the catalog (what the definition provider offers and resolves) -> the loopback
 * proxy -> the sandbox's /mcp, driven by the official MCP SDK client. Token expiry, sign-out, missing scopes and
 * server failures are real sandbox behaviour; the sandbox's request log shows what reached it.
 */

let sandbox: RunningSandbox;
let api: TestClient;
let app: RegisteredApp;

before(async () => {
  sandbox = await startApiSandbox();
  api = clientFor(sandbox);
  app = await registerTestApp(api.client, sandbox, ['people:read', 'people:write', 'deals:read']);
});
after(() => sandbox.close());

const mcpPosts = () => sandbox.requestLog().filter((r) => r.path === '/mcp' && r.method === 'POST');

async function setup(options: { readOnly?: boolean } = {}) {
  const secrets = new MemorySecretStore();
  const store = new SessionStore(secrets);
  const coordinator = new RefreshCoordinator(store, secrets, makeRefreshFn(async () => app.clientSecret, () => api.client), { settleMs: 5, adoptWaitMs: 50 });
  const readOnly = { value: options.readOnly ?? false };
  const catalog = new McpServerCatalog({
    sessions: store,
    tokens: coordinatorTokens(coordinator, () => app.scopes),
    activeId: () => undefined,
    offerAll: () => false,
    readOnly: () => readOnly.value,
    appName: () => 'Test App',
    // In our own processes the proxy reaches Vendaze with undici (the extension passes the host's fetch).
    http: nodeHttp(),
    // The extension loads this module lazily (import() at first resolve); the test hands it over directly.
    loadProxy: async () => proxyModule,
  });
  const tokens = await signIn(api.client, sandbox, app);
  const session = await storeSession(store, app, tokens, sandbox.baseUrl);
  return { store, catalog, session, readOnly, coordinator };
}

/** What VS Code does: take the offered definition, resolve it, connect its MCP client to the result. */
async function connect(catalog: McpServerCatalog): Promise<{ client: Client; endpoint: Endpoint }> {
  const [offered] = await catalog.offered();
  assert.ok(offered, 'one server offered');
  const endpoint = await catalog.resolve(offered.label);
  assert.ok(endpoint);
  const client = new Client({ name: 'vendaze-proxy-test', version: '0.0.0' });
  const gets = () => sandbox.requestLog().filter((r) => r.path === '/mcp' && r.method === 'GET').length;
  const getsBefore = gets();
  await client.connect(new StreamableHTTPClientTransport(new URL(endpoint.uri), { requestInit: { headers: endpoint.headers } }));
  // After initializing, the client asks (GET) for a server stream in the background; the sandbox answers 405. Let
  // that settle so a fault set next is spent by the call under test.
  for (let i = 0; i < 100 && gets() === getsBefore; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  return { client, endpoint };
}

function textOf(result: unknown): string {
  return ((result as { content: Array<{ text?: string }> }).content).map((c) => c.text ?? '').join('\n');
}

describe('MCP proxy: SDK client -> resolved definition -> loopback proxy -> sandbox', () => {
  test('lists tools and calls list_people; no Vendaze token ever reaches the client', async () => {
    const { catalog, session } = await setup();
    const { client, endpoint } = await connect(catalog);
    try {
      assert.match(endpoint.uri, /^http:\/\/127\.0\.0\.1:\d+\/vendaze\/[A-Za-z0-9_-]{16}\/mcp$/);
      assert.ok(!JSON.stringify(endpoint).includes(session.accessToken), 'the definition carries no Vendaze token');
      assert.ok(!endpoint.uri.includes(session.id), 'the path is not the session id');
      const { tools } = await client.listTools();
      assert.equal(tools.length, 27);
      const people = await client.callTool({ name: 'list_people', arguments: {} });
      assert.equal(people.isError, false);
      assert.ok(Array.isArray((people.structuredContent as { data: unknown[] }).data));
    } finally {
      await client.close();
      await catalog.dispose();
    }
  });

  test('after the access token expires the next call still works, with no action from the client', async () => {
    sandbox.setFaults({ accessTokenTtlSeconds: 60 });
    const { catalog, store, session } = await setup();
    sandbox.setFaults({ accessTokenTtlSeconds: 3600 });
    const { client } = await connect(catalog);
    try {
      assert.equal((await client.callTool({ name: 'list_people', arguments: {} })).isError, false);
      // The server's clock passes the expiry while ours has not: the proxy sees 401 token_expired.
      sandbox.advanceClock(120);
      const before = mcpPosts().length;
      const result = await client.callTool({ name: 'list_people', arguments: {} });
      assert.equal(result.isError, false, textOf(result));
      const seen = mcpPosts().slice(before).map((r) => `${r.status}${r.error ? ` ${r.error}` : ''}`);
      assert.deepEqual(seen, ['401 token_expired', '200'], 'refused once, refreshed, repeated once');
      assert.notEqual((await store.get(session.id))?.accessToken, session.accessToken, 'the new pair is stored');
    } finally {
      await client.close();
      await catalog.dispose();
    }
  });

  test('after sign-out the definition disappears and the proxy refuses the old endpoint', async () => {
    const { catalog, store, session } = await setup();
    const { client, endpoint } = await connect(catalog);
    const changed = new Promise<void>((resolve) => catalog.onDidChange(resolve));
    await store.delete(session.id);
    await changed;
    assert.deepEqual(await catalog.offered(), []);
    assert.equal(await catalog.resolve((await catalog.offered())[0]?.label ?? 'Vendaze x (Test App)'), undefined);
    const before = mcpPosts().length;
    await assert.rejects(client.callTool({ name: 'list_people', arguments: {} }), /no longer offered|signed out/);
    const raw = await post(endpoint, { jsonrpc: '2.0', id: 9, method: 'tools/list' });
    assert.notEqual(raw.status, 401, 'never a 401 (the editor would start its own OAuth)');
    assert.equal(mcpPosts().length, before, 'nothing reached Vendaze');
    await client.close().catch(() => undefined);
    await catalog.dispose();
  });

  test('a request without the local secret, or with another one, or a batch, is refused before anything is forwarded', async () => {
    const { catalog } = await setup();
    const [offered] = await catalog.offered();
    const endpoint = (await catalog.resolve(offered!.label))!;
    const before = mcpPosts().length;
    for (const headers of [{}, { "x-vendaze-mcp-key": "guess" }] as Array<Record<string, string>>) {
      const reply = await post({ uri: endpoint.uri, headers }, { jsonrpc: '2.0', id: 1, method: 'tools/list' });
      assert.equal(reply.status, 403);
      assert.match(reply.text, /local key/);
    }
    const rebinding = await post({ uri: endpoint.uri, headers: { ...endpoint.headers, origin: 'https://evil.example' } }, { jsonrpc: '2.0', id: 1, method: 'ping' });
    assert.equal(rebinding.status, 403);
    // With the key, a batch is still refused (read-only and no-repeat decide per message).
    const batch = await post(endpoint, [{ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'create_person', arguments: { full_name: 'B' } } }]);
    assert.equal(batch.status, 400);
    assert.equal(mcpPosts().length, before);
    await catalog.dispose();
  });

  test('read-only hides write and delete tools and refuses calls to them', async () => {
    const { catalog } = await setup({ readOnly: true });
    const { client } = await connect(catalog);
    try {
      const names = (await client.listTools()).tools.map((t) => t.name);
      assert.ok(names.length > 0 && names.every((n) => /^(list|get)_/.test(n)), names.join(' '));
      assert.ok(names.includes('list_people') && !names.includes('create_person') && !names.includes('delete_deal'));
      const before = mcpPosts().length;
      const refused = await client.callTool({ name: 'create_person', arguments: { full_name: 'Nope' } });
      assert.equal(refused.isError, true);
      assert.match(textOf(refused), /vendaze\.mcp\.readOnly/);
      assert.equal(mcpPosts().length, before, 'not forwarded');
    } finally {
      await client.close();
      await catalog.dispose();
    }
  });

  test('403 insufficient_scope becomes a tool error naming the scope and how to get it', async () => {
    const { catalog } = await setup();
    const { client } = await connect(catalog);
    try {
      const result = await client.callTool({ name: 'create_deal', arguments: { name: 'Big one', currency: 'BRL' } });
      assert.equal(result.isError, true);
      assert.match(textOf(result), /lacks the 'deals:write' scope/);
      assert.match(textOf(result), /Rotate App|register an app/);
    } finally {
      await client.close();
      await catalog.dispose();
    }
  });

  test('a create that fails with 500 or a dropped connection is not repeated; a read is repeated once', async () => {
    const { catalog } = await setup();
    const { client } = await connect(catalog);
    try {
      for (const fault of [{ fail500Next: 1 }, { dropNext: 1 }]) {
        sandbox.setFaults({ ...fault, faultPath: '/mcp' });
        const before = sandbox.requestLog().filter((r) => r.path === '/mcp').length;
        const result = await client.callTool({ name: 'create_person', arguments: { full_name: 'Maybe Created' } });
        assert.equal(result.isError, true);
        assert.match(textOf(result), /not repeated/);
        assert.equal(sandbox.requestLog().filter((r) => r.path === '/mcp').length - before, 1, `one attempt (${JSON.stringify(fault)})`);
      }
      sandbox.setFaults({ fail500Next: 1, faultPath: '/mcp' });
      const before = mcpPosts().length;
      const read = await client.callTool({ name: 'list_people', arguments: {} });
      assert.equal(read.isError, false);
      assert.deepEqual(mcpPosts().slice(before).map((r) => r.status), [500, 200]);
    } finally {
      sandbox.setFaults({ fail500Next: 0, dropNext: 0, faultPath: '' });
      await client.close();
      await catalog.dispose();
    }
  });
});

async function post(endpoint: { uri: string; headers: Record<string, string> }, body: unknown): Promise<{ status: number; text: string }> {
  const res = await request(endpoint.uri, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...endpoint.headers },
    body: JSON.stringify(body),
  });
  return { status: res.statusCode, text: await res.body.text() };
}

