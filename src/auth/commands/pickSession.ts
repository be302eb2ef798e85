import * as vscode from 'vscode';
import { AuthServices } from '../services';
import { findSession, sessionIdOf } from '../sessionArgs';
import { StoredSession } from '../sessionStore';
import { accountLabel } from '../sessionArgs';

/**
 * The session a command acts on: the one its argument names (id, account id, tree node, AuthenticationSession),
 * else the only one, else a quick pick. Undefined when there is none or the pick was dismissed.
 */
export async function pickSession(svc: AuthServices, arg: unknown, placeHolder: string): Promise<StoredSession | undefined> {
  const sessions = await svc.sessions.list();
  if (sessionIdOf(arg) !== undefined) {
    const found = findSession(sessions, arg);
    if (!found) void vscode.window.showWarningMessage(vscode.l10n.t('No Vendaze session {0}: it may already be signed out.', String(sessionIdOf(arg))));
    return found;
  }
  if (sessions.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('You are not signed in to any Vendaze workspace.'));
    return undefined;
  }
  if (sessions.length === 1) return sessions[0];
  const picked = await vscode.window.showQuickPick(
    sessions.map((s) => ({ label: sessionLabel(svc, s), description: s.scopes.join(' '), session: s })),
    { placeHolder },
  );
  return picked?.session;
}

export function sessionLabel(svc: AuthServices, session: StoredSession): string {
  return accountLabel(session, svc.apps.get(session.clientId)?.appName);
}
