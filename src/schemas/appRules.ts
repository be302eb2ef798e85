/** Zod-free rules of app.ts (limits, redirect URI and avatar checks): usable without loading zod (docs/startup.md). */

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
export function redirectUriProblem(uri: string): string | undefined {
  if (uri.length === 0) return 'Redirect URI must not be empty.';
  if (/\s/.test(uri)) return `Redirect URI "${uri}" must not contain spaces.`;
  if (uri.includes('*')) return `Redirect URI "${uri}" contains a wildcard (*): register each exact URI instead.`;
  if (/[{}]/.test(uri)) return `Redirect URI "${uri}" looks like a pattern ({...}): register each exact URI instead.`;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return `Redirect URI "${uri}" is not an absolute URL (expected e.g. https://yourapp.com/oauth/callback).`;
  }
  if (uri.includes('#')) return `Redirect URI "${uri}" must not contain a fragment (#...).`;
  if (url.protocol === 'http:') {
    // Checked on the raw text: matching is exact, so "http://LOCALHOST" or "http:/localhost" are different strings.
    if (!HTTP_REDIRECT_HOSTS.includes(url.hostname) || !/^http:\/\/(?:localhost|127\.0\.0\.1)(?::\d+)?(?:[/?]|$)/.test(uri)) {
      return `Redirect URI "${uri}" uses http: only https is allowed, except http://localhost and http://127.0.0.1.`;
    }
  } else if (url.protocol !== 'https:') {
    return `Redirect URI "${uri}" must use https (or http only for localhost / 127.0.0.1), not ${url.protocol.replace(/:$/, '')}.`;
  }
  if (!url.hostname) return `Redirect URI "${uri}" has no host.`;
  // On the raw text, not the parsed URL: the parser "repairs" https:///x into host "x", but matching is exact.
  if (!uri.startsWith(`${url.protocol}//`) || /^[a-z]+:\/\/[/?#]/.test(uri)) {
    return `Redirect URI "${uri}" must be written exactly as ${url.protocol}//host/path (lowercase scheme, two slashes).`;
  }
  return undefined;
}

export const AVATAR_URL_PATTERN = '^https://[^\\s#?]+\\.[wW][eE][bB][pP](?:\\?[^\\s#]*)?$';

/** Why `url` cannot be an avatar_url ([P]: public HTTPS URL of a WebP image), or undefined. */
export function avatarUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `avatar_url "${url}" is not an absolute URL.`;
  }
  if (parsed.protocol !== 'https:') return `avatar_url must be a public https URL, not ${parsed.protocol.replace(/:$/, '')}.`;
  if (parsed.hash) return 'avatar_url must not contain a fragment (#...).';
  if (!/\.webp$/i.test(parsed.pathname)) return 'avatar_url must point to a WebP image (a path ending in .webp), at most 400x400 px.';
  return undefined;
}
