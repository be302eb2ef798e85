import type { NetworkSettings } from './http';

/**
 * What to tell a person when a request never got an HTTP answer: one message per cause (refused, unknown host,
 * untrusted or expired certificate, proxy wants credentials, proxy down), each naming the setting that fixes it
 * where that setting lives: VS Code's http.* settings in the extension, environment variables in the CLI.
 */

export interface NetworkFailure {
  /** What happened, in words, with the error code (e.g. "certificate not trusted (SELF_SIGNED_CERT_IN_CHAIN)"). */
  detail: string;
  /** What to do about it. */
  advice: string;
  code?: string;
  /** True when nothing of the request can have reached the API (refused, DNS, TLS, proxy tunnel refused). */
  notSent: boolean;
}

export interface FailureContext {
  /** host[:port] of the API. */
  host: string;
  /** The proxy this request went through, credentials removed; undefined for a direct connection or unknown. */
  proxy?: string;
  settings: NetworkSettings;
}

const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_CHAIN_TOO_LONG',
]);
const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);
const UNREACHABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

const FIX = {
  vscode: {
    proxy: 'Check the http.proxy setting (empty means your system proxy settings), and http.noProxy for hosts that must not use it.',
    proxyAuth:
      'Give the proxy your credentials: VS Code asks for them when the proxy requests them, or put them in http.proxy (http://user:password@proxy:port).',
    ca: "If a company proxy or firewall inspects TLS, install its root certificate in the operating system's certificate store and keep http.systemCertificates on (the default). Setting http.proxyStrictSSL to false also gets past it, but turns off this protection.",
    direct: 'Check vendaze.apiBaseUrl and your network (is the sandbox running?); behind a company proxy, set http.proxy.',
  },
  env: {
    proxy: 'Check HTTPS_PROXY / HTTP_PROXY, and NO_PROXY for hosts that must not use it.',
    proxyAuth: 'Put the credentials in the proxy URL: HTTPS_PROXY=http://user:password@proxy:port.',
    ca: 'If a company proxy or firewall inspects TLS, set NODE_EXTRA_CA_CERTS to a PEM file holding its root certificate.',
    direct: 'Check the API URL and your network (is the sandbox running?); behind a company proxy, set HTTPS_PROXY.',
  },
} as const;

export function describeNetworkFailure(error: unknown, context: FailureContext): NetworkFailure | undefined {
  const fix = FIX[context.settings];
  const code = errorCode(error);
  const via = context.proxy ? ` (through the proxy ${context.proxy})` : '';
  const tunnel = proxyStatus(error);
  if (tunnel !== undefined) {
    if (tunnel === 407) {
      return { code, notSent: true, detail: `the proxy${context.proxy ? ` ${context.proxy}` : ''} requires authentication (HTTP 407)`, advice: fix.proxyAuth };
    }
    return {
      code,
      notSent: true,
      detail: `the proxy${context.proxy ? ` ${context.proxy}` : ''} refused to connect to ${context.host} (HTTP ${tunnel})`,
      advice: `${fix.proxy} Your network administrator may need to allow ${context.host}.`,
    };
  }
  if (!code) return undefined;
  if (UNTRUSTED.has(code)) {
    return { code, notSent: true, detail: `its TLS certificate is not trusted (${code})${via}`, advice: fix.ca };
  }
  if (EXPIRED.has(code)) {
    return {
      code,
      notSent: true,
      detail: `its TLS certificate is expired or not yet valid (${code})${via}`,
      advice: `Check this computer's date and time. ${fix.ca}`,
    };
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return {
      code,
      notSent: true,
      detail: `its TLS certificate is for another host name (${code})${via}`,
      advice: `Check the host name in ${context.settings === 'vscode' ? 'vendaze.apiBaseUrl' : 'the API URL'}. ${fix.ca}`,
    };
  }
  if (context.proxy && (UNREACHABLE.has(code) || DNS.has(code))) {
    return { code, notSent: true, detail: `the proxy ${context.proxy} is not reachable (${code})`, advice: fix.proxy };
  }
  if (UNREACHABLE.has(code)) {
    return { code, notSent: true, detail: `nothing accepts connections there (${code})`, advice: fix.direct };
  }
  if (DNS.has(code)) {
    return { code, notSent: true, detail: `the host name could not be resolved (${code})`, advice: fix.direct };
  }
  return undefined;
}

/** The first string `code` along the `cause` chain (fetch wraps the socket error in a TypeError). */
export function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_ABORTED') return code;
  }
  return undefined;
}

/** The status a proxy answered a CONNECT with ("Proxy response (407) !== 200 when HTTP Tunneling", undici). */
function proxyStatus(error: unknown): number | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const message = (e as { message?: unknown }).message;
    if (typeof message !== 'string') continue;
    const match = /^Proxy response \((\d{3})\)|Proxy Authentication Required \((407)\)/.exec(message.slice(0, 200));
    if (match) return Number(match[1] ?? match[2]);
  }
  return undefined;
}
