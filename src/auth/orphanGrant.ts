import type { StoredSession } from './sessionStore';
import { RevokeDeps, signOutSession, SignOutResult } from './signOut';

/**
 * Retiring sessions whose last refresh had an unknown outcome (see refreshUnknown.ts): the same path as a sign-out
 * (queue, delete, revoke the access token first), so a failed revocation waits in PendingRevokes like any other.
 */

export async function retireSession(deps: RevokeDeps, session: StoredSession, why: string): Promise<SignOutResult> {
  deps.log.warn(`Ending the ${session.clientId}/${session.workspaceSlug} session (${why}): its refresh token may be spent, so it was not used again.`);
  return signOutSession(deps, session.id);
}

/**
 * Before a new sign-in with `clientId`: retire its marked sessions (only `workspace`'s when the caller names one).
 * Done BEFORE the new authorization: where Vendaze keeps one grant per (app, workspace), revoking the old access
 * token after the exchange could remove the grant the new session was just given.
 */
export async function retireMarkedSessions(deps: RevokeDeps, clientId: string, workspace?: string): Promise<StoredSession[]> {
  const marked = (await deps.sessions.listForApp(clientId)).filter((s) => s.refreshOutcomeUnknownAt && (!workspace || s.workspaceSlug === workspace));
  for (const session of marked) await retireSession(deps, session, 'a new sign-in with the same app replaces it');
  return marked;
}
