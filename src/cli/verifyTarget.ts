/**
 * Where `vendaze-scan --verify` may send values, and how: the command line (--api-base-url) or the CI environment
 * (VENDAZE_API_BASE_URL) names the API, else https://api.vendaze.com. Nothing the scanned repository holds is
 * read for it (a planted config could otherwise collect every secret CI finds). HTTPS only, except loopback (the
 * local sandbox). The transport honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY; NODE_EXTRA_CA_CERTS is applied by
 * Node itself to every TLS connection.
 */
import { isLoopbackHost } from '../api/baseUrl';
import type { VerifyFetch, VerifyTarget } from '../verify/online';

export const DEFAULT_API_BASE_URL = 'https://api.vendaze.com';

export function verifyBaseUrl(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const raw = flag ?? (env.VENDAZE_API_BASE_URL || DEFAULT_API_BASE_URL);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`--verify: "${raw}" is not a URL.`);
  }
  if (url.username || url.password) throw new Error('--verify: the API base URL must not carry credentials.');
  if (url.search || url.hash) throw new Error('--verify: the API base URL takes no query or fragment.');
  const loopback = isLoopbackHost(url.hostname.replace(/^\[|\]$/g, ''));
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new Error(`--verify: ${url.origin} is not HTTPS (plain HTTP only for this machine's sandbox).`);
  return url.toString().replace(/\/+$/, '');
}

/** undici's fetch through the proxy-aware agent (src/net/nodeAgent.ts), loaded only when --verify runs. */
export function verifyTarget(baseUrl: string, env: NodeJS.ProcessEnv): VerifyTarget {
  /* eslint-disable @typescript-eslint/no-require-imports -- the HTTP client is loaded only for --verify */
  const { fetch } = require('undici') as typeof import('undici');
  const { createNodeAgent } = require('../net/nodeAgent') as typeof import('../net/nodeAgent');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const dispatcher = createNodeAgent({ env });
  const doFetch: VerifyFetch = async (url, init) => {
    const response = await fetch(url, { ...init, dispatcher, redirect: 'manual' });
    return { status: response.status, text: () => response.text() };
  };
  return { baseUrl, fetch: doFetch };
}
