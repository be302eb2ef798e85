import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { VendazeClient } from '../../src/api/client';
import { VendazeApiError } from '../../src/api/errors';
import { Transport, type ResponseInfo } from '../../src/api/transport';

/**
 * Wire behaviour the faithful sandbox never shows: bodies of the wrong shape, a 2xx with an error member, a
 * gateway's HTML 502, and what the transport itself puts on the wire. A tiny node:http server plays the broken
 * server here; everything the sandbox can serve is tested against the sandbox (api-client.test.ts).
 */

interface Seen {
  method?: string;
  url?: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let baseUrl: string;
const seen: Seen[] = [];
const RID = '0b5e2c1e-7d3a-4f55-9a11-3c1f0d6e8b2a';

const routes: Record<string, { status: number; type?: string; body: string; headers?: Record<string, string> }> = {
  '/v1/me': { status: 200, body: JSON.stringify({ status: 'ok', workspace_slug: 'acme-corp' }) },
  '/wrong-shape': { status: 201, body: JSON.stringify({ data: { app_name: 'x', client_id: 42 } }) },
  '/error-in-2xx': { status: 200, body: JSON.stringify({ status: 'ok', workspace_slug: 'a', error: { code: 'x' } }) },
  '/html-502': { status: 502, type: 'text/html', body: '<html>Bad gateway</html>' },
  '/html-200': { status: 200, type: 'text/html', body: '<html>captive portal</html>' },
  '/envelope-no-header': { status: 404, body: JSON.stringify({ error: { code: 'not_found', message: 'Person not found.', request_id: RID } }) },
  '/fields-array': { status: 422, body: JSON.stringify({ error: { code: 'validation_error', message: 'Validation failed.', fields: { full_name: ['too long', 'not blank'] } } }) },
  '/retry-after-date': { status: 429, body: JSON.stringify({ error: { code: 'rate_limit_exceeded', message: 'Rate limit exceeded.' } }), // A getter: the date is taken when the request is answered, not when this file loads (a busy machine can be slow).
    get headers() {
      return { 'retry-after': new Date(Date.now() + 30_000).toUTCString() };
    } },
};

before(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      const route = routes[(req.url ?? '').split('?')[0]] ?? routes['/v1/me'];
      res.writeHead(route.status, { 'content-type': route.type ?? 'application/json', ...route.headers });
      res.end(route.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function rejection(promise: Promise<unknown>): Promise<VendazeApiError> {
  const error = await promise.then(
    () => assert.fail('expected a rejection'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof VendazeApiError, `not a VendazeApiError: ${String(error)}`);
  return error;
}

const anything = z.unknown();

describe('transport: what goes on the wire', () => {
  test('User-Agent, Accept, Bearer, query string; form body for tokens by default', async () => {
    const client = new VendazeClient({ baseUrl, version: '1.2.3' });
    seen.length = 0;
    await rejection(client.refreshToken({ clientId: 'c', clientSecret: 'shh-secret', refreshToken: 'r-token-123' }));
    await client.transport.send({ method: 'GET', path: '/v1/me', query: { page: 2, skip: undefined, q: 'a b' }, bearer: 'tok', schema: anything });
    const [token, me] = seen;
    assert.equal(token.headers['user-agent'], 'vendaze-vscode/1.2.3');
    assert.equal(token.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.deepEqual(Object.fromEntries(new URLSearchParams(token.body)), {
      grant_type: 'refresh_token',
      client_id: 'c',
      client_secret: 'shh-secret',
      refresh_token: 'r-token-123',
    });
    assert.equal(me.url, '/v1/me?page=2&q=a+b');
    assert.equal(me.headers.authorization, 'Bearer tok');
    assert.equal(me.headers.accept, 'application/json');
  });

  test('JSON token body on request', async () => {
    const client = new VendazeClient({ baseUrl, tokenBodyFormat: 'json' });
    seen.length = 0;
    await rejection(client.refreshToken({ clientId: 'c', clientSecret: 's', refreshToken: 'r' }));
    assert.equal(seen[0].headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(seen[0].body), { grant_type: 'refresh_token', client_id: 'c', client_secret: 's', refresh_token: 'r' });
  });
});

describe('transport: surprises are reported, never crashed on', () => {
  const transport = () => new Transport({ baseUrl });

  test('2xx of the wrong shape -> invalid_response naming the field', async () => {
    const error = await rejection(
      transport().send({ method: 'POST', path: '/wrong-shape', json: {}, schema: z.looseObject({ data: z.looseObject({ client_id: z.string(), message: z.string() }) }) }),
    );
    assert.equal(error.kind, 'invalid_response');
    assert.equal(error.status, 201);
    assert.match(error.message, /data\.client_id: .*expected string/i);
    assert.match(error.message, /data\.message/);
    assert.match(error.userMessage(), /unexpected answer to POST \/wrong-shape/);
  });

  test('a 2xx carrying "error" -> invalid_response', async () => {
    const error = await rejection(transport().send({ method: 'GET', path: '/error-in-2xx', schema: anything }));
    assert.equal(error.kind, 'invalid_response');
    assert.match(error.message, /"error" member/);
  });

  test('HTML 200 (captive portal) -> invalid_response with content type, body not quoted', async () => {
    const error = await rejection(transport().send({ method: 'GET', path: '/html-200', schema: anything }));
    assert.equal(error.kind, 'invalid_response');
    assert.match(error.message, /not JSON \(text\/html, 27 bytes\)/);
    assert.doesNotMatch(error.message, /captive/);
  });

  test('HTML 502 from a gateway -> http error with status, not retried', async () => {
    seen.length = 0;
    const error = await rejection(transport().send({ method: 'GET', path: '/html-502', schema: anything }));
    assert.equal(error.kind, 'http');
    assert.equal(error.status, 502);
    assert.equal(error.code, undefined);
    assert.match(error.message, /without the documented error envelope \(text\/html/);
    assert.equal(seen.length, 1);
  });

  test('request id falls back to the envelope when the header is missing', async () => {
    const error = await rejection(transport().send({ method: 'GET', path: '/envelope-no-header', schema: anything }));
    assert.equal(error.requestId, RID);
    assert.equal(error.code, 'not_found');
  });

  test('fields given as arrays are joined', async () => {
    const error = await rejection(transport().send({ method: 'POST', path: '/fields-array', json: {}, schema: anything }));
    assert.deepEqual(error.fields, { full_name: 'too long not blank' });
  });

  test('Retry-After as an HTTP date is honoured', async () => {
    const waits: number[] = [];
    const t = new Transport({ baseUrl, sleep: async (ms) => void waits.push(ms) });
    const error = await rejection(t.send({ method: 'GET', path: '/retry-after-date', schema: anything }));
    assert.equal(error.status, 429);
    assert.equal(waits.length, 3);
    for (const ms of waits) assert.ok(ms >= 28_000 && ms <= 31_000, `waited ${ms}`);
  });

  test('a throwing onResponse listener does not fail the call', async () => {
    const infos: ResponseInfo[] = [];
    const t = new Transport({ baseUrl, onResponse: () => { throw new Error('boom'); } });
    t.onResponse((info) => infos.push(info));
    const res = await t.send({ method: 'GET', path: '/v1/me', schema: z.looseObject({ status: z.string() }) });
    assert.equal(res.body.status, 'ok');
    assert.equal(infos.length, 1);
    assert.equal(infos[0].status, 200);
  });
});

describe('transport: base URL rule', () => {
  for (const bad of ['http://api.vendaze.com', 'http://10.0.0.5:7450', 'ftp://api.vendaze.com']) {
    test(`refuses ${bad} before any byte is sent`, async () => {
      seen.length = 0;
      const client = new VendazeClient({ baseUrl: bad });
      const error = await rejection(client.exchangeCode({ clientId: 'c', clientSecret: 'super-secret-value', code: 'code-1234567', redirectUri: 'https://x/cb', codeVerifier: 'v'.repeat(43) }));
      assert.equal(error.kind, 'config');
      assert.match(error.userMessage(), /https/);
      assert.equal(seen.length, 0);
    });
  }
});
