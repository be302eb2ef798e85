import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { errors, request } from 'undici';
import { DEMO_REDIRECT_URIS, startSandbox, type RunningSandbox } from '../../src/sandbox';
import { signJwt } from '../../src/sandbox/jwt';
import { parseArgs, DEFAULT_PORT } from '../../src/sandbox/main';
import { assertError, call, register, tokensFor } from './support/sandboxHttp';

describe('sandbox: faults', () => {
  let sb: RunningSandbox;
  before(async () => {
    sb = await startSandbox({ autoApprove: true });
  });
  after(() => sb.close());

  test('fail500Next: n answers 500 internal_error n times, then normal service', async () => {
    sb.setFaults({ fail500Next: 2 });
    for (let i = 0; i < 2; i++) assertError(await call(sb, 'GET', '/v1/me'), 500, 'internal_error', 'An unexpected error occurred.');
    assertError(await call(sb, 'GET', '/v1/me'), 401, 'unauthorized');
    assert.equal(sb.faults().fail500Next, 0);
  });

  test('dropNext destroys the socket without an answer; logged with status 0', async () => {
    sb.setFaults({ dropNext: 1 });
    await assert.rejects(request(`${sb.baseUrl}/v1/me`), (e: Error) => e instanceof errors.SocketError || /other side closed|ECONNRESET|socket/i.test(e.message));
    assert.equal(sb.requestLog().at(-1)?.status, 0);
    assert.equal((await call(sb, 'GET', '/v1/me')).status, 401);
  });

  test('malformedNext answers 200 with a body that is not JSON', async () => {
    sb.setFaults({ malformedNext: 1 });
    const reply = await call(sb, 'GET', '/v1/me');
    assert.equal(reply.status, 200);
    assert.throws(() => JSON.parse(reply.text));
    assert.ok(reply.headers['x-request-id']);
    assert.ok(reply.headers['x-ratelimit-limit'], 'fault answers carry the rate headers too');
  });

  test('latencyMs delays answers: a client with a shorter timeout gives up, a patient one gets the answer', async () => {
    sb.setFaults({ latencyMs: 300 });
    try {
      await assert.rejects(request(`${sb.baseUrl}/v1/me`, { signal: AbortSignal.timeout(50) }), (e: Error) => e.name === 'TimeoutError' || e.name === 'AbortError');
      assert.equal((await call(sb, 'GET', '/v1/me')).status, 401);
      // /_sandbox/* is never slowed down, so tests can always reach the controls.
      assert.equal((await request(`${sb.baseUrl}/_sandbox/health`, { signal: AbortSignal.timeout(200) })).statusCode, 200);
    } finally {
      sb.setFaults({ latencyMs: 0 });
    }
  });

  test('faultPath limits the counters to one path prefix', async () => {
    sb.setFaults({ fail500Next: 1, faultPath: '/v1/people' });
    try {
      assert.equal((await call(sb, 'GET', '/v1/me')).status, 401);
      assert.equal((await call(sb, 'GET', '/v1/people')).status, 500);
    } finally {
      sb.setFaults({ faultPath: '', fail500Next: 0 });
    }
  });

  test('GET/POST /_sandbox/faults reads and patches faults over HTTP; bad patches are 422', async () => {
    const posted = await call(sb, 'POST', '/_sandbox/faults', { json: { fail500Next: 1, rateLimits: { apiGet: { limit: 5 } }, auto_approve: 'browser' } });
    assert.equal(posted.status, 200, posted.text);
    assert.equal(posted.json.data.fail500Next, 1);
    assert.equal(posted.json.data.rateLimits.apiGet.limit, 5);
    assert.equal(posted.json.data.rateLimits.apiGet.windowSeconds, 60);
    assert.equal(posted.json.auto_approve, 'browser');
    assert.equal((await call(sb, 'GET', '/_sandbox/faults')).json.data.fail500Next, 1, 'faults never apply to /_sandbox');
    assertError(await call(sb, 'POST', '/_sandbox/faults', { json: { fail500: 1 } }), 422, 'validation_error', 'Validation failed.');
    assertError(await call(sb, 'POST', '/_sandbox/faults', { json: { latencyMs: -1 } }), 422, 'validation_error');
    assertError(await call(sb, 'POST', '/_sandbox/faults', { json: { rateLimits: { nope: { limit: 1 } } } }), 422, 'validation_error');
    assertError(await call(sb, 'POST', '/_sandbox/faults', { json: { auto_approve: 'yes' } }), 422, 'validation_error');
    assert.throws(() => sb.setFaults({ codeTtlSeconds: Number.NaN }), /codeTtlSeconds/);
    sb.setFaults({ fail500Next: 0, rateLimits: { apiGet: { limit: 1000, windowSeconds: 60 } } });
    sb.setAutoApprove(true);
  });
});

