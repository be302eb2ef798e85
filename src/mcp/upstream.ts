import type { HttpLayer } from '../api/http';
import { describeNetworkFailure } from '../api/networkErrors';

/**
 * One HTTP exchange with Vendaze's `/mcp`, through the HttpLayer the composition root hands over: in VS Code the
 * host's fetch, so the MCP traffic follows http.proxy, PAC files, proxy authentication and the OS certificates
 * exactly as the API calls do (src/net/hostHttp.ts); in our own processes and tests, undici with HTTPS_PROXY /
 * NODE_EXTRA_CA_CERTS (src/net/nodeHttp.ts). Timeouts are ours: 120 s for the answer's headers, then 300 s of
 * silence in a body (none for a GET, which is the server's event stream and may stay quiet for long).
 */

export interface UpstreamSession {
  accessToken: string;
  apiBaseUrl: string;
}

export interface UpstreamRequest {
  method: string;
  headers: Record<string, string | undefined>;
  body: string;
  signal?: AbortSignal;
}

export type UpstreamBody = AsyncIterable<Uint8Array> & { text(): Promise<string>; dump(): Promise<void> };

export type Sent =
  | { kind: 'response'; status: number; headers: Record<string, string>; wwwAuthenticate?: string; body: UpstreamBody }
  | { kind: 'failed'; cause: string };

const FORWARDED_REQUEST_HEADERS = ['content-type', 'accept', 'mcp-protocol-version', 'mcp-session-id', 'last-event-id'];
const RETURNED_HEADERS = ['content-type', 'mcp-session-id', 'x-request-id', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'retry-after'];
const HEADERS_TIMEOUT_MS = 120_000;
const BODY_IDLE_MS = 300_000;

export async function sendUpstream(http: HttpLayer, session: UpstreamSession, incoming: UpstreamRequest, timeouts = { headersMs: HEADERS_TIMEOUT_MS, bodyIdleMs: BODY_IDLE_MS }): Promise<Sent> {
  const url = `${session.apiBaseUrl.replace(/\/+$/, '')}/mcp`;
  const headers: Record<string, string> = { authorization: `Bearer ${session.accessToken}` };
  for (const name of FORWARDED_REQUEST_HEADERS) if (incoming.headers[name] !== undefined) headers[name] = incoming.headers[name]!;
  // One controller for the whole exchange: the MCP client going away, or either timeout, ends it.
  const abort = new AbortController();
  const stop = () => abort.abort();
  if (incoming.signal?.aborted) stop();
  incoming.signal?.addEventListener('abort', stop, { once: true });
  const release = () => incoming.signal?.removeEventListener('abort', stop);
  let timedOut = false;
  const headersTimer = setTimeout(() => {
    timedOut = true;
    stop();
  }, timeouts.headersMs);
  try {
    // Never follow a redirect: it would carry the access token to wherever it points.
    const res = await http.fetch(url, { method: incoming.method, headers, body: incoming.method === 'POST' ? incoming.body : undefined, signal: abort.signal, redirect: 'manual' });
    clearTimeout(headersTimer);
    const out: Record<string, string> = {};
    for (const name of RETURNED_HEADERS) {
      const value = res.headers.get(name);
      if (value !== null) out[name] = value;
    }
    // Read for the missing scope, never returned: it would point the editor's MCP client at Vendaze's OAuth.
    const www = res.headers.get('www-authenticate') ?? undefined;
    const idleMs = incoming.method === 'GET' ? 0 : timeouts.bodyIdleMs;
    return { kind: 'response', status: res.status, headers: out, wwwAuthenticate: www, body: streamBody(res.body, idleMs, stop, release) };
  } catch (error) {
    clearTimeout(headersTimer);
    release();
    if (timedOut) return { kind: 'failed', cause: `no answer within ${timeouts.headersMs / 1000} s` };
    return { kind: 'failed', cause: failureText(error, http, url) };
  }
}

/** Why nothing came back, in the words the API client uses (proxy, certificate, DNS...), naming what to change. */
function failureText(error: unknown, http: HttpLayer, url: string): string {
  const target = new URL(url);
  const failure = describeNetworkFailure(error, { host: target.host, proxy: http.proxyFor(target), settings: http.settings });
  if (failure) return `could not reach ${target.host}: ${failure.detail}. ${failure.advice}`;
  const cause = (error as { cause?: { message?: string } }).cause?.message;
  return `the connection failed: ${(error as Error).message ?? String(error)}${cause ? ` (${cause})` : ''}`;
}

/** A fetch body as the forwarder reads it: streamed chunk by chunk, or whole, or dropped; idle for `idleMs` ends it. */
function streamBody(stream: ReadableStream<Uint8Array> | null, idleMs: number, stop: () => void, release: () => void): UpstreamBody {
  const reader = stream?.getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    if (idleMs > 0) timer = setTimeout(stop, idleMs);
  };
  const done = async () => {
    clearTimeout(timer);
    release();
    await reader?.cancel().catch(() => undefined);
  };
  async function* chunks(): AsyncGenerator<Uint8Array> {
    if (!reader) return void (await done());
    try {
      for (;;) {
        arm();
        const next = await reader.read();
        clearTimeout(timer);
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await done();
    }
  }
  const body = chunks();
  return {
    [Symbol.asyncIterator]: () => body,
    async text() {
      const parts: Uint8Array[] = [];
      for await (const chunk of body) parts.push(chunk);
      return Buffer.concat(parts).toString('utf8');
    },
    dump: async () => {
      await body.return(undefined);
      await done();
    },
  };
}
