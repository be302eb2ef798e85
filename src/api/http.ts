import type { HeaderBag } from './headers';

/**
 * The fetch-shaped door the transport sends through. The transport keeps every policy (base URL vetting,
 * timeouts, retries, the body cap below); an HttpLayer only decides HOW bytes reach the server:
 *  - inside VS Code, the extension host's global `fetch`, which VS Code patches for http.proxy, http.noProxy, PAC,
 *    proxy authentication and the OS certificate store (src/net/hostHttp.ts);
 *  - in our own processes (CLI, tests), undici's fetch with HTTPS_PROXY / NO_PROXY and NODE_EXTRA_CA_CERTS
 *    (src/net/nodeHttp.ts).
 * Keeping undici out of this file keeps it out of the extension bundle.
 */

/** The subset of WHATWG fetch the transport uses; `globalThis.fetch` and undici's `fetch` both fit. */
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponse>;

export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  /** API calls never follow redirects: a 307 would resend client secrets to wherever it points. */
  redirect: 'manual';
}

export interface FetchResponse {
  status: number;
  headers: { forEach(callback: (value: string, name: string) => void): void; get(name: string): string | null };
  body: ReadableStream<Uint8Array> | null;
}

/** Whose settings fix a network problem: VS Code's (http.proxy…) or the environment's (HTTPS_PROXY…). */
export type NetworkSettings = 'vscode' | 'env';

export interface HttpLayer {
  fetch: FetchLike;
  settings: NetworkSettings;
  /** The proxy a request to `url` goes through, when known (named in error messages, never sent anywhere). */
  proxyFor(url: URL): string | undefined;
}

/** Plain global fetch (Node's built-in; patched by VS Code inside the extension host). */
export function globalHttp(): HttpLayer {
  return { fetch: (url, init) => fetch(url, init), settings: 'env', proxyFor: () => undefined };
}

/** 1 MiB: the largest documented answer (a page of 100 people) is far below it. */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

/** Thrown by readCappedBody; the transport turns it into an 'invalid_response' error with the status it saw. */
export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLargeError';
  constructor(
    readonly limit: number,
    readonly declared?: number,
  ) {
    super(
      declared !== undefined
        ? `the response declares ${declared} bytes (Content-Length), over the ${limit}-byte limit: refused before reading`
        : `the response body exceeded the ${limit}-byte limit: stopped reading`,
    );
  }
}

/**
 * Reads a body as UTF-8 text, at most `limit` bytes. A Content-Length over the limit is refused before a byte is
 * read; a body without one (chunked, or a server that streams forever) is cancelled as soon as it passes the
 * limit, so memory never grows past it. On refusal `abort` is called too, to drop the connection at once.
 */
export async function readCappedBody(response: FetchResponse, limit: number, abort: () => void): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    abort();
    await response.body?.cancel().catch(() => undefined);
    throw new ResponseTooLargeError(limit, declared);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      abort();
      await reader.cancel().catch(() => undefined);
      throw new ResponseTooLargeError(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/** Response headers as the plain bag the header parsers read (names lower-cased by fetch already). */
export function headerBag(response: FetchResponse): HeaderBag {
  const bag: HeaderBag = {};
  response.headers.forEach((value, name) => {
    bag[name] = value;
  });
  return bag;
}
