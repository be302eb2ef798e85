import { StoredSession } from './sessionStore';

/**
 * Which session a command argument names. Commands are called from the palette (nothing), the Apps tree (a token
 * node `{ sessionId }`), the Accounts menu and other extensions (an AuthenticationSession `{ id, account }`),
 * and tests (a session id, or an account id `clientId/workspace`). Pure, so the table is unit-tested.
 */
export function sessionIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (!arg || typeof arg !== 'object') return undefined;
  const o = arg as { sessionId?: unknown; id?: unknown; account?: { id?: unknown } };
  if (typeof o.sessionId === 'string') return o.sessionId;
  if (typeof o.id === 'string') return o.id;
  if (typeof o.account?.id === 'string') return o.account.id;
  return undefined;
}

export function accountIdOf(session: Pick<StoredSession, 'clientId' | 'workspaceSlug'>): string {
  return `${session.clientId}/${session.workspaceSlug}`;
}

/** How an account shows in the Accounts menu and the session pickers: the workspace and the app. */
export function accountLabel(session: Pick<StoredSession, 'workspaceSlug'>, appName: string | undefined): string {
  return `${session.workspaceSlug} (${appName ?? 'unknown app'})`;
}

export function findSession(sessions: readonly StoredSession[], arg: unknown): StoredSession | undefined {
  const key = sessionIdOf(arg);
  if (key === undefined) return undefined;
  return sessions.find((s) => s.id === key) ?? sessions.find((s) => accountIdOf(s) === key);
}
