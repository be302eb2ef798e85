import { trimTrailing } from '../common/displayText';
import { english, l10n as display, type Words } from '../common/l10n';
/**
 * Which API base URLs the extension will talk to. Secrets (client_secret, tokens) travel on every OAuth call,
 * so plain http is allowed only when the host is this machine (the local sandbox); anything else must be https.
 */

export const DEFAULT_API_BASE_URL = 'https://api.vendaze.com';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase()) || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

/** `message` in English (the log, the API error's detail), `userMessage` in the display language (what the person reads). */
export type BaseUrlResult = { ok: true; url: URL } | { ok: false; message: string; userMessage: string };

/** Parses and vets a configured base URL; the message says how to fix a rejected one. */
export function parseBaseUrl(raw: string | undefined): BaseUrlResult {
  const text = (raw ?? '').trim() || DEFAULT_API_BASE_URL;
  const refuse = (words: (l10n: Words) => string): BaseUrlResult => ({ ok: false, message: words(english), userMessage: words(display) });
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse((l10n) => l10n.t('"{0}" is not a valid URL. Set vendaze.apiBaseUrl to e.g. {1}.', text, DEFAULT_API_BASE_URL));
  }
  if (url.username || url.password) {
    return refuse((l10n) => l10n.t('vendaze.apiBaseUrl must not contain credentials.'));
  }
  if (url.search || url.hash) {
    return refuse((l10n) => l10n.t('vendaze.apiBaseUrl must not contain a query string or fragment.'));
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    const host = url.host;
    return refuse((l10n) =>
      l10n.t('Refusing plain http to {0}: client secrets and tokens would cross the network unencrypted. Use https, or http only for 127.0.0.1/localhost (the local sandbox).', host),
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    const protocol = url.protocol;
    return refuse((l10n) => l10n.t('vendaze.apiBaseUrl must be an https URL, not {0}', protocol));
  }
  // Normalise: no trailing slash, so `${base}/v1/me` is always well formed.
  url.pathname = trimTrailing(url.pathname, '/');
  return { ok: true, url };
}
