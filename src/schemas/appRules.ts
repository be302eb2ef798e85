/** Zod-free rules of app.ts (limits, redirect URI and avatar checks): usable without loading zod (docs/startup.md). */
import { formatMessage } from '../common/l10n';

/**
 * The words of a rule: English by default, because the schemas (and so the sandbox's 422s, which speak Vendaze's
 * English API) use them; the payload editor passes the display-language translator (`l10n` from src/common/l10n.ts).
 * The parameter is named `l10n` so each literal stays an `l10n.t('…')` the localization test checks.
 */
export type RuleWords = { t(message: string, ...args: string[]): string };
const english: RuleWords = { t: (message, ...args) => formatMessage(message, args) };

export const APP_NAME_MAX = 100;
export const DESCRIPTION_MAX = 500;

/** Loopback hosts for which plain http redirect URIs are allowed (register-app guide). */
export const HTTP_REDIRECT_HOSTS: readonly string[] = ['localhost', '127.0.0.1'];

/**
 * JSON-Schema pattern for a redirect URI: https://host..., or http://localhost / http://127.0.0.1 with any
 * port and path; no `*`, no `#`, no whitespace, no `{...}` templates. The refinement below gives the precise message.
 * Unambiguous on purpose: the path part starts at the `/` or `?` that ends the host, so no character can belong
 * to two repetitions (the previous `host+ rest*` form backtracked quadratically on a long host ending in `#`).
 */
export const REDIRECT_URI_PATTERN =
  '^(?:https://[^/?#\\s*{}]+|http://(?:localhost|127\\.0\\.0\\.1)(?::[0-9]{1,5})?)(?:[/?][^#\\s*{}]*)?$';

/**
 * Why `uri` cannot be a registered redirect URI, or undefined when it can. Exported so other layers
 * (the API client, diagnostics) reuse the exact same rule and words.
 */
export function redirectUriProblem(uri: string, l10n: RuleWords = english): string | undefined {
  if (uri.length === 0) return l10n.t('Redirect URI must not be empty.');
  if (/\s/.test(uri)) return l10n.t('Redirect URI "{0}" must not contain spaces.', uri);
  if (uri.includes('*')) return l10n.t('Redirect URI "{0}" contains a wildcard (*): register each exact URI instead.', uri);
  if (/[{}]/.test(uri)) return l10n.t('Redirect URI "{0}" looks like a pattern ({...}): register each exact URI instead.', uri);
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return l10n.t('Redirect URI "{0}" is not an absolute URL (expected e.g. https://yourapp.com/oauth/callback).', uri);
  }
  if (uri.includes('#')) return l10n.t('Redirect URI "{0}" must not contain a fragment (#...).', uri);
  if (url.protocol === 'http:') {
    // Checked on the raw text: matching is exact, so "http://LOCALHOST" or "http:/localhost" are different strings.
    if (!HTTP_REDIRECT_HOSTS.includes(url.hostname) || !/^http:\/\/(?:localhost|127\.0\.0\.1)(?::\d+)?(?:[/?]|$)/.test(uri)) {
      return l10n.t('Redirect URI "{0}" uses http: only https is allowed, except http://localhost and http://127.0.0.1.', uri);
    }
  } else if (url.protocol !== 'https:') {
    return l10n.t('Redirect URI "{0}" must use https (or http only for localhost / 127.0.0.1), not {1}.', uri, url.protocol.replace(/:$/, ''));
  }
  if (!url.hostname) return l10n.t('Redirect URI "{0}" has no host.', uri);
  // On the raw text, not the parsed URL: the parser "repairs" https:///x into host "x", but matching is exact.
  if (!uri.startsWith(`${url.protocol}//`) || /^[a-z]+:\/\/[/?#]/.test(uri)) {
    return l10n.t('Redirect URI "{0}" must be written exactly as {1}//host/path (lowercase scheme, two slashes).', uri, url.protocol);
  }
  return undefined;
}

export const AVATAR_URL_PATTERN = '^https://[^\\s#?]+\\.[wW][eE][bB][pP](?:\\?[^\\s#]*)?$';

/** Why `url` cannot be an avatar_url ([P]: public HTTPS URL of a WebP image), or undefined. */
export function avatarUrlProblem(url: string, l10n: RuleWords = english): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return l10n.t('avatar_url "{0}" is not an absolute URL.', url);
  }
  if (parsed.protocol !== 'https:') return l10n.t('avatar_url must be a public https URL, not {0}.', parsed.protocol.replace(/:$/, ''));
  if (parsed.hash) return l10n.t('avatar_url must not contain a fragment (#...).');
  if (!/\.webp$/i.test(parsed.pathname)) return l10n.t('avatar_url must point to a WebP image (a path ending in .webp), at most 400x400 px.');
  return undefined;
}
