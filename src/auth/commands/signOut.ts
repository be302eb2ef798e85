import * as vscode from 'vscode';
import { Commands } from '../../commands/ids';
import { AuthServices } from '../services';
import { retryPendingRevokes, signOutSession, SignOutResult } from '../signOut';
import { pickSession } from './pickSession';

/**
 * `Vendaze: Sign Out` (also the Accounts menu's "Sign Out" through removeSession): revokes the access and refresh
 * token on the server and deletes the local copies; when the server cannot be reached the local copies still go
 * and the user gets a Retry. vendaze.signOut(sessionId | accountId | tree node | AuthenticationSession).
 */
export function signOutCommand(svc: AuthServices) {
  return async (arg?: unknown): Promise<SignOutResult | undefined> => {
    const session = await pickSession(svc, arg, vscode.l10n.t('Sign out of which Vendaze session?'));
    return session ? signOutWithUi(svc, session.id) : undefined;
  };
}

export async function signOutWithUi(svc: AuthServices, sessionId: string): Promise<SignOutResult> {
  const result = await signOutSession(svc.revokeDeps, sessionId);
  if (svc.active.id === sessionId) svc.active.id = undefined;
  if (result.pending) {
    void vscode.window.showWarningMessage(result.message, vscode.l10n.t('Retry')).then((choice) => {
      if (choice) void vscode.commands.executeCommand(Commands.retryPendingRevokes);
    });
  } else if (result.ok) {
    void vscode.window.showInformationMessage(result.message);
  }
  return result;
}

/** `Vendaze: Retry Pending Revokes`: sends the revokes that could not reach the server before. */
export function retryPendingRevokesCommand(svc: AuthServices) {
  return async () => {
    const result = await retryPendingRevokes(svc.revokeDeps);
    if (result.stillPending) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} revoke(s) still pending: {1}', result.stillPending, String(result.errors[0])), vscode.l10n.t('Retry')).then((choice) => {
        if (choice) void vscode.commands.executeCommand(Commands.retryPendingRevokes);
      });
    } else if (result.revoked) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Revoked {0} pending session(s) on the server.', result.revoked));
    } else {
      void vscode.window.showInformationMessage(vscode.l10n.t('No revokes are pending.'));
    }
    return result;
  };
}
