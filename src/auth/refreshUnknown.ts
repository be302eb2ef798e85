import { VendazeApiError } from '../api/errors';
import { english, type Words } from '../common/l10n';
import { RefreshWithheldError, type SessionEndedError } from './errors';
import type { StoredSession } from './sessionStore';

/**
 * The rule for a refresh whose outcome is unknown (the request may have reached Vendaze, but no usable answer came
 * back: 500, a gateway's 502/504, a dropped connection, a timeout, an unreadable 200).
 *
 * Vendaze rotates the refresh token on every renewal, and reuse detection revokes the whole grant when a spent one
 * comes back. So after such a failure the stored refresh token is NEVER sent again, neither by a retry (see
 * api/retry.ts) nor by a later refresh. Instead:
 *  1. the session is marked (StoredSession.refreshOutcomeUnknownAt) and keeps working on its access token;
 *  2. shortly before that token expires (`retireAt`), the session is retired: its access token is revoked while
 *     it is still valid, which removes the grant and with it any refresh token the server issued that we never
 *     received (the 2026-07 API ties tokens to their grant), then the user is asked to sign in again;
 *  3. a sign-out or a new sign-in with the same app retires it the same way, earlier.
 */

export function isRefreshOutcomeUnknown(error: unknown): boolean {
  return error instanceof VendazeApiError && error.outcomeUnknown;
}

/**
 * When a marked session is retired: `marginMs` before its access token expires (a quarter of the token's
 * lifetime for short-lived tokens), so the revocation is sent while the token is still accepted.
 */
export function retireAt(session: Pick<StoredSession, 'expiresAt' | 'issuedAt'>, marginMs: number): number {
  const expiresAt = Date.parse(session.expiresAt);
  const lifetime = session.issuedAt ? expiresAt - Date.parse(session.issuedAt) : NaN;
  return expiresAt - (lifetime > 0 ? Math.min(marginMs, lifetime / 4) : marginMs);
}

/**
 * Why a session ended. English by default: SessionEndedError's message, which the log and the MCP proxy read; the
 * Refresh Session command words it again in the display language (`l10n`, docs/localization.md).
 */
export function endedText(reason: SessionEndedError['reason'], workspace: string, l10n: Words = english): string {
  switch (reason) {
    case 'deleted':
      return l10n.t('This Vendaze session was signed out. Sign in again to get a new token.');
    case 'invalid_grant':
      return l10n.t("The Vendaze session for {0} has ended: its refresh token is no longer valid (expired, revoked, or the app's scopes changed). Sign in again.", workspace);
    case 'refresh_outcome_unknown':
      return l10n.t(
        'The Vendaze session for {0} has ended: its last refresh got no answer, so its refresh token was not used again (a spent one coming back would make Vendaze revoke the grant). Sign in again.',
        workspace,
      );
  }
}

/** A withheld refresh, in English (the error's message, for the log) unless given the display-language words. */
export function withheldText(workspace: string, usableUntil: string, l10n: Words = english): string {
  return l10n.t(
    'Not refreshed: an earlier refresh of the {0} session got no answer, so its refresh token may already be spent and is not sent again. The session keeps working until {1}, then asks you to sign in again.',
    workspace,
    usableUntil,
  );
}

export function withheldError(session: Pick<StoredSession, 'id' | 'workspaceSlug'>, usableUntil: string, cause?: unknown): RefreshWithheldError {
  return new RefreshWithheldError(session.id, usableUntil, withheldText(session.workspaceSlug, usableUntil), cause === undefined ? undefined : { cause });
}

/** For the log when a marked session is signed out or retired: what its revocation does about the orphan. */
export function orphanRevokeNote(session: Pick<StoredSession, 'expiresAt' | 'refreshOutcomeUnknownAt'>, now = Date.now()): string {
  const since = session.refreshOutcomeUnknownAt ?? 'earlier';
  return Date.parse(session.expiresAt) > now
    ? `Its refresh at ${since} got no answer, so Vendaze may hold a refresh token nobody received: revoking the access token while it is still valid (until ${session.expiresAt}) removes the grant behind it.`
    : `Its refresh at ${since} got no answer and its access token expired at ${session.expiresAt}: Vendaze may keep the grant behind a refresh token nobody received until that token expires unused.`;
}
