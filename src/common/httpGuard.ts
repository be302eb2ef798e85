/**
 * Checks shared by our two local HTTP listeners (the sandbox and the sign-in loopback listener), which both bind
 * 127.0.0.1 and both hold things worth stealing (codes, tokens, the consent screen). No vscode import.
 *
 * Rules:
 *  - A request target that does not parse (`GET http://[ HTTP/1.1`) is answered 400; it must never throw.
 *  - DNS rebinding: a web page can point its own host name at 127.0.0.1 and then talk to us with its cookies'
 *    origin. The browser still sends that name in `Host`, so only loopback names, plus the host names VS Code's
 *    `asExternalUri` gave for this window (code-server, Codespaces), are served. Only the host NAME is compared:
 *    proxies and port forwarding change the port.
 *  - A state-changing form POST (the consent answer) is refused when its `Origin` is foreign: neither the same
 *    authority as `Host` nor an allowed host name. No `Origin` (a non-browser client) is accepted; `null` is not.
 */

/** `Host` syntax: a reg-name or IPv4 address, or a bracketed IPv6 literal, then an optional port. */
const HOST_HEADER = /^(\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9._-]{1,253})(?::(\d{1,5}))?$/;

/** 127.0.0.0/8, ::1 and `localhost`: the names that can only ever mean this machine. */
export function isLoopbackHostName(name: string): boolean {
  const host = normalise(name);
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  const ipv4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return ipv4 !== null && ipv4.slice(1).every((octet) => Number(octet) <= 255);
}

/** The host name of a `Host` header value (lower case, no port, no trailing dot); undefined when malformed. */
export function hostNameOfHeader(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const match = HOST_HEADER.exec(value.trim());
  return match ? normalise(match[1]!) : undefined;
}

/**
 * Host names out of a list of URLs (`https://x.example/proxy/1/`), authorities (`x.example:8080`) or bare names,
 * as extra names to serve besides loopback. Entries that parse as nothing are dropped.
 */
export function allowedHostNames(entries: readonly (string | undefined)[] = []): Set<string> {
  const names = new Set<string>();
  for (const entry of entries) {
    if (!entry) continue;
    const name = /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) ? urlHostName(entry) : hostNameOfHeader(entry);
    if (name) names.add(name);
  }
  return names;
}

/** True when `Host` names this machine or one of `allowed`; a missing or malformed header is refused. */
export function hostAllowed(hostHeader: string | undefined, allowed: ReadonlySet<string>): boolean {
  const name = hostNameOfHeader(hostHeader);
  return name !== undefined && (isLoopbackHostName(name) || allowed.has(name));
}

/** True unless `Origin` is present and foreign (see the rules above). */
export function originAllowed(origin: string | undefined, hostHeader: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // includes the opaque origin "null"
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (hostHeader !== undefined && url.host.toLowerCase() === hostHeader.trim().toLowerCase()) return true;
  const name = normalise(url.hostname);
  return isLoopbackHostName(name) || allowed.has(name);
}

/** The request target as a URL (only its path and query are meant to be used), or undefined when it does not parse. */
export function parseRequestTarget(target: string | undefined, base = 'http://127.0.0.1'): URL | undefined {
  try {
    return new URL(target ?? '/', base);
  } catch {
    return undefined;
  }
}

/** Why a request is refused before any handler sees it, or undefined when it may go on. */
export function refusal(
  request: { url?: string; headers: { host?: string } },
  allowed: ReadonlySet<string>,
): { status: 400 | 421; message: string } | undefined {
  if (!parseRequestTarget(request.url)) return { status: 400, message: 'Malformed request target.' };
  if (!hostAllowed(request.headers.host, allowed)) {
    // 421 Misdirected Request: this server does not answer for that name (DNS rebinding, or a wrong proxy setup).
    return { status: 421, message: 'This local server only answers requests addressed to 127.0.0.1 or localhost.' };
  }
  return undefined;
}

function urlHostName(url: string): string | undefined {
  try {
    const name = new URL(url).hostname;
    return name ? normalise(name) : undefined;
  } catch {
    return undefined;
  }
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}
