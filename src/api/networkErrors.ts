import { formatMessage, l10n } from '../common/l10n';
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
  /** `detail` and `advice` in the display language, for the person (the English ones go to logs and the MCP proxy). */
  userDetail: string;
  userAdvice: string;
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

type Say = { t(message: string, ...args: Array<string | number>): string };
/** English whatever the display language: `detail` becomes error.message, which goes to the log (docs/localization.md). */
const english: Say = { t: (message, ...args) => formatMessage(message, args) };

/** The fix for each cause, where the setting lives: VS Code's http.* settings, or environment variables (CLI). */
function fixes(l10n: Say, settings: NetworkSettings) {
  return settings === 'vscode'
    ? {
        proxy: l10n.t('Check the http.proxy setting (empty means your system proxy settings), and http.noProxy for hosts that must not use it.'),
        proxyAuth: l10n.t(
          'Give the proxy your credentials: VS Code asks for them when the proxy requests them, or put them in http.proxy (http://user:password@proxy:port).',
        ),
        ca: l10n.t(
          "If a company proxy or firewall inspects TLS, install its root certificate in the operating system's certificate store and keep http.systemCertificates on (the default). Setting http.proxyStrictSSL to false also gets past it, but turns off this protection.",
        ),
        direct: l10n.t('Check vendaze.apiBaseUrl and your network (is the sandbox running?); behind a company proxy, set http.proxy.'),
        apiUrl: 'vendaze.apiBaseUrl',
      }
    : {
        proxy: l10n.t('Check HTTPS_PROXY / HTTP_PROXY, and NO_PROXY for hosts that must not use it.'),
        proxyAuth: l10n.t('Put the credentials in the proxy URL: HTTPS_PROXY=http://user:password@proxy:port.'),
        ca: l10n.t('If a company proxy or firewall inspects TLS, set NODE_EXTRA_CA_CERTS to a PEM file holding its root certificate.'),
        direct: l10n.t('Check the API URL and your network (is the sandbox running?); behind a company proxy, set HTTPS_PROXY.'),
        apiUrl: l10n.t('the API URL'),
      };
}

/**
 * `detail` and `advice` in English (logs, the MCP proxy's answers); `userDetail` and `userAdvice` in the display language
 * (what the person reads, VendazeApiError.userMessage). One builder for both: it takes the translator as a parameter named `l10n`, so each
 * literal is still an `l10n.t('…')` call the localization test checks against the pt-br bundle.
 */
export function describeNetworkFailure(error: unknown, context: FailureContext): NetworkFailure | undefined {
  const code = errorCode(error);
  const tunnel = proxyStatus(error);
  const found = explain(english, code, tunnel, context);
  if (!found) return undefined;
  const user = explain(l10n, code, tunnel, context)!;
  return { code, notSent: true, detail: found.detail, advice: found.advice, userDetail: user.detail, userAdvice: user.advice };
}

function explain(l10n: Say, code: string | undefined, tunnel: number | undefined, context: FailureContext): { detail: string; advice: string } | undefined {
  const fix = fixes(l10n, context.settings);
  const via = context.proxy ? ' ' + l10n.t('(through the proxy {0})', context.proxy) : '';
  if (tunnel !== undefined) {
    if (tunnel === 407) {
      const detail = context.proxy
        ? l10n.t('the proxy {0} requires authentication (HTTP 407)', context.proxy)
        : l10n.t('the proxy requires authentication (HTTP 407)');
      return { detail, advice: fix.proxyAuth };
    }
    return {
      detail: context.proxy
        ? l10n.t('the proxy {0} refused to connect to {1} (HTTP {2})', context.proxy, context.host, tunnel)
        : l10n.t('the proxy refused to connect to {0} (HTTP {1})', context.host, tunnel),
      advice: `${fix.proxy} ${l10n.t('Your network administrator may need to allow {0}.', context.host)}`,
    };
  }
  if (!code) return undefined;
  if (UNTRUSTED.has(code)) return { detail: l10n.t('its TLS certificate is not trusted ({0})', code) + via, advice: fix.ca };
  if (EXPIRED.has(code)) {
    return {
      detail: l10n.t('its TLS certificate is expired or not yet valid ({0})', code) + via,
      advice: `${l10n.t("Check this computer's date and time.")} ${fix.ca}`,
    };
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return {
      detail: l10n.t('its TLS certificate is for another host name ({0})', code) + via,
      advice: `${l10n.t('Check the host name in {0}.', fix.apiUrl)} ${fix.ca}`,
    };
  }
  if (context.proxy && (UNREACHABLE.has(code) || DNS.has(code))) {
    return { detail: l10n.t('the proxy {0} is not reachable ({1})', context.proxy, code), advice: fix.proxy };
  }
  if (UNREACHABLE.has(code)) return { detail: l10n.t('nothing accepts connections there ({0})', code), advice: fix.direct };
  if (DNS.has(code)) return { detail: l10n.t('the host name could not be resolved ({0})', code), advice: fix.direct };
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
