import type { LookupFunction } from 'node:net';
import { rootCertificates } from 'node:tls';
import { EnvHttpProxyAgent, type Dispatcher } from 'undici';
import { effectiveNoProxy, proxyEnv } from './noProxy';

export { effectiveNoProxy, proxyEnv, type ProxyEnv } from './noProxy';

/**
 * The undici dispatcher for processes that are ours (the CLI, tests): outside VS Code nothing patches the
 * network, so proxies come from the conventional environment variables and extra company CAs from
 * NODE_EXTRA_CA_CERTS (read by Node itself at start-up, so it applies without anything here).
 * Inside the extension host, use the host's global `fetch` instead: VS Code patches it for http.proxy and the OS
 * certificate store (see src/net/hostHttp.ts).
 */

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

/** An undici dispatcher that honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY (proxy credentials in the URL: Basic). */
export function createNodeAgent(options: NodeAgentOptions = {}): Dispatcher {
  const env = proxyEnv(options.env);
  // Passing `ca` replaces Node's roots, so the extra certificates are added to them, never instead of them.
  const tls = options.extraCaCerts?.length ? { ca: [...rootCertificates, ...options.extraCaCerts] } : {};
  return new EnvHttpProxyAgent({
    // '' (not undefined) when unset, so undici does not fall back to process.env behind an injected env.
    httpsProxy: env.httpsProxy ?? '',
    httpProxy: env.httpProxy ?? '',
    noProxy: effectiveNoProxy(env.noProxy),
    connect: { ...tls, ...(options.lookup ? { lookup: options.lookup } : {}) },
    // The TLS session to the API inside a CONNECT tunnel: same trust as a direct connection.
    requestTls: tls,
  });
}
