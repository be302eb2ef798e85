import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SignInAttempts } from '../../src/auth/attempts';
import { startLoopbackServer, type LoopbackServer } from '../../src/auth/loopbackServer';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { authorizeParams, authorizePath, call, pkce, register, type TestApp } from './support/sandboxHttp';
import { rawExchange, send } from './support/rawHttp';

/**
 * The sandbox and the sign-in loopback listener under hostile requests, over real sockets: a request target that
 * does not parse, a rebound Host name, a framed or cross-site consent page. Both must answer and live on.
 */

const MALFORMED = 'GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n';
const statusOf = (raw: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1]);

describe('sandbox: malformed requests and foreign hosts', () => {
  let sb: RunningSandbox;
  let app: TestApp;
  before(async () => {
    sb = await startSandbox({ allowedHosts: ['https://forwarded.example.test/proxy/7450/'] });
    app = await register(sb);
  });
  after(() => sb.close());

  test('GET http://[ answers 400 with the error envelope, and the sandbox keeps serving', async () => {
    for (let i = 0; i < 3; i++) {
      const raw = await rawExchange(sb.port, MALFORMED);
      assert.equal(statusOf(raw), 400, raw);
      assert.match(raw, /"code":"invalid_request"/);
    }
    const health = await call(sb, 'GET', '/_sandbox/health');
    assert.equal(health.status, 200);
  });

  const hosts: Array<[string, number]> = [
    ['127.0.0.1:9', 200], // the port is not compared: proxies change it
    ['localhost', 200],
    ['127.0.0.2:1234', 200],
    ['[::1]:80', 200],
    ['LOCALHOST.', 200],
    ['forwarded.example.test', 200], // the name asExternalUri gave this window
    ['forwarded.example.test:443', 200],
    ['rebind.attacker.example', 421],
    ['127.0.0.1.attacker.example', 421],
    ['attacker.example@127.0.0.1', 421],
  ];
  for (const [host, status] of hosts) {
    test(`Host "${host}" -> ${status}`, async () => {
      const reply = await send(sb.port, 'GET', '/_sandbox/health', { Host: host });
      assert.equal(reply.status, status, reply.text);
      if (status !== 200) assert.equal(JSON.parse(reply.text).error.code, 'forbidden');
    });
  }

  async function consentRequest(): Promise<string> {
    const { challenge } = pkce();
    sb.setAutoApprove(false);
    const reply = await call(sb, 'GET', authorizePath(authorizeParams(app, challenge)));
    assert.equal(reply.status, 302, reply.text);
    return new URL(reply.headers.location!).searchParams.get('request')!;
  }

  test('the consent page may not be framed', async () => {
    const requestId = await consentRequest();
    const page = await call(sb, 'GET', `/oauth/consent?request=${requestId}`);
    assert.equal(page.status, 200);
    assert.match(page.headers['content-security-policy'] ?? '', /frame-ancestors 'none'/);
    assert.equal(page.headers['x-frame-options'], 'DENY');
  });

  const origins: Array<[string | undefined, number]> = [
    ['https://attacker.example', 403],
    ['null', 403],
    [undefined, 302], // no Origin: not a browser form post
    ['http://127.0.0.1:9999', 302], // loopback, any port (code-server's own port, say)
    ['https://forwarded.example.test', 302],
  ];
  for (const [origin, status] of origins) {
    test(`consent POST with Origin ${origin ?? '(none)'} -> ${status}`, async () => {
      const requestId = await consentRequest();
      const headers: Record<string, string> = { Host: `127.0.0.1:${sb.port}`, 'Content-Type': 'application/x-www-form-urlencoded' };
      if (origin !== undefined) headers.Origin = origin;
      const reply = await send(sb.port, 'POST', '/oauth/consent', headers, `request=${requestId}&workspace=acme-corp&scope=people%3Aread&action=approve`);
      assert.equal(reply.status, status, reply.text);
      if (status === 403) {
        assert.match(reply.text, /came from another web site/);
        // Refused before it was consumed: the real page can still answer it.
        const page = await call(sb, 'GET', `/oauth/consent?request=${requestId}`);
        assert.equal(page.status, 200);
      } else {
        assert.ok(new URL(String(reply.headers.location)).searchParams.get('code'));
      }
    });
  }
});

describe('loopback listener: malformed requests and foreign hosts', () => {
  let attempts: SignInAttempts;
  let server: LoopbackServer;
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);
  before(async () => {
    process.on('uncaughtException', onUncaught);
    attempts = new SignInAttempts();
    server = await startLoopbackServer({
      port: 0,
      path: '/callback',
      onCallback: (p) => attempts.deliver(p),
      allowedHosts: ['https://cs.example.test/proxy/53682/callback'],
    });
  });
  after(async () => {
    process.off('uncaughtException', onUncaught);
    await server.close();
  });

  test('GET http://[ answers 400, throws nothing, and the listener still takes the real callback', async () => {
    const attempt = attempts.start({ verifier: 'v'.repeat(43), redirectUri: 'http://127.0.0.1/callback', clientId: 'c1' }, 60_000);
    attempt.result.catch(() => undefined);
    for (let i = 0; i < 3; i++) assert.equal(statusOf(await rawExchange(server.port, MALFORMED)), 400);
    assert.deepEqual(uncaught, []);
    const rebound = await send(server.port, 'GET', `/callback?code=stolen&state=${attempt.state}`, { Host: 'rebind.attacker.example:53682' });
    assert.equal(rebound.status, 421);
    const forwarded = await send(server.port, 'GET', `/callback?code=real&state=${attempt.state}`, { Host: 'cs.example.test' });
    assert.equal(forwarded.status, 200, forwarded.text);
    assert.equal((await attempt.result).code, 'real', 'the rebound request never reached the attempt');
    assert.match(String(forwarded.headers['content-security-policy']), /frame-ancestors 'none'/);
  });
});
