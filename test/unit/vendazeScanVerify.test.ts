/**
 * `vendaze-scan --verify` against the sandbox over real HTTP: a live and a dead client_secret, a live and a revoked
 * access token, an expired token decided offline; human, JSON and SARIF carry the state; the shipped bundle is run
 * as CI runs it, through an HTTPS CONNECT proxy (HTTPS_PROXY) with a company CA (NODE_EXTRA_CA_CERTS), under a
 * non-loopback name only the proxy resolves. The values are made here by the sandbox.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { Agent, fetch as undiciFetch, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';
import { nodeHttp } from '../../src/net/nodeHttp';
import type { RunningSandbox } from '../../src/sandbox/types';
import { checkOffline } from '../../src/verify/offline';
import { Verifier, type VerifyFetch } from '../../src/verify/online';
import { verifyBaseUrl } from '../../src/cli/verifyTarget';
import { clientFor, registerTestApp, signIn, startApiSandbox, type RegisteredApp } from './support/apiSandbox';
import { startConnectProxy, type TestProxy } from './support/connectProxy';
import { createTestPki, type TestPki } from './support/testPki';
import { CLI, write } from './support/cli';

const HOST = 'api.vendaze.test';

let pki: TestPki;
let sandbox: RunningSandbox;
let proxy: TestProxy;
let app: RegisteredApp;
let liveToken: string;
let revokedToken: string;
let dir: string;
let previousDispatcher: Dispatcher;

const plainFetch: VerifyFetch = async (url, init) => {
  const response = await undiciFetch(url, init);
  return { status: response.status, text: () => response.text() };
};

/** The CLI as a child process, asynchronously: the sandbox and the proxy answer from this process's event loop. */
function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