describe('sandbox: admin endpoints and binding', () => {
  let sb: RunningSandbox;
  before(async () => {
    sb = await startSandbox({ seedDemoApp: true, workspaces: ['initech'] });
  });
  after(() => sb.close());

  test('listens on 127.0.0.1 only', async () => {
    assert.match(sb.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && !i.internal)
      .map((i) => i!.address);
    for (const host of ['::1', ...others]) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ host, port: sb.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      });
      assert.notEqual(outcome, 'connected', `reachable on ${host}`);
    }
  });

  test('health, the demo app and its mailbox, JSON and HTML', async () => {
    const health = await call(sb, 'GET', '/_sandbox/health');
    assert.equal(health.json.status, 'ok');
    assert.deepEqual(health.json.workspaces, ['initech']);
    const demo = sb.demoApp!;
    assert.deepEqual(demo.redirect_uris, DEMO_REDIRECT_URIS);
    assert.equal(sb.mailbox.secretFor(demo.client_id), demo.client_secret);
    const mailbox = await call(sb, 'GET', `/_sandbox/mailbox?client_id=${demo.client_id}`);
    assert.equal(mailbox.json.data.length, 1);
    assert.equal(mailbox.json.data[0].client_secret, demo.client_secret);
    assert.equal((await call(sb, 'GET', '/_sandbox/mailbox?to=nobody@example.com')).json.data.length, 0);
    const html = await call(sb, 'GET', '/_sandbox/mailbox', { headers: { accept: 'text/html' } });
    assert.match(html.headers['content-type'] ?? '', /^text\/html/);
    assert.ok(html.text.includes(demo.client_id));
    assert.equal(sb.workspaces()[0]?.people, 3, 'demo people seeded');
  });

  test('a second sandbox on a taken port fails with a clear message', async () => {
    await assert.rejects(startSandbox({ port: sb.port }), /already in use.*--port/);
  });
});

