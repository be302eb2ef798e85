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
