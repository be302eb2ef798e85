import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { SignInAttempts } from '../../src/auth/attempts';
import { SignInError } from '../../src/auth/errors';
import { startLoopbackServer } from '../../src/auth/loopbackServer';

/** The loopback listener for real, over 127.0.0.1 (port 0 = any free port). */

const secrets = { verifier: 'v'.repeat(43), redirectUri: 'http://127.0.0.1/callback', clientId: 'c1' };

async function get(port: number, pathAndQuery: string, method = 'GET') {
  const res = await request(`http://127.0.0.1:${port}${pathAndQuery}`, { method });
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

async function setup() {
  const attempts = new SignInAttempts();
  const attempt = attempts.start(secrets, 60_000);
  attempt.result.catch(() => undefined);
  const server = await startLoopbackServer({ port: 0, path: '/callback', onCallback: (p) => attempts.deliver(p) });
  return { attempts, attempt, server };
}

describe('loopback server', () => {
  test('happy path: answers a closing page without secrets, hands over the code, then closes', async () => {
    const { attempt, server } = await setup();
    const res = await get(server.port, `/callback?code=secret-code-123&state=${attempt.state}`);
    assert.equal(res.status, 200);
    assert.match(res.text, /You can close this tab/);
    assert.equal(res.text.includes('secret-code-123'), false);
    assert.equal(res.text.includes(attempt.state), false);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.headers['referrer-policy'], 'no-referrer');
    assert.equal((await attempt.result).code, 'secret-code-123');
    await server.closed;
    await assert.rejects(get(server.port, '/callback?code=x&state=y'), /ECONNREFUSED/);
  });

  test('missing parameters get a 400 page and the listener stays up', async () => {
    const { attempt, server } = await setup();
    try {
      const res = await get(server.port, '/callback?foo=bar');
      assert.equal(res.status, 400);
      assert.match(res.text, /missing its &#34;state&#34; or &#34;code&#34;/);
      const ok = await get(server.port, `/callback?code=c&state=${attempt.state}`);
      assert.equal(ok.status, 200);
    } finally {
      await server.close();
    }
  });

  test('a wrong state gets a 400 page, is not consumed, and does not end the attempt', async () => {
    const { attempts, attempt, server } = await setup();
    try {
      const res = await get(server.port, '/callback?code=c&state=not-the-state');
      assert.equal(res.status, 400);
      assert.match(res.text, /unknown state/);
      assert.equal(attempts.size, 1);
    } finally {
      attempt.cancel();
      await server.close();
    }
  });

  test('a denial answers 200 "denied", fails the attempt with access_denied, and closes', async () => {
    const { attempt, server } = await setup();
    const res = await get(server.port, `/callback?error=access_denied&state=${attempt.state}`);
    assert.equal(res.status, 200);
    assert.match(res.text, /denied/);
    await assert.rejects(attempt.result, (e: unknown) => e instanceof SignInError && e.kind === 'access_denied');
    await server.closed;
  });

  test('other paths and methods are refused', async () => {
    const { attempt, server } = await setup();
    try {
      assert.equal((await get(server.port, '/favicon.ico')).status, 404);
      assert.equal((await get(server.port, `/callback?code=c&state=${attempt.state}`, 'POST')).status, 405);
      assert.equal((await get(server.port, `/callback?code=c&state=${attempt.state}`)).status, 200);
    } finally {
      await server.close();
    }
  });

  test('listens on 127.0.0.1 only', async () => {
    const { attempt, server } = await setup();
    try {
      await assert.rejects(request(`http://[::1]:${server.port}/callback`), /ECONNREFUSED|EADDRNOTAVAIL|ENETUNREACH/);
    } finally {
      attempt.cancel();
      await server.close();
    }
  });

  test('a busy port is reported as loopback_unavailable with what to change', async () => {
    const { attempt, server } = await setup();
    try {
      await assert.rejects(
        startLoopbackServer({ port: server.port, path: '/callback', onCallback: () => ({ ok: true, kind: 'code' }) }),
        (e: unknown) => e instanceof SignInError && e.kind === 'loopback_unavailable' && /vendaze\.auth\.loopbackPort/.test(e.message),
      );
    } finally {
      attempt.cancel();
      await server.close();
    }
  });
});
