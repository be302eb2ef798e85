import { redirectUriProblem } from '../schemas/appRules';
import { trimTrailing } from '../common/displayText';
import { l10n as display, type Words } from '../common/l10n';

/**
 * Which redirect URI a sign-in uses. Vendaze accepts only https redirect URIs, or http on localhost/127.0.0.1,
 * that EXACTLY match a registered one; desktop VS Code's own `vscode://` URI is neither. The candidates:
 *  - uriHandler: `asExternalUri(<scheme>://vendaze.vendaze-vscode/auth-callback)`, an http(s) URL in code-server,
 *    Codespaces and vscode.dev (desktop returns the vscode:// URI unchanged, which is unusable);
 *  - loopback: a listener on 127.0.0.1:<vendaze.auth.loopbackPort>/callback (what the browser sees is its
 *    asExternalUri, e.g. code-server's /proxy/<port>/callback);
 *  - bounce: a user-hosted https page (vendaze.auth.redirectBounceUrl) that forwards to the URI handler.
 *
 * Pure: the glue computes the candidate strings, this picks one and explains a missing registration.
 */

export type RedirectStrategy = 'auto' | 'loopback' | 'uriHandler' | 'bounce';
export type RedirectKind = Exclude<RedirectStrategy, 'auto'>;

export const LOOPBACK_CALLBACK_PATH = '/callback';
export const DEFAULT_LOOPBACK_PORT = 53682;

export interface RedirectCandidates {
  /** asExternalUri of the extension's URI handler URI, as a string. */
  uriHandlerExternal?: string;
  /** Port the loopback listener binds on 127.0.0.1. */
  loopbackPort: number;
  /** asExternalUri of `http://127.0.0.1:<port>/callback`; the raw URL when absent. */
  loopbackExternal?: string;
  /** vendaze.auth.redirectBounceUrl, when set. */
  bounceUrl?: string;
}

export interface RedirectPlan {
  kind: RedirectKind;
  /** The exact string sent as redirect_uri (and required in the app's registered list). */
  redirectUri: string;
  /** For `loopback`: where to listen. */
  listen?: { host: '127.0.0.1'; port: number; path: string };
  /** How the callback reaches the extension. */
  via: 'loopback' | 'uriHandler';
}

export type PlanResult =
  | { ok: true; plan: RedirectPlan; warning?: string }
  | {
      ok: false;
      reason: 'not_registered' | 'unusable';
      /** The URI the user should register (not_registered), when there is one. */
      redirectUri?: string;
      /** Every usable candidate, best first: registering any of them works. */
      alternatives: string[];
      message: string;
    };

export function loopbackUrl(port: number): string {
  return `http://127.0.0.1:${port}${LOOPBACK_CALLBACK_PATH}`;
}

/**
 * Vendaze's rule (spec §3.1/§8: https, or http only on localhost / 127.0.0.1; exact, no fragment or wildcard),
 * taken from the schema itself so sign-in and registration cannot drift apart.
 */
export function isAcceptableRedirectUri(uri: string): boolean {
  return redirectUriProblem(uri) === undefined;
}

/**
 * `openExternal` re-encodes an authorize URL whose redirect_uri value itself contains `?`, `&` or `%` (seen in
 * code-server: `%3F` arrives as `%253F`), so such a redirect URI never matches at the server. `auto` avoids them.
 * (code-server's handler URL is unusable anyway: its `vscode-reqid` changes on every asExternalUri call, so no
 * registered string can match it twice. A bounce page that redirects to it works, and is tested.)
 */
export function survivesOpenExternal(uri: string): boolean {
  return !/[?&%]/.test(uri);
}

function candidate(kind: RedirectKind, c: RedirectCandidates): RedirectPlan | undefined {
  switch (kind) {
    case 'loopback':
      return {
        kind,
        via: 'loopback',
        redirectUri: c.loopbackExternal ?? loopbackUrl(c.loopbackPort),
        listen: { host: '127.0.0.1', port: c.loopbackPort, path: LOOPBACK_CALLBACK_PATH },
      };
    case 'uriHandler':
      return c.uriHandlerExternal ? { kind, via: 'uriHandler', redirectUri: c.uriHandlerExternal } : undefined;
    case 'bounce':
      return c.bounceUrl ? { kind, via: 'uriHandler', redirectUri: c.bounceUrl } : undefined;
  }
}

/**
 * Picks the redirect URI. `auto` tries, best first: the bounce page (the user configured it on purpose), the URI
 * handler's external URL when it is usable and survives openExternal, then the loopback listener; the first one
 * the app has registered wins, and if none is registered the best one is what to register.
 * The texts are in the display language by default; `english` (src/common/l10n.ts) words them for the log.
 */
export function planRedirect(strategy: RedirectStrategy, candidates: RedirectCandidates, registered: readonly string[], l10n: Words = display): PlanResult {
  const order: RedirectKind[] = strategy === 'auto' ? ['bounce', 'uriHandler', 'loopback'] : [strategy];
  const plans: RedirectPlan[] = [];
  const rejected: string[] = [];
  for (const kind of order) {
    const plan = candidate(kind, candidates);
    if (!plan) {
      if (strategy !== 'auto') rejected.push(missingText(kind, l10n));
      continue;
    }
    // The very rule registration and the sandbox apply, so sign-in never plans a URI Vendaze would refuse.
    const problem = redirectUriProblem(plan.redirectUri, l10n);
    if (problem) {
      rejected.push(`${problem} (${kind})`);
      continue;
    }
    if (strategy === 'auto' && kind === 'uriHandler' && !survivesOpenExternal(plan.redirectUri)) continue;
    plans.push(plan);
  }
  const alternatives = plans.map((p) => p.redirectUri);
  if (plans.length === 0) {
    return {
      ok: false,
      reason: 'unusable',
      alternatives,
      message: l10n.t(
        'No usable redirect URI for sign-in: {0}. Set vendaze.auth.redirectStrategy to "loopback", or set vendaze.auth.redirectBounceUrl to an https page that forwards to VS Code.',
        rejected.join('; ') || l10n.t('no candidate'),
      ),
    };
  }
  const chosen = plans.find((p) => registered.includes(p.redirectUri));
  if (!chosen) {
    const best = plans[0]!;
    const nearMiss = registered.find((r) => trimTrailing(r, '/') === trimTrailing(best.redirectUri, '/'));
    return {
      ok: false,
      reason: 'not_registered',
      redirectUri: best.redirectUri,
      alternatives,
      // Two whole sentences, the second only for a near miss.
      message:
        l10n.t('This app has no registered redirect URI that sign-in can use here. Register exactly {0} (rotate the app with it added to redirect_uris), then sign in again.', best.redirectUri) +
        (nearMiss ? ` ${l10n.t('{0} is registered, but Vendaze matches redirect URIs exactly (trailing slash included).', nearMiss)}` : ''),
    };
  }
  const warning =
    chosen.kind === 'uriHandler' && !survivesOpenExternal(chosen.redirectUri)
      ? l10n.t('The redirect URI {0} contains ?, & or %, which the browser hand-off may re-encode; if Vendaze answers "redirect_uri does not match", use the loopback strategy.', chosen.redirectUri)
      : undefined;
  return warning ? { ok: true, plan: chosen, warning } : { ok: true, plan: chosen };
}

function missingText(kind: RedirectKind, l10n: Words): string {
  return kind === 'bounce'
    ? l10n.t('vendaze.auth.redirectBounceUrl is not set')
    : kind === 'uriHandler'
      ? l10n.t('this VS Code gives its URI handler no http(s) address')
      : l10n.t('the loopback listener is unavailable');
}
