import { buildAuthorizeUrl } from '../api/authorizeUrl';
import type { VendazeClient } from '../api/client';
import { userFacingMessage, VendazeApiError } from '../api/errors';
import { generationRules, GENERATION_SETTING, type ResolvedGeneration } from '../api/generation';
import { probeApi } from '../api/probe';
import { Logger } from '../common/logger';
import { english, l10n, type Words } from '../common/l10n';
import { cancelledError, SignInAttempts } from './attempts';
import { signInError, SignInError } from './errors';
import { grantedScopes } from './grantedScopes';
import { LoopbackServer, startLoopbackServer, LoopbackOptions } from './loopbackServer';
import { createPkcePair } from './pkce';
import { RedirectPlan } from './redirect';
import { SessionStore, StoredSession } from './sessionStore';

/**
 * One sign-in, start to stored session, with every VS Code dependency injected (the glue in signIn.ts supplies
 * openExternal, the progress cancellation and the plan). Order matters: the listener is up before the browser
 * opens, the verifier is known to the redactor before anything could log it, and the attempt, the listener and
 * the timer are always cleaned up, whatever the outcome.
 */

export interface SignInDeps {
  attempts: SignInAttempts;
  sessions: SessionStore;
  client: VendazeClient;
  /** vscode.env.openExternal; false when the browser could not be opened. */
  openBrowser(url: string): PromiseLike<boolean>;
  /**
   * Called once the consent page is due in the browser (`opened` false: it could not be opened), with the link,
   * so the UI can offer the ways back: copy the link, paste the URL the browser ended on.
   */
  onWaiting?(authorizeUrl: string, opened: boolean): void;
  /** Teaches a secret (verifier, code) to the log redactor. */
  onSecret(value: string): void;
  log: Logger;
  startLoopback?: (options: LoopbackOptions) => Promise<LoopbackServer>;
  now?: () => number;
  /**
   * Ends this app's sessions whose last refresh had an unknown outcome (revoking their access tokens), before the
   * consent page opens: a new sign-in replaces them, and their grants must go before the new one exists.
   */
  retireMarked?: (clientId: string, workspace?: string) => Promise<unknown>;
  /**
   * The API generation to sign in with (configured, cached or probed without side effects). Differences in the
   * authorize step only show in the browser, so it is decided before the browser opens. Default: the client's.
   */
  generation?: (signal?: AbortSignal) => Promise<ResolvedGeneration>;
}

export interface SignInRequest {
  clientId: string;
  clientSecret: string;
  scopes: readonly string[];
  plan: RedirectPlan;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Workspace the caller expects; the user picks the workspace on the consent page, so this is a check. */
  workspace?: string;
}

export interface SignInOutcome {
  session: StoredSession;
  /** The session this sign-in replaced (same app and workspace), if any. */
  replaced?: StoredSession;
  warning?: string;
}

