import { rootCertificates } from 'node:tls';
import type { LookupFunction } from 'node:net';
import { EnvHttpProxyAgent, type Dispatcher } from 'undici';

/**
 * The undici dispatcher for processes that are ours (the CLI, the sandbox's own calls, tests): outside VS Code
 * nothing patches the network, so proxies come from the conventional environment variables and extra company
 * CAs from NODE_EXTRA_CA_CERTS (read by Node itself at start-up, so it applies without anything here).
 * Inside the extension host, use the host's global `fetch` instead: VS Code patches it for http.proxy and the OS
 * certificate store (see src/net/hostHttp.ts).
 */

/** The proxy environment, as HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case) would set it. */
export interface ProxyEnv {
  httpsProxy?: string;
  httpProxy?: string;
  noProxy?: string;
}

export interface NodeAgentOptions {
  /** Where to read HTTPS_PROXY, HTTP_PROXY, NO_PROXY (lower case wins, as curl does); process.env by default. */
  env?: NodeJS.ProcessEnv;
  /**
   * PEM certificates to trust on top of Node's bundled roots (a company CA read from a file or an OS store). Not
   * needed with NODE_EXTRA_CA_CERTS, which Node applies to every TLS connection by itself.
   */
  extraCaCerts?: readonly string[];
  /** Name resolution for direct connections; tests inject a hosts table so no real DNS is ever asked. */
  lookup?: LookupFunction;
}

/** Loopback never goes through a proxy (as in VS Code and most NO_PROXY conventions): a proxy cannot reach it. */
const LOOPBACK_NO_PROXY = ['localhost', '127.0.0.1', '::1'];

export function proxyEnv(env: NodeJS.ProcessEnv = process.env): ProxyEnv {
  const read = (name: string) => env[name.toLowerCase()] ?? env[name.toUpperCase()];
  return { httpsProxy: read('https_proxy'), httpProxy: read('http_proxy'), noProxy: read('no_proxy') };
}

/** The NO_PROXY list actually applied: the user's entries plus loopback. */
export function effectiveNoProxy(noProxy: string | undefined): string {
  const entries = (noProxy ?? '').split(/[\s,]+/).filter(Boolean);
  return [...entries, ...LOOPBACK_NO_PROXY.filter((host) => !entries.includes(host))].join(',');
}

/** An undici dispatcher that honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY (proxy credentials in the URL: Basic). */
export function createNodeAgent(options: NodeAgentOptions = {}): Dispatcher {
  const env = proxyEnv(options.env);
  // Passing `ca` replaces Node's roots, so the extra certificates are added to them, never instead of them.
  const tls = options.extraCaCerts?.length ? { ca: [...rootCertificates, ...options.extraCaCerts] } : {};
  const connect = { ...tls, ...(options.lookup ? { lookup: options.lookup } : {}) };
  return new EnvHttpProxyAgent({
    // '' (not undefined) when unset, so undici does not fall back to process.env behind an injected env.
    httpsProxy: env.httpsProxy ?? '',
    httpProxy: env.httpProxy ?? '',
    noProxy: effectiveNoProxy(env.noProxy),
    connect,
    // The TLS session to the API inside a CONNECT tunnel: same trust as a direct connection.
    requestTls: tls,
  });
}
