import type { VendazeClient } from '../api/client';
import { userFacingMessage, VendazeApiError } from '../api/errors';
import { DEFAULT_GENERATION, generationRules, type ApiGeneration } from '../api/generation';
import { generationFromRefusal } from '../api/generationSignals';
import { audit } from '../audit/recorder';
import { Logger } from '../common/logger';
import { PendingRevoke, PendingRevokes } from './pendingRevokes';
import { orphanRevokeNote } from './refreshUnknown';
import { SessionStore, StoredSession } from './sessionStore';
import { l10n } from '../common/l10n';

/**
 * Ending a session for real: POST /oauth/revoke for the access AND the refresh token, and the local copies go
 * whatever the server says. If the server cannot be reached (or refuses the app's credentials), the tokens wait
 * in PendingRevokes for a retry; the user is told. Pure over injected stores and a client maker.
 */

export interface RevokeDeps {
  sessions: SessionStore;
  pending: PendingRevokes;
  getSecret(clientId: string): PromiseLike<string | undefined>;
  /** A client for the API the tokens came from (never another base URL). */
  clientFor(apiBaseUrl: string): VendazeClient;
  log: Logger;
  /** The generation the session's API speaks (default 2026-05): [L] revokes with the access token only. */
  generationFor?(apiBaseUrl: string): ApiGeneration;
  /** Evidence from a refusal (a refresh-token revoke answered 400 invalid_request means 2026-07). */
  learnGeneration?(apiBaseUrl: string, generation: ApiGeneration, signal: string): PromiseLike<void>;
  /** Refreshes the session when its access token is (nearly) expired; [L] needs a live one to remove the grant. */
  ensureFresh?(sessionId: string): Promise<StoredSession>;
}

export interface SignOutResult {
  ok: boolean;
  sessionId: string;
  account?: string;
  /** True when the server confirmed the revocation. */
  revoked: boolean;
  /** True when the revocation is queued for a retry. */
  pending: boolean;
  message: string;
}

export async function signOutSession(deps: RevokeDeps, sessionId: string): Promise<SignOutResult> {
  let session = await deps.sessions.get(sessionId);
  if (!session) {
    return { ok: false, sessionId, revoked: false, pending: false, message: l10n.t('No such Vendaze session: it was already signed out.') };
  }
  const account = `${session.workspaceSlug} (${session.clientId})`;
  if (session.refreshOutcomeUnknownAt) deps.log.info(`Signing out of ${account}. ${orphanRevokeNote(session)}`);
  const rules = generationRules(deps.generationFor?.(session.apiBaseUrl) ?? DEFAULT_GENERATION).revoke;
  if (rules.signOutTokens === 'access' && deps.ensureFresh) {
    // [L] takes only the access token, and a server may let an expired one revoke nothing: hold a live one first.
    session = await deps.ensureFresh(sessionId).catch((error: unknown) => {
      deps.log.warn(`Could not refresh ${account} before revoking (${userFacingMessage(error)}); revoking the token held.`);
      return session!;
    });
  }
  // Queue first, delete second, revoke third: a crash at any point leaves the tokens either stored or queued.
  // [L] never queues the refresh token: its revoke could only ever fail (400 invalid_request).
  const entry = await deps.pending.add({
    clientId: session.clientId,
    workspaceSlug: session.workspaceSlug,
    apiBaseUrl: session.apiBaseUrl,
    tokens: rules.signOutTokens === 'access' ? [session.accessToken] : [session.accessToken, session.refreshToken],
  });
  await deps.sessions.delete(sessionId);
  const outcome = await revokeEntry(deps, entry);
  void audit.record({
    action: 'revoke',
    outcome: outcome.ok ? 'ok' : 'pending',
    app: session.clientId,
    workspace: session.workspaceSlug,
    requestId: outcome.requestId,
    detail: outcome.ok ? 'Signed out: access and refresh token revoked on the server' : `Signed out locally; server-side revoke pending: ${outcome.error}`,
  });
  if (outcome.ok) {
    deps.log.info(`Signed out of ${account}: tokens revoked on the server${session.refreshOutcomeUnknownAt ? ', the grant with them (no orphan refresh token survives it)' : ''}.`);
    return { ok: true, sessionId, account, revoked: true, pending: false, message: l10n.t('Signed out of {0}: tokens revoked.', session.workspaceSlug) };
  }
  deps.log.warn(`Signed out of ${account} locally; the server-side revoke is pending: ${outcome.error}`);
  return {
    ok: true,
    sessionId,
    account,
    revoked: false,
    pending: true,
    message: l10n.t('Signed out of {0} on this machine, but the tokens could not be revoked on the server yet ({1}). The revoke is pending: retry when the API is reachable.', session.workspaceSlug, outcome.error),
  };
}

