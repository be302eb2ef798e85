import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { globalHttp, type HttpLayer } from '../../src/api/http';
import { Transport } from '../../src/api/transport';
import { nodeHttp } from '../../src/net/nodeHttp';
import { rejection } from './support/apiSandbox';

/**
 * Response bodies are read with a cap. A real server streams a body that never ends: the client must stop at the
 * cap and drop the connection (the server sees it close), not buffer until the timeout. A Content-Length over the
 * cap is refused before reading. Both fetch flavours are covered: Node's global fetch (what the extension host
 * patches) and undici's (our own processes).
 */

const CHUNK = Buffer.alloc(64 * 1024, 'a');
let server: Server;
let baseUrl: string;
/** Bytes the server managed to hand to the socket for each endless response, settled when the client hung up. */
const endless: Array<Promise<number>> = [];

before(async () => {
  server = createServer((req, res) => {
    if (req.url === '/forever') {
      res.writeHead(200, { 'content-type': 'application/json' });
      let written = 0;
      endless.push(
        new Promise<number>((resolve) => {
          res.on('close', () => resolve(written));
          const pump = () => {
            while (!res.destroyed) {
              written += CHUNK.length;
              if (!res.write(CHUNK)) return void res.once('drain', pump);
            }
          };
          pump();
        }),
      );
    } else if (req.url === '/declared') {
      // Announces 50 MiB, sends a little, then stalls: a client that trusted the header would wait for the rest.
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) });
      res.write('{"status":');
    } else {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'ok', workspace_slug: 'acme-corp', padding: 'x'.repeat(2000) }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const Me = z.object({ status: z.string(), workspace_slug: z.string() });
const flavours: Array<[string, () => HttpLayer]> = [
  ['global fetch (as in the extension host)', globalHttp],
  ['undici fetch (CLI, tests)', () => nodeHttp({ env: {} })],
];

for (const [name, http] of flavours) {
  describe(`response size cap, ${name}`, () => {
    test('an endless body is cut at 1 MiB and the connection dropped, long before the timeout', async () => {
      const transport = new Transport({ baseUrl, timeoutMs: 30_000, http: http() });
      const started = Date.now();
      const error = await rejection(transport.send({ method: 'GET', path: '/forever', schema: Me, retry: false }));
      assert.equal(error.kind, 'invalid_response');
      assert.equal(error.status, 200);
      assert.match(error.message, /exceeded the 1048576-byte limit: stopped reading/);
      const written = await endless[endless.length - 1]!;
      assert.ok(Date.now() - started < 10_000, 'stopped by the cap, not by the 30 s timeout');
      // What the server got rid of before the client hung up: the cap plus socket buffers, not an unbounded stream.
      assert.ok(written < 16 * 1024 * 1024, `server wrote ${written} bytes before the client hung up`);
    });

    test('a Content-Length over the cap is refused before reading', async () => {
      const transport = new Transport({ baseUrl, timeoutMs: 30_000, http: http() });
      const started = Date.now();
      const error = await rejection(transport.send({ method: 'GET', path: '/declared', schema: Me, retry: false }));
      assert.equal(error.kind, 'invalid_response');
      assert.match(error.message, /declares 52428800 bytes \(Content-Length\), over the 1048576-byte limit: refused before reading/);
      assert.ok(Date.now() - started < 10_000);
    });

    test('the cap is configurable; answers under it are read as usual', async () => {
      const small = new Transport({ baseUrl, http: http(), maxResponseBytes: 1000 });
      const error = await rejection(small.send({ method: 'GET', path: '/v1/me', schema: Me, retry: false }));
      assert.match(error.message, /1000-byte limit/);
      const roomy = new Transport({ baseUrl, http: http() });
      const ok = await roomy.send({ method: 'GET', path: '/v1/me', schema: Me });
      assert.equal(ok.body.workspace_slug, 'acme-corp');
    });
  });
}
