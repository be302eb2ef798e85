import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { probeApi, type ProbeResult } from '../../src/api/probe';
import type { RunningSandbox } from '../../src/sandbox/types';
import { clientFor, registerTestApp, rejection } from './support/apiSandbox';
import type { TestProxy } from './support/connectProxy';
import { closedPort } from './support/ports';
import { PROXIED_HOST, startProxiedSandbox, type ProxiedSandbox } from './support/proxiedSandbox';
import type { TestPki } from './support/testPki';

/**
 * The proxy and certificate matrix over real sockets: an https sandbox whose certificate comes from a throw-away
 * company CA, reached as api.vendaze.test (a name only the test proxy resolves, to 127.0.0.1: proxies and NO_PROXY
 * conventions skip loopback, so a 127.0.0.1 URL would prove nothing), through a CONNECT proxy with and without
 * Basic authentication.
 */

const HOST = PROXIED_HOST;

let net: ProxiedSandbox;
let pki: TestPki;
let sandbox: RunningSandbox;
let apiUrl: string;
let proxy: TestProxy;
let authProxy: TestProxy;

const layer = (env: NodeJS.ProcessEnv, options?: { ca?: boolean; lookup?: boolean }) => net.layer(env, options);

before(async () => {
  net = await startProxiedSandbox();
  ({ pki, sandbox, apiUrl, proxy, authProxy } = net);
});

after(async () => {
  await net?.close();
});

describe('API calls through a company proxy (undici + HTTPS_PROXY)', () => {
  test('an https API under a non-loopback name works through the CONNECT proxy, with the company CA', async () => {
    const before = proxy.connects.length;
    const { client } = clientFor(sandbox, { baseUrl: apiUrl, http: layer({ HTTPS_PROXY: proxy.url }) });
    const app = await registerTestApp(client, sandbox);
    assert.match(app.clientId, /^[0-9a-f-]{36}$/);
    assert.deepEqual(proxy.connects.slice(before), [`${HOST}:${sandbox.port}`], 'the call went through the proxy, as one tunnel');
  });

  test('a proxy that wants credentials: 407 without them, with a message saying where to put them; works with them', async () => {
    const { client } = clientFor(sandbox, { baseUrl: apiUrl, http: layer({ HTTPS_PROXY: authProxy.url }) });
    const error = await rejection(client.me('token'));
    assert.equal(error.kind, 'network');
    assert.equal(error.connected, false, 'nothing reached the API');
    assert.match(error.userMessage(), new RegExp(`Could not reach ${HOST}:${sandbox.port}: the proxy http://127\\.0\\.0\\.1:${authProxy.port} requires authentication \\(HTTP 407\\)`));
    assert.match(error.userMessage(), /HTTPS_PROXY=http:\/\/user:password@proxy:port/);
    assert.ok(authProxy.refused >= 1);

    const withCredentials = net.authProxyUrlWithCredentials;
    const probe = await probeApi(apiUrl, 5000, undefined, layer({ HTTPS_PROXY: withCredentials }));
    assert.equal(probe.reachable, true, JSON.stringify(probe));
  });

  test('NO_PROXY sends a listed host directly: the proxy sees nothing', async () => {
    const before = proxy.connects.length;
    const http = layer({ HTTPS_PROXY: proxy.url, NO_PROXY: `example.org, .vendaze.test` }, { lookup: true });
    assert.equal(http.proxyFor(new URL(apiUrl)), undefined);
    const probe = await probeApi(apiUrl, 5000, undefined, http);
    assert.equal(probe.reachable, true, JSON.stringify(probe));
    assert.equal(proxy.connects.length, before, 'no CONNECT for a NO_PROXY host');
  });

  test('a proxy that is down: the message names the proxy and the variable to check', async () => {
    const port = await closedPort();
    const probe = await probeApi(apiUrl, 5000, undefined, layer({ https_proxy: `http://dev:pw@127.0.0.1:${port}` }));
    assert.equal(probe.reachable, false);
    const message = (probe as Extract<ProbeResult, { reachable: false }>).message;
    assert.match(message, new RegExp(`the proxy http://127\\.0\\.0\\.1:${port} is not reachable \\(ECONNREFUSED\\)`));
    assert.match(message, /Check HTTPS_PROXY \/ HTTP_PROXY/);
    assert.doesNotMatch(message, /dev:pw/, 'proxy credentials never appear in a message');
  });

  test('without the company CA: the message names the certificate problem and NODE_EXTRA_CA_CERTS', async () => {
    const { client } = clientFor(sandbox, { baseUrl: apiUrl, http: layer({ HTTPS_PROXY: proxy.url }, { ca: false }) });
    const error = await rejection(client.me('token'));
    assert.equal(error.kind, 'network');
    assert.match(error.userMessage(), /its TLS certificate is not trusted \(SELF_SIGNED_CERT_IN_CHAIN\) \(through the proxy http:\/\/127\.0\.0\.1:\d+\)/);
    assert.match(error.userMessage(), /set NODE_EXTRA_CA_CERTS to a PEM file/);
  });

  test('in VS Code the same failure names http.systemCertificates and the OS store instead', async () => {
    const http = { ...layer({ HTTPS_PROXY: proxy.url }, { ca: false }), settings: 'vscode' as const };
    const { client } = clientFor(sandbox, { baseUrl: apiUrl, http });
    const message = (await rejection(client.me('token'))).userMessage();
    assert.match(message, /not trusted \(SELF_SIGNED_CERT_IN_CHAIN\)/);
    assert.match(message, /operating system's certificate store and keep http\.systemCertificates on/);
    assert.match(message, /http\.proxyStrictSSL/);
  });

  test('direct failures: nothing listening, and a host name nobody can resolve', async () => {
    const port = await closedPort();
    const refused = await probeApi(`https://127.0.0.1:${port}`, 5000, undefined, layer({}));
    assert.match((refused as { message: string }).message, new RegExp(`Could not reach 127\\.0\\.0\\.1:${port}: nothing accepts connections there \\(ECONNREFUSED\\)`));
    const unknown = await probeApi('https://api.nowhere.test', 5000, undefined, layer({}, { lookup: true }));
    assert.match((unknown as { message: string }).message, /Could not reach api\.nowhere\.test: the host name could not be resolved \(ENOTFOUND\)\. .*HTTPS_PROXY/);
  });
});

describe('NODE_EXTRA_CA_CERTS and HTTPS_PROXY from the environment (a child process, as the CLI runs)', () => {
  const child = join(__dirname, 'support', 'netProbeChild.js');
  async function probeInChild(env: NodeJS.ProcessEnv): Promise<ProbeResult> {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(https?|no)_proxy$|^NODE_EXTRA_CA_CERTS$/i.test(k)));
    const { stdout } = await promisify(execFile)(process.execPath, [child, apiUrl], { env: { ...clean, ...env }, timeout: 20_000 });
    return JSON.parse(stdout) as ProbeResult;
  }

  test('without NODE_EXTRA_CA_CERTS the company certificate is refused; with it the call works', async () => {
    const before = proxy.connects.length;
    const refused = await probeInChild({ HTTPS_PROXY: proxy.url });
    assert.equal(refused.reachable, false);
    assert.match((refused as { message: string }).message, /not trusted .*NODE_EXTRA_CA_CERTS/);
    const trusted = await probeInChild({ HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: pki.caCertFile });
    assert.equal(trusted.reachable, true, JSON.stringify(trusted));
    assert.equal(proxy.connects.length, before + 2, 'both children went through the proxy named by HTTPS_PROXY');
  });
});
