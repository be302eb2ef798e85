import { english, l10n as display, type Words } from '../common/l10n';
import type { SecretRedactor } from '../common/redact';
import { isLoopbackHost } from './baseUrl';
import { VendazeApiError } from './errors';

/**
 * Which hosts may receive a secret (client_secret, code, verifier, tokens) without asking. Vendaze's own API and
 * this machine (the sandbox) only: a repository's settings, an app pinned to a look-alike URL or a typo would
 * otherwise hand the credentials to someone else. Every other host is shown to the user once, and their answer is
 * remembered per host (see ../trust/secretHostConsent.ts). No vscode import: the transport calls checkSecretHost.
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

/** Resolves when the request may go; throws a 'config' error naming the host when the user said no. */
export async function checkSecretHost(
  confirm: ConfirmSecretHost | undefined,
  baseUrl: string,
  request: { method: string; path: string; bearer?: string; secrets?: ReadonlyArray<string | undefined> },
  redactor: SecretRedactor,
): Promise<void> {
  const host = confirm && carriesSecret(request) ? hostNeedingConsent(baseUrl) : undefined;
  if (!host || (await confirm!(host))) return;
  const words = (l10n: Words) =>
    l10n.t('Nothing was sent: you did not allow sending Vendaze secrets to {0}. If that is not your Vendaze API, set vendaze.apiBaseUrl to https://api.vendaze.com (or remove the app that points there).', host);
  throw new VendazeApiError({
    kind: 'config',
    message: words(english),
    userDetail: words(display),
    method: request.method,
    path: request.path,
    host,
    redactor,
  });
}
