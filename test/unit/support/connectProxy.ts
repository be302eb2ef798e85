import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type LookupFunction, type Socket } from 'node:net';

/**
 * A small forward proxy, as a company network has one: CONNECT tunnels (https) and absolute-form requests
 * (plain http), optional Basic proxy authentication (407 without it). It resolves host names from its own
 * table only, so a test can use a non-loopback name (api.vendaze.test) that nothing else on the machine knows,
 * and no request can ever leave this machine: unknown names get a 502.
 */

export interface TestProxy {
  url: string;
  port: number;
  /** host:port of every CONNECT it was asked for (refused ones included). */
  connects: string[];
  /** Absolute URLs of the plain-http requests it was asked to forward. */
  requests: string[];
  /** Proxy-Authorization headers that were refused. */
  refused: number;
  close(): Promise<void>;
}

export interface ProxyOptions {
  hosts: Record<string, string>;
  auth?: { user: string; password: string };
}

export async function startConnectProxy(options: ProxyOptions): Promise<TestProxy> {
  const sockets = new Set<Socket>();
  const expected = options.auth ? `Basic ${Buffer.from(`${options.auth.user}:${options.auth.password}`).toString('base64')}` : undefined;
  const authorized = (req: IncomingMessage) => !expected || req.headers['proxy-authorization'] === expected;
  const proxy: Omit<TestProxy, 'url' | 'port' | 'close'> = { connects: [], requests: [], refused: 0 };

  const server = createServer((req, res) => {
    proxy.requests.push(req.url ?? '');
    if (!authorized(req)) {
      proxy.refused++;
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test proxy"' }).end();
      return;
    }
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const address = options.hosts[target.hostname];
    if (!address || target.protocol !== 'http:') {
      res.writeHead(502).end();
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const upstream = httpRequest({ host: address, port: target.port || 80, method: req.method, path: target.pathname + target.search, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });

  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    proxy.connects.push(req.url ?? '');
    if (!authorized(req)) {
      proxy.refused++;
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test proxy"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const match = /^([^:]+):(\d+)$/.exec(req.url ?? '');
    const address = match ? options.hosts[match[1]!.toLowerCase()] : undefined;
    if (!match || !address) {
      client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = connect(Number(match[2]), address, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n'));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(proxy, {
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/** A hosts table as a `lookup` for direct connections: listed names resolve, every other name is ENOTFOUND. */
export function hostsLookup(hosts: Record<string, string>): LookupFunction {
  return ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    const address = hosts[hostname.toLowerCase()];
    if (!address) {
      const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
      return process.nextTick(() => callback(error));
    }
    const family = address.includes(':') ? 6 : 4;
    process.nextTick(() => (options?.all ? callback(null, [{ address, family }]) : callback(null, address, family)));
  }) as LookupFunction;
}