export interface RetryResult {
  revoked: number;
  stillPending: number;
  errors: string[];
}

export async function retryPendingRevokes(deps: RevokeDeps): Promise<RetryResult> {
  const result: RetryResult = { revoked: 0, stillPending: 0, errors: [] };
  for (const entry of await deps.pending.list()) {
    const outcome = await revokeEntry(deps, entry);
    void audit.record({ action: 'revoke', outcome: outcome.ok ? 'ok' : 'pending', app: entry.clientId, workspace: entry.workspaceSlug, requestId: outcome.requestId, detail: outcome.ok ? 'Pending revoke sent: tokens revoked on the server' : `Pending revoke still failing: ${outcome.error}` });
    if (outcome.ok) result.revoked++;
    else {
      result.stillPending++;
      result.errors.push(`${entry.workspaceSlug} (${entry.clientId}): ${outcome.error}`);
    }
  }
  if (result.revoked || result.stillPending) {
    deps.log.info(`Pending revokes: ${result.revoked} done, ${result.stillPending} still pending.`);
  }
  return result;
}

/** Revokes every token of the entry; removes the entry on success, records the error otherwise. */
async function revokeEntry(deps: RevokeDeps, entry: PendingRevoke): Promise<{ ok: true; requestId?: string } | { ok: false; error: string; requestId?: string }> {
  const secret = await deps.getSecret(entry.clientId);
  if (!secret) {
    const error = `the app's client_secret is not stored (needed to revoke); set it for ${entry.clientId} and retry`;
    await deps.pending.update((items) => items.map((i) => (i.id === entry.id ? { ...i, lastError: error } : i)));
    return { ok: false, error };
  }
  const client = deps.clientFor(entry.apiBaseUrl);
  let requestId: string | undefined; // of the last revoke call, for the audit trail
  const done: string[] = [];
  for (const token of entry.tokens) {
    try {
      requestId = (await client.revokeToken({ token, clientId: entry.clientId, clientSecret: secret })).requestId ?? requestId;
      done.push(token);
    } catch (e) {
      if (generationFromRefusal('revoke', e) === '2026-07') {
        // A refresh token queued before we knew the API is 2026-07: it can never be revoked, and its access token was.
        deps.log.info(`Dropped a pending refresh-token revoke for ${entry.workspaceSlug} (${entry.clientId}): this API (2026-07) revokes access tokens only, and revoking one removes the grant.`);
        await deps.learnGeneration?.(entry.apiBaseUrl, '2026-07', 'a refresh-token revoke answered 400 invalid_request');
        done.push(token);
        continue;
      }
      // 401 invalid_client (the secret was rotated), network, 429, 500: what is left stays pending.
      const error = userFacingMessage(e);
      await deps.pending.update((items) => items.map((i) => (i.id === entry.id ? { ...i, tokens: i.tokens.filter((t) => !done.includes(t)), lastError: error } : i)));
      return { ok: false, error, requestId: e instanceof VendazeApiError ? e.requestId : undefined };
    }
  }
  await deps.pending.remove(entry.id);
  return { ok: true, requestId };
}
