import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { forward, jsonAnswer, type ForwardDeps, type Outgoing } from './forward';
import { ProxyErrorCodes, rpcError } from './messages';

/**
 * The loopback MCP proxy: 127.0.0.1 on a random port, one path per offered session, and a per-window random secret
 * that only the definition provider's resolve step hands out (as a header). The editor's MCP client talks to it;
 * it talks to Vendaze with tokens the client never sees. No vscode import: the unit tier runs it as is.
 */

export const PROXY_HOST = '127.0.0.1';
export const SECRET_HEADER = 'x-vendaze-mcp-key';
const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

export interface Endpoint {
  uri: string;
  headers: Record<string, string>;
}

export class McpProxy {
  private readonly secret = randomBytes(32).toString('base64url');
  private readonly routes = new Map<string, string>();
  private readonly bySession = new Map<string, string>();
  private server?: Server;
  private listening?: Promise<number>;

  constructor(private readonly deps: ForwardDeps) {}

  /** Starts listening once; later calls share the first. */
  start(): Promise<number> {
    this.listening ??= new Promise<number>((resolve, reject) => {
      const server = createServer((req, res) => void this.handle(req, res));
      server.keepAliveTimeout = 5_000;
      server.once('error', reject);
      server.listen(0, PROXY_HOST, () => resolve((server.address() as AddressInfo).port));
      this.server = server;
    });
    return this.listening;
  }

  /** Where the MCP client reaches a session, with the secret header. The path id is random, not the session id. */
  async endpointFor(sessionId: string): Promise<Endpoint> {
    const port = await this.start();
    let route = this.bySession.get(sessionId);
    if (!route) {
      route = randomBytes(12).toString('base64url');
      this.routes.set(route, sessionId);
      this.bySession.set(sessionId, route);
    }
    return { uri: `http://${PROXY_HOST}:${port}/vendaze/${route}/mcp`, headers: { [SECRET_HEADER]: this.secret } };
  }

  /** A signed-out session: its path stops answering at once. */
  forget(sessionId: string): void {
    const route = this.bySession.get(sessionId);
    if (route) this.routes.delete(route);
    this.bySession.delete(sessionId);
  }

  /** Sessions that currently have a path (for "Show MCP Server"). */
  servedSessions(): string[] {
    return [...this.bySession.keys()];
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const refused = this.refusal(req);
      if (refused) return await write(res, refused);
      const route = /^\/vendaze\/([A-Za-z0-9_-]{16})\/mcp$/.exec((req.url ?? '').split('?')[0]!)?.[1];
      const sessionId = route === undefined ? undefined : this.routes.get(route);
      if (sessionId === undefined) {
        await drain(req);
        return await write(res, jsonAnswer(404, rpcError(null, ProxyErrorCodes.signedOut, 'This Vendaze MCP server is no longer offered (signed out, or from an earlier window). Refresh the MCP servers list.')));
      }
      const body = await readBody(req);
      if (body === undefined) return await write(res, jsonAnswer(413, rpcError(null, -32600, 'Request too large.')));
      const abort = new AbortController();
      res.once('close', () => abort.abort());
      const headers: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      await write(res, await forward(this.deps, sessionId, { method: (req.method ?? 'GET').toUpperCase(), headers, body, signal: abort.signal }));
    } catch (error) {
      this.deps.log?.(`MCP proxy error: ${(error as Error).message}`);
      if (!res.headersSent) await write(res, jsonAnswer(500, rpcError(null, ProxyErrorCodes.upstream, 'The Vendaze MCP proxy failed; see the Vendaze log.'))).catch(() => undefined);
      else res.destroy();
    }
  }

  /** DNS rebinding (Host/Origin) and the secret. Never a 401: the editor would start an OAuth flow. */
  private refusal(req: IncomingMessage): Outgoing | undefined {
    const port = (this.server?.address() as AddressInfo | null)?.port;
    const host = String(req.headers.host ?? '').toLowerCase();
    if (host !== `${PROXY_HOST}:${port}` && host !== `localhost:${port}`) return jsonAnswer(403, rpcError(null, ProxyErrorCodes.refused, 'Wrong Host.'));
    const origin = req.headers.origin;
    if (origin !== undefined && !/^(?:https?:\/\/(?:127\.0\.0\.1|localhost)(?::\d+)?|vscode-file:\/\/vscode-app)$/.test(origin)) {
      return jsonAnswer(403, rpcError(null, ProxyErrorCodes.refused, 'Origin not allowed.'));
    }
    const given = Buffer.from(String(req.headers[SECRET_HEADER] ?? ''));
    const expected = Buffer.from(this.secret);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return jsonAnswer(403, rpcError(null, ProxyErrorCodes.refused, 'Missing or wrong local key: this endpoint only answers the MCP server definition the Vendaze extension resolved in this window.'));
    }
    return undefined;
  }
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function drain(req: IncomingMessage): Promise<void> {
  for await (const _ of req) void _;
}

async function write(res: ServerResponse, out: Outgoing): Promise<void> {
  if (res.headersSent || res.destroyed) return;
  const headers = { 'cache-control': 'no-store', ...out.headers };
  if (typeof out.body === 'string') {
    res.writeHead(out.status, { ...headers, 'content-length': String(Buffer.byteLength(out.body)) });
    res.end(out.body);
    return;
  }
  res.writeHead(out.status, headers);
  for await (const chunk of out.body) {
    if (res.destroyed) break;
    res.write(chunk);
  }
  res.end();
}
