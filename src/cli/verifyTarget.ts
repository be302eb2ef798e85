/**
 * Where `vendaze-scan --verify` may send values, and how: the command line (--api-base-url) or the CI environment
 * (VENDAZE_API_BASE_URL) names the API, else https://api.vendaze.com. Nothing the scanned repository holds is
 * read for it (a planted config could otherwise collect every secret CI finds). HTTPS only, except loopback (the
 * local sandbox). The transport (src/verify/nodeFetch.ts) honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY; NODE_EXTRA_CA_CERTS is applied by
 * Node itself to every TLS connection.
 */
import { isLoopbackHost } from '../api/baseUrl';
import { nodeVerifyFetch } from '../verify/nodeFetch';
import type { VerifyTarget } from '../verify/online';

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

/** node:https with the proxy environment (src/verify/nodeFetch.ts): no HTTP library in the CLI bundle. */
export function verifyTarget(baseUrl: string, env: NodeJS.ProcessEnv): VerifyTarget {
  return { baseUrl, fetch: nodeVerifyFetch(env) };
}
