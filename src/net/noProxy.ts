/**
 * NO_PROXY / http.noProxy matching, the common convention (curl, undici, VS Code): `*` matches everything; an
 * entry matches its host name and every subdomain (a leading `.` or `*.` is ignored); `host:port` matches that
 * port only. Used to NAME the proxy a request went through in error messages; the dispatching itself is done
 * by undici (CLI) or VS Code (extension), whose matchers follow the same convention.
 */
export function bypassesProxy(url: URL, noProxy: string | readonly string[]): boolean {
  const entries = (typeof noProxy === 'string' ? noProxy.split(/[\s,]+/) : noProxy).map((e) => e.trim().toLowerCase()).filter(Boolean);
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return entries.some((entry) => {
    if (entry === '*') return true;
    const match = /^(.*?)(?::(\d+))?$/.exec(entry.replace(/^\[(.*)\]/, '$1'));
    const name = (match?.[1] ?? '').replace(/^\*?\./, '');
    if (match?.[2] && match[2] !== port) return false;
    return host === name || host.endsWith(`.${name}`);
  });
}

/** A proxy URL without its credentials, fit for a message or a log line. */
export function displayProxy(proxy: string): string {
  try {
    const url = new URL(proxy.includes('://') ? proxy : `http://${proxy}`);
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return '(an unparsable proxy setting)';
  }
}

/** Loopback never goes through a proxy (as in VS Code and most NO_PROXY conventions): a proxy cannot reach it. */
const LOOPBACK_NO_PROXY = ['localhost', '127.0.0.1', '::1'];

/** The proxy environment, as HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case) would set it. */
export interface ProxyEnv {
  httpsProxy?: string;
  httpProxy?: string;
  noProxy?: string;
}

/** Reads the proxy variables; the lower-case one wins, as curl does. */
export function proxyEnv(env: NodeJS.ProcessEnv = process.env): ProxyEnv {
  const read = (name: string) => env[name.toLowerCase()] ?? env[name.toUpperCase()];
  return { httpsProxy: read('https_proxy'), httpProxy: read('http_proxy'), noProxy: read('no_proxy') };
}

/** The NO_PROXY list actually applied: the user's entries plus loopback. */
export function effectiveNoProxy(noProxy: string | undefined): string {
  const entries = (noProxy ?? '').split(/[\s,]+/).filter(Boolean);
  return [...entries, ...LOOPBACK_NO_PROXY.filter((host) => !entries.includes(host))].join(',');
}