describe('sandbox: persistence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vendaze-sandbox-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('apps, mailbox, tokens and people survive a restart on the same state file', async () => {
    const stateFile = join(dir, 'state.json');
    const first = await startSandbox({ stateFile, autoApprove: true });
    const app = await register(first);
    const tokens = await tokensFor(first, app);
    await call(first, 'POST', '/v1/people', { bearer: tokens.access_token, json: { full_name: 'Persisted Person' } });
    await first.close();

    const second = await startSandbox({ stateFile, autoApprove: true });
    try {
      assert.ok(second.apps().some((a) => a.client_id === app.client_id));
      assert.equal(second.mailbox.secretFor(app.client_id), app.client_secret);
      const me = await call(second, 'GET', '/v1/me', { bearer: tokens.access_token });
      assert.equal(me.status, 200, me.text);
      assert.equal((await call(second, 'GET', '/v1/people', { bearer: tokens.access_token })).json.data[0].full_name, 'Persisted Person');
      const refreshed = await call(second, 'POST', '/oauth/token', { json: { grant_type: 'refresh_token', client_id: app.client_id, client_secret: app.client_secret, refresh_token: tokens.refresh_token } });
      assert.equal(refreshed.status, 200);
      assertError(await call(second, 'POST', '/v1/auth/register-app', { json: { ...app.body } }), 409, 'conflict');
    } finally {
      await second.close();
    }
    const saved = readFileSync(stateFile, 'utf8');
    const { mailbox, ...rest } = JSON.parse(saved) as { mailbox: unknown[] };
    assert.ok(mailbox.length > 0);
    assert.ok(!JSON.stringify(rest).includes(app.client_secret), 'outside the mailbox, only a hash of the secret is stored');
    assert.ok(!JSON.stringify(rest).includes(tokens.refresh_token), 'tokens are stored by id, not value');
  });

  test('the demo app is registered once and kept across restarts', async () => {
    const stateFile = join(dir, 'demo.json');
    const a = await startSandbox({ stateFile, seedDemoApp: true });
    await a.close();
    const b = await startSandbox({ stateFile, seedDemoApp: true });
    await b.close();
    assert.equal(b.demoApp?.client_id, a.demoApp?.client_id);
    assert.equal(b.demoApp?.client_secret, a.demoApp?.client_secret);
    assert.equal(b.apps().length, 1);
  });

  test('the demo app also accepts the redirect URIs an editor asks for, even when it was persisted without them', async () => {
    const stateFile = join(dir, 'demo-uris.json');
    const proxied = 'http://127.0.0.1:8080/proxy/53682/callback';
    const a = await startSandbox({ stateFile, seedDemoApp: true });
    await a.close();
    assert.ok(!a.demoApp!.redirect_uris.includes(proxied));
    const b = await startSandbox({ stateFile, seedDemoApp: true, demoRedirectUris: [proxied, 'http://127.0.0.1:53682/callback'] });
    await b.close();
    assert.equal(b.demoApp?.client_id, a.demoApp?.client_id, 'the same app, not a new one');
    assert.deepEqual(b.demoApp?.redirect_uris, [...a.demoApp!.redirect_uris, proxied]);
  });

  test('a token missing claims (signed with the persisted key) gets "Token is missing required claims."', async () => {
    const stateFile = join(dir, 'claims.json');
    const sb = await startSandbox({ stateFile });
    try {
      const key = JSON.parse(readFileSync(stateFile, 'utf8')).jwt_key as string;
      assertError(await call(sb, 'GET', '/v1/me', { bearer: signJwt({ iss: 'x', exp: 9999999999 }, key) }), 401, 'unauthorized', 'Token is missing required claims.');
    } finally {
      await sb.close();
    }
  });

  test('a corrupt state file is refused with a clear message', async () => {
    const stateFile = join(dir, 'corrupt.json');
    writeFileSync(stateFile, '{ not json');
    await assert.rejects(startSandbox({ stateFile }), /not valid JSON.*Delete it/);
  });
});

describe('sandbox CLI arguments', () => {
  test('defaults: port 7450, state in memory, consent page shown', () => {
    assert.deepEqual(parseArgs([]), { port: DEFAULT_PORT, stateFile: undefined, autoApprove: false, quiet: false });
    assert.equal(DEFAULT_PORT, 7450);
  });
  test('flags', () => {
    assert.deepEqual(parseArgs(['--port', '0', '--memory', '--auto-approve', '--workspaces', 'a,b-c', '--quiet']), {
      port: 0,
      stateFile: undefined,
      autoApprove: true,
      workspaces: ['a', 'b-c'],
      quiet: true,
    });
    assert.deepEqual(parseArgs(['--port=8000', '--state=x.json', '--auto-approve=browser']), { port: 8000, stateFile: 'x.json', autoApprove: 'browser', quiet: false });
    assert.deepEqual(parseArgs(['--help']), { help: true });
    assert.deepEqual(parseArgs(['--demo-redirect-uri', 'http://127.0.0.1:9/proxy/53682/callback', '--demo-redirect-uri=https://a.example/cb']), {
      port: DEFAULT_PORT,
      stateFile: undefined,
      autoApprove: false,
      quiet: false,
      demoRedirectUris: ['http://127.0.0.1:9/proxy/53682/callback', 'https://a.example/cb'],
    });
  });
  for (const bad of [['--port', 'abc'], ['--port', '70000'], ['--state'], ['--workspaces', 'Bad Slug'], ['--auto-approve=maybe'], ['--frobnicate'], ['--demo-redirect-uri', 'http://example.com/cb'], ['--demo-redirect-uri']]) {
    test(`rejects ${bad.join(' ')}`, () => assert.ok('error' in parseArgs(bad)));
  }
});