function jwt(claims: Record<string, unknown>): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.${randomBytes(32).toString('base64url')}`;
}

before(async () => {
  pki = createTestPki([HOST]);
  // This process trusts the test CA for direct https://127.0.0.1 calls (the helpers' sign-in plays the browser).
  previousDispatcher = getGlobalDispatcher();
  setGlobalDispatcher(new Agent({ connect: { ca: [...rootCertificates, pki.caCert] } }));
  sandbox = await startApiSandbox({ tls: { key: pki.serverKey, cert: pki.serverChain }, allowedHosts: [HOST, '127.0.0.1'] });
  proxy = await startConnectProxy({ hosts: { [HOST]: '127.0.0.1' } });
  const { client } = clientFor(sandbox, { http: nodeHttp({ env: {}, extraCaCerts: [pki.caCert] }) });
  app = await registerTestApp(client, sandbox);
  liveToken = (await signIn(client, sandbox, app)).access_token;
  revokedToken = (await signIn(client, sandbox, app)).access_token;
  await client.revokeToken({ token: revokedToken, clientId: app.clientId, clientSecret: app.clientSecret });
  dir = mkdtempSync(join(tmpdir(), 'vendaze-verify-'));
});

after(async () => {
  if (previousDispatcher) setGlobalDispatcher(previousDispatcher);
  await Promise.all([sandbox?.close(), proxy?.close()]);
  pki?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('--verify: offline first', () => {
  test('an expired JWT is dead, a refresh token unknown, without any request', () => {
    const now = Date.now();
    assert.deepEqual(checkOffline({ kind: 'access_token', value: jwt({ iss: 'vendaze', exp: Math.floor(now / 1000) - 60 }) }, now), { state: 'dead', why: 'expired (exp claim)' });
    assert.equal(checkOffline({ kind: 'access_token', value: jwt({ iss: 'vendaze', typ: 'refresh', exp: Math.floor(now / 1000) + 600 }) }, now).state, 'unknown');
    assert.equal(checkOffline({ kind: 'refresh_token', value: 'opaque-value-123456' }, now).state, 'unknown');
    assert.equal(checkOffline({ kind: 'access_token', value: jwt({ iss: 'vendaze', exp: Math.floor(now / 1000) + 600 }) }, now).state, undefined);
  });

  test('the base URL: flag, then VENDAZE_API_BASE_URL, then api.vendaze.com; HTTPS unless loopback; no credentials', () => {
    assert.equal(verifyBaseUrl(undefined, {}), 'https://api.vendaze.com');
    assert.equal(verifyBaseUrl(undefined, { VENDAZE_API_BASE_URL: 'https://api.example.com/' }), 'https://api.example.com');
    assert.equal(verifyBaseUrl('http://127.0.0.1:4010', { VENDAZE_API_BASE_URL: 'https://x.example' }), 'http://127.0.0.1:4010');
    assert.throws(() => verifyBaseUrl('http://api.example.com', {}), /not HTTPS/);
    assert.throws(() => verifyBaseUrl('https://u:p@api.example.com', {}), /credentials/);
  });
});

describe('--verify against the sandbox (real HTTP)', () => {
  test('client_secret: invalid_client is dead; invalid_grant is live once the order of checks is observed; the budget holds', async () => {
    const verifier = new Verifier({ baseUrl: sandbox.baseUrl, fetch: plainFetch, maxTokenCalls: 3 });
    const live = await verifier.verify({ kind: 'client_secret', value: app.clientSecret, clientId: app.clientId });
    assert.equal(live.state, 'live', live.why);
    assert.match(live.why, /checks the client before the grant \(observed\)/);
    assert.equal(verifier.tokenRequests, 2, 'the secret, then one control request with a random secret');
    const dead = await verifier.verify({ kind: 'client_secret', value: randomBytes(32).toString('base64url'), clientId: app.clientId });
    assert.deepEqual(dead, { state: 'dead', why: 'POST /oauth/token answered 401 invalid_client' });
    const again = await verifier.verify({ kind: 'client_secret', value: app.clientSecret, clientId: app.clientId });
    assert.equal(again.state, 'live', 'one answer per value: asked once');
    const over = await verifier.verify({ kind: 'client_secret', value: randomBytes(32).toString('base64url'), clientId: randomUUID() });
    assert.equal(over.state, 'unknown');
    assert.match(over.why, /at most 3 token-endpoint requests/);
    assert.equal(verifier.tokenRequests, 3);
    const alone = await verifier.verify({ kind: 'client_secret', value: app.clientSecret });
    assert.deepEqual(alone, { state: 'unknown', why: 'no client_id found beside it' });
    // The probes issued nothing and changed nothing: the app still signs in with its secret.
    const { client } = clientFor(sandbox, { http: nodeHttp({ env: {}, extraCaCerts: [pki.caCert] }) });
    assert.ok((await signIn(client, sandbox, app)).access_token);
  });

  test('access token: 200 live, 401 dead', async () => {
    const verifier = new Verifier({ baseUrl: sandbox.baseUrl, fetch: plainFetch });
    assert.equal((await verifier.verify({ kind: 'access_token', value: liveToken })).state, 'live');
    const dead = await verifier.verify({ kind: 'access_token', value: revokedToken });
    assert.equal(dead.state, 'dead', dead.why);
    assert.match(dead.why, /answered 401/);
    assert.equal(verifier.tokenRequests, 0, 'access tokens never touch the token endpoint');
  });

  test('a 429 from the token endpoint stops further token requests in the run', async () => {
    const limited = await startApiSandbox({ faults: { rateLimits: { token: { limit: 1, windowSeconds: 60 } } } });
    try {
      const verifier = new Verifier({ baseUrl: limited.baseUrl, fetch: plainFetch, maxTokenCalls: 4 });
      const first = await verifier.verify({ kind: 'client_secret', value: 'a'.repeat(40), clientId: randomUUID() });
      assert.equal(first.state, 'dead', first.why); // unknown client: invalid_client
      const second = await verifier.verify({ kind: 'client_secret', value: 'b'.repeat(40), clientId: randomUUID() });
      assert.match(second.why, /answered 429/);
      const third = await verifier.verify({ kind: 'client_secret', value: 'c'.repeat(40), clientId: randomUUID() });
      assert.match(third.why, /rate limiting/);
      assert.equal(verifier.tokenRequests, 2);
    } finally {
      await limited.close();
    }
  });
});

describe('vendaze-scan --verify (the shipped bundle, through an HTTPS proxy with a company CA)', () => {
  test('human, JSON and SARIF carry live / dead; a live value is never accepted by the baseline', async () => {
    const deadSecret = randomBytes(32).toString('base64url');
    write(dir, 'live/.env', `# vendaze app\nVENDAZE_CLIENT_ID=${app.clientId}\nVENDAZE_CLIENT_SECRET=${app.clientSecret}\n`);
    write(dir, 'dead/.env', `# vendaze app\nVENDAZE_CLIENT_ID=${app.clientId}\nVENDAZE_CLIENT_SECRET=${deadSecret}\n`);
    write(dir, 'tokens.sh', `# vendaze\nVENDAZE_ACCESS_TOKEN=${liveToken}\nOLD_VENDAZE_ACCESS_TOKEN=${revokedToken}\n`);
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(https?|no)_proxy$|^NODE_EXTRA_CA_CERTS$|^VENDAZE_API_BASE_URL$/i.test(k)));
    const env = { ...clean, HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: pki.caCertFile, VENDAZE_API_BASE_URL: `https://${HOST}:${sandbox.port}` };
    const run = (...args: string[]) => cli(['--no-gitignore', '--verify', ...args, '.'], env);
    const connectsBefore = proxy.connects.length;
    const json = await run('--format', 'json');
    assert.equal(json.code, 1, json.stderr);
    const findings = (JSON.parse(json.stdout) as { findings: Array<{ path: string; line: number; verification?: string; verificationDetail?: string }> }).findings;
    const state = (path: string, line: number) => findings.find((f) => f.path === path && f.line === line)?.verification;
    assert.equal(state('live/.env', 3), 'live');
    assert.equal(state('dead/.env', 3), 'dead');
    assert.equal(state('tokens.sh', 2), 'live');
    assert.equal(state('tokens.sh', 3), 'dead');
    assert.match(json.stderr, /verified 2 live, 2 dead, 0 unknown \(3 token-endpoint requests\)/);
    assert.ok(proxy.connects.length > connectsBefore && proxy.connects.every((c) => c === `${HOST}:${sandbox.port}`), 'every request went through the proxy to the API');
    for (const secret of [app.clientSecret, deadSecret, liveToken, revokedToken]) assert.ok(!json.stdout.includes(secret) && !json.stderr.includes(secret));

    const sarif = JSON.parse((await run('--format', 'sarif')).stdout) as { runs: Array<{ results: Array<{ properties: { verification: string } }> }> };
    assert.deepEqual(sarif.runs[0]!.results.map((r) => r.properties.verification).sort(), ['dead', 'dead', 'live', 'live']);
    const human = await run();
    assert.match(human.stdout, /live\/\.env:3:\d+: error vendaze\/client-secret \[live: POST \/oauth\/token answered 400 invalid_grant/);
    assert.match(human.stdout, /dead\/\.env:3:\d+: info vendaze\/client-secret \[dead: POST \/oauth\/token answered 401 invalid_client\]/);

    // Accept everything, then scan again: the live values still fail the run; the dead ones are accepted.
    assert.equal((await cli(['--no-gitignore', '--update-baseline', '.'], env)).code, 0);
    const baselined = await run('--baseline', '.vendaze-baseline.json', '--format', 'json');
    const left = (JSON.parse(baselined.stdout) as { findings: Array<{ verification?: string }> }).findings.map((f) => f.verification).sort();
    assert.deepEqual(left, ['live', 'live']);
    assert.equal(baselined.code, 1);
  });

  test('a base URL that is not HTTPS is refused before anything is sent', async () => {
    const r = await cli(['--verify', '--api-base-url', 'http://api.example.com', '.'], process.env);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not HTTPS/);
  });
});
