import { isLoopbackHost } from './baseUrl';

/**
 * Which hosts may receive a secret (client_secret, code, verifier, tokens) without asking. Vendaze's own API and
 * this machine (the sandbox) only: a repository's settings, an app pinned to a look-alike URL or a typo would
 * otherwise hand the credentials to someone else. Every other host is shown to the user once, and their answer is
 * remembered per host (see ../trust/secretHostConsent.ts). Pure.
 */

export const TRUSTED_API_HOSTS: ReadonlySet<string> = new Set(['api.vendaze.com']);

/** Asked before a secret-bearing request leaves for `host` (host[:port]); false = do not send. */
export type ConfirmSecretHost = (host: string) => Promise<boolean>;

/** The host name to ask about for this base URL, or undefined when no question is needed. */
export function hostNeedingConsent(baseUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return undefined; // the transport refuses it as a config error before anything is sent
  }
  const name = url.hostname.toLowerCase().replace(/\.$/, '');
  if (isLoopbackHost(name)) return undefined;
  if (TRUSTED_API_HOSTS.has(name) && url.protocol === 'https:' && (url.port === '' || url.port === '443')) return undefined;
  return url.host.toLowerCase();
}

/** Does this request carry a secret (a bearer token, or any value the caller marked secret)? */
export function carriesSecret(request: { bearer?: string; secrets?: ReadonlyArray<string | undefined> }): boolean {
  return !!request.bearer || (request.secrets ?? []).some((value) => !!value);
}