export async function runSignIn(deps: SignInDeps, request: SignInRequest): Promise<SignInOutcome> {
  const log = deps.log;
  const pkce = createPkcePair();
  deps.onSecret(pkce.verifier);
  const attempt = deps.attempts.start(
    { verifier: pkce.verifier, redirectUri: request.plan.redirectUri, clientId: request.clientId },
    request.timeoutMs,
    request.signal,
  );
  // Nobody may be left with an unhandled rejection if we bail out before awaiting the result.
  attempt.result.catch(() => undefined);
  let server: LoopbackServer | undefined;
  let resolved: ResolvedGeneration = { generation: deps.client.generation, source: 'default' };
  try {
    // Fail fast when the API is down: otherwise the browser shows a connection error and we wait for the timeout.
    const probe = await probeApi(deps.client.baseUrl, deps.client.transport.timeoutMs, request.signal, deps.client.transport.http);
    if (request.signal?.aborted) throw cancelledError();
    if (!probe.reachable) throw signInError('api_unreachable', (l10n) => l10n.t('Cannot sign in: {0}', probe.message));
    await deps.retireMarked?.(request.clientId, request.workspace);
    resolved = deps.generation ? await deps.generation(request.signal) : { generation: deps.client.generation, source: 'default' };
    log.info(`Signing in with API ${generationRules(resolved.generation).label} (${resolved.source}).`);
    if (request.plan.listen) {
      const { port, path } = request.plan.listen;
      server = await (deps.startLoopback ?? startLoopbackServer)({
        port,
        path,
        // The browser reaches the listener under the name asExternalUri gave (e.g. code-server's own host).
        allowedHosts: [request.plan.redirectUri],
        onCallback: (params) => {
          const outcome = deps.attempts.deliver(params);
          if (!outcome.ok) log.warn(`Refused a callback on the loopback listener (${outcome.kind}): ${outcome.english}`);
          return outcome;
        },
      });
      log.info(`Listening for the sign-in callback on 127.0.0.1:${server.port}${path}.`);
    }
    const url = buildAuthorizeUrl({
      baseUrl: deps.client.baseUrl,
      clientId: request.clientId,
      redirectUri: request.plan.redirectUri,
      scopes: request.scopes,
      state: attempt.state,
      codeChallenge: pkce.challenge,
      generation: resolved.generation,
    });
    log.info(`Opening the Vendaze consent page for ${request.clientId} (scopes: ${request.scopes.join(' ')}; redirect ${request.plan.redirectUri} via ${request.plan.kind}).`);
    const opened = await deps.openBrowser(url);
    if (!opened && !deps.onWaiting) {
      throw signInError('browser_not_opened', (l10n) => l10n.t('VS Code could not open a browser. Open this address yourself to continue: {0}', url));
    }
    // A blocked browser is not the end: the link can be copied, the final URL pasted back (until the timeout).
    if (!opened) log.warn('VS Code could not open a browser; waiting for the copied sign-in link to be used.');
    deps.onWaiting?.(url, opened);
    const callback = await attempt.result.catch((error: unknown) => {
      throw timedOutHint(error, resolved);
    });
    deps.onSecret(callback.code);
    log.info('Authorization code received; exchanging it for tokens.');

    let tokens;
    try {
      tokens = await deps.client.exchangeCode(
        { clientId: request.clientId, clientSecret: request.clientSecret, code: callback.code, redirectUri: callback.redirectUri, codeVerifier: callback.verifier, generation: resolved.generation },
        { signal: request.signal },
      );
    } catch (error) {
      throw exchangeError(error);
    }
    const body = tokens.data;
    deps.onSecret(body.access_token);
    deps.onSecret(body.refresh_token);
    const now = deps.now?.() ?? Date.now();
    const stored = await deps.sessions.upsertSignIn(
      {
        clientId: request.clientId,
        workspaceSlug: body.workspace_slug,
        scopes: grantedScopes(body.access_token, request.scopes),
        accessToken: body.access_token,
        refreshToken: body.refresh_token,
        expiresAt: new Date(now + body.expires_in * 1000).toISOString(),
        apiBaseUrl: deps.client.baseUrl,
      },
      new Date(now),
    );
    log.info(`Signed in to ${body.workspace_slug} with ${request.clientId} (request id ${tokens.requestId ?? 'none'}).`);
    const expected = request.workspace;
    if (!expected || expected === body.workspace_slug) return stored;
    return { ...stored, warning: l10n.t('You authorized the workspace "{0}", not "{1}". The session was stored for {0}.', body.workspace_slug, expected) };
  } finally {
    attempt.cancel();
    await server?.close();
  }
}

/** A sign-in that timed out may have failed in the browser because the server speaks the other generation. */
function timedOutHint(error: unknown, resolved: ResolvedGeneration): unknown {
  if (!(error instanceof SignInError) || error.kind !== 'timeout') return error;
  const label = generationRules(resolved.generation).label;
  // Whole sentences per source: "as configured" / "by default" sit differently in Portuguese.
  const hint = (l10n: Words, first: string): string =>
    resolved.source === 'setting'
      ? l10n.t('{0} This sign-in used API {1} as configured; if the browser showed an error about scope or code_challenge, the server speaks the other generation: set {2}.', first, label, GENERATION_SETTING)
      : resolved.source === 'detected'
        ? l10n.t('{0} This sign-in used API {1} as detected; if the browser showed an error about scope or code_challenge, the server speaks the other generation: set {2}.', first, label, GENERATION_SETTING)
        : l10n.t('{0} This sign-in used API {1} by default; if the browser showed an error about scope or code_challenge, the server speaks the other generation: set {2}.', first, label, GENERATION_SETTING);
  return new SignInError('timeout', hint(l10n, error.message), error.extra, { cause: error, english: hint(english, error.english) });
}

/** Turns an API failure of the code exchange into a SignInError that says what to do next (exported for tests). */
export function exchangeError(error: unknown): SignInError {
  if (!(error instanceof VendazeApiError)) {
    const detail = userFacingMessage(error);
    return signInError('exchange_failed', (l10n) => l10n.t('Exchanging the authorization code failed: {0}', detail), {}, { cause: error });
  }
  if (error.kind === 'cancelled') return cancelledError();
  const extra = { apiCode: error.code, status: error.status, requestId: error.requestId, retryAfterSeconds: error.retryAfterSeconds };
  const { code, requestId } = error;
  // The request id is a parenthesis at the end of a clause in both languages: one sentence with the suffix as {0}.
  const rid = (l10n: Words) => (requestId ? ` ${l10n.t('(request id {0})', requestId)}` : '');
  const detail = error.userMessage();
  const words = (l10n: Words): string =>
    code === 'invalid_grant'
      ? l10n.t('Vendaze rejected the authorization code: it expired, was already used, or does not match this sign-in{0}. Sign in again (codes are valid for a few minutes and only once).', rid(l10n))
      : code === 'invalid_client'
        ? l10n.t("Vendaze rejected the app's client_secret{0}. Re-enter the secret from the app's latest email, or rotate the app, then sign in again.", rid(l10n))
        : l10n.t('Could not exchange the authorization code: {0}', detail);
  return signInError('exchange_failed', words, extra, { cause: error });
}
