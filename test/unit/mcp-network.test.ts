import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { buildAuthorizeUrl } from '../../src/api/client';
import type { HttpLayer } from '../../src/api/http';
import { createPkcePair, createState } from '../../src/auth/pkce';
import { RefreshCoordinator } from '../../src/auth/refreshCoordinator';
import { makeRefreshFn } from '../../src/auth/refreshFn';
import { SessionStore } from '../../src/auth/sessionStore';
import { McpProxy } from '../../src/mcp/proxyServer';
import { coordinatorTokens } from '../../src/mcp/sessionTokens';
import type { RunningSandbox } from '../../src/sandbox/types';
import { MemorySecretStore } from '../../src/storage/memory';
import { clientFor, REDIRECT_URI, registerTestApp, storeSession, type RegisteredApp, type SignInTokens } from './support/apiSandbox';
import type { TestProxy } from './support/connectProxy';
import { closedPort } from './support/ports';
import { PROXIED_HOST, startProxiedSandbox, type ProxiedSandbox } from './support/proxiedSandbox';

/**
 * The MCP proxy's traffic to Vendaze goes through the HttpLayer it is given (in VS Code the host's fetch, which
 * follows http.proxy and the OS certificates), not around it: the https sandbox is reached as api.vendaze.test, a
 * name only the test CONNECT proxy resolves, with a certificate from a throw-away company CA (as in
 * net-proxy.test.ts). A forwarder that opened its own connections could not reach it at all.
 */

const HOST = PROXIED_HOST;
const ACCEPT = 'application/json, text/event-stream';

let net: ProxiedSandbox;
let sandbox: RunningSandbox;
let apiUrl: string;
let proxy: TestProxy;
let authProxy: TestProxy;
let app: RegisteredApp;
let tokens: SignInTokens;
const proxies: McpProxy[] = [];

const layer = (env: NodeJS.ProcessEnv, options?: { ca?: boolean }) => net.layer(env, options);

before(async () => {
  net = await startProxiedSandbox();
  ({ sandbox, apiUrl, proxy, authProxy } = net);
  // Register and sign in through the proxy too (the browser's part played with the same layer).
  const http = layer({ HTTPS_PROXY: proxy.url });
  const { client } = clientFor(sandbox, { baseUrl: apiUrl, http });
  app = await registerTestApp(client, sandbox, ['people:read']);
  const pkce = createPkcePair();
  const state = createState();
  const url = buildAuthorizeUrl({ baseUrl: apiUrl, clientId: app.clientId, redirectUri: REDIRECT_URI, scopes: app.scopes, state, codeChallenge: pkce.challenge, generation: sandbox.api });
  const res = await http.fetch(url, { method: 'GET', headers: {}, signal: AbortSignal.timeout(10_000), redirect: 'manual' });
  await res.body?.cancel();
  const code = new URL(res.headers.get('location') ?? '').searchParams.get('code');
  assert.ok(code, 'the authorize redirect carries a code');
  tokens = (await client.exchangeCode({ clientId: app.clientId, clientSecret: app.clientSecret, code, redirectUri: REDIRECT_URI, codeVerifier: pkce.verifier })).data;
});

after(async () => {
  await Promise.all(proxies.map((p) => p.close()));
  await net?.close();
});

/** The proxy as the catalog starts it, over a real session store and refresh coordinator, reaching Vendaze through `http`. */
async function mcpProxyVia(http: HttpLayer) {
  const secrets = new MemorySecretStore();
  const store = new SessionStore(secrets);
  const coordinator = new RefreshCoordinator(store, secrets, makeRefreshFn(async () => app.clientSecret, (base) => clientFor(sandbox, { baseUrl: base, http }).client));
  const session = await storeSession(store, app, tokens, apiUrl);
  const mcp = new McpProxy({ tokens: coordinatorTokens(coordinator), http, readOnly: () => false, retryDelayMs: 0 });
  proxies.push(mcp);
  const endpoint = await mcp.endpointFor(session.id);
  return async (method: string) => {
    const res = await request(endpoint.uri, {
      method: 'POST',
      headers: { ...endpoint.headers, 'content-type': 'application/json', accept: ACCEPT },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'test', version: '0' } } }),
    });
    const text = await res.body.text();
    return { status: res.statusCode, type: String(res.headers['content-type']), text };
  };
}

describe('MCP proxy over the HttpLayer it is given (the host fetch in VS Code)', () => {
  test('initialize reaches Vendaze through the CONNECT proxy, trusting the company CA', async () => {
    const before = proxy.connects.length;
    const send = await mcpProxyVia(layer({ HTTPS_PROXY: proxy.url }));
    const answer = await send('initialize');
    assert.equal(answer.status, 200, answer.text);
    assert.match(answer.text, /"serverInfo"/, 'the MCP server answered initialize');
    assert.ok(proxy.connects.slice(before).every((c) => c === `${HOST}:${sandbox.port}`), 'only tunnels to the API');
    assert.ok(proxy.connects.length > before, 'the call went through the proxy');
  });

  test('a proxy that wants credentials: the MCP error says so and where to put them; with them it works', async () => {
    const refused = await (await mcpProxyVia(layer({ HTTPS_PROXY: authProxy.url })))('initialize');
    assert.equal(refused.status, 200, 'a JSON-RPC error for a request with an id');
    const error = JSON.parse(refused.text).error as { message: string };
    assert.match(error.message, new RegExp(`the proxy http://127\\.0\\.0\\.1:${authProxy.port} requires authentication \\(HTTP 407\\)`));
    assert.match(error.message, /HTTPS_PROXY=http:\/\/user:password@proxy:port/);
    const ok = await (await mcpProxyVia(layer({ HTTPS_PROXY: net.authProxyUrlWithCredentials })))('initialize');
    assert.match(ok.text, /"serverInfo"/);
  });

  test('without the company CA, in VS Code wording: the certificate problem and http.systemCertificates', async () => {
    const http: HttpLayer = { ...layer({ HTTPS_PROXY: proxy.url }, { ca: false }), settings: 'vscode' };
    const answer = await (await mcpProxyVia(http))('initialize');
    const error = JSON.parse(answer.text).error as { message: string };
    assert.match(error.message, /its TLS certificate is not trusted \(SELF_SIGNED_CERT_IN_CHAIN\) \(through the proxy http:\/\/127\.0\.0\.1:\d+\)/);
    assert.match(error.message, /http\.systemCertificates/);
    assert.doesNotMatch(answer.text, new RegExp(tokens.access_token), 'the token never comes back');
  });

  test('a proxy that is down is named', async () => {
    const port = await closedPort();
    const answer = await (await mcpProxyVia(layer({ HTTPS_PROXY: `http://127.0.0.1:${port}` })))('initialize');
    const error = JSON.parse(answer.text).error as { message: string };
    assert.match(error.message, new RegExp(`the proxy http://127\\.0\\.0\\.1:${port} is not reachable \\(ECONNREFUSED\\)`));
  });
});
