import * as vscode from 'vscode';
import { userFacingMessage } from '../../api/errors';
import { CLIPBOARD_CLEAR_SECONDS, clearClipboardLater, copiedTokenMessage } from '../clipboardClear';
import { AuthServices } from '../services';
import { confirmModal } from '../../apps/confirmModal';
import { pickSession, sessionLabel } from './pickSession';

/**
 * `Vendaze: Copy Access Token` for curl testing. Refreshes first if the token is about to expire, warns (modal)
 * before the token leaves VS Code's care, and returns only non-secret facts: the token goes to the clipboard only,
 * and comes off it again after a minute (clipboardClear.ts).
 */
export function copyAccessTokenCommand(svc: AuthServices) {
  return async (arg?: unknown): Promise<{ copied: boolean; sessionId?: string; expiresAt?: string }> => {
    const picked = await pickSession(svc, arg, vscode.l10n.t('Copy the access token of which Vendaze session?'));
    if (!picked) return { copied: false };
    const confirmed = await confirmModal(
      vscode.l10n.t('Copy the access token of {0} to the clipboard?', sessionLabel(svc, picked)),
      vscode.l10n.t('Anyone who gets it can act on this workspace with its scopes until it expires (about an hour). Do not paste it into files, chats or issues; clear the clipboard when done.'),
      vscode.l10n.t('Copy Token'),
    );
    if (!confirmed) return { copied: false, sessionId: picked.id };
    let session;
    try {
      session = await svc.coordinator.ensureFresh(picked.id);
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not get a fresh access token: {0}', userFacingMessage(error)));
      return { copied: false, sessionId: picked.id };
    }
    await vscode.env.clipboard.writeText(session.accessToken);
    const pending = clearClipboardLater(vscode.env.clipboard, session.accessToken);
    // Closing the window takes the token back at once rather than leaving it for whatever runs next.
    const onClose = { dispose: () => void pending.flush() };
    svc.disposables.add(onClose);
    void pending.done.then((removed) => {
      svc.disposables.delete(onClose);
      if (removed) svc.log.info(`Cleared the copied access token of ${sessionLabel(svc, session)} from the clipboard.`);
    });
    svc.log.info(`Access token of ${sessionLabel(svc, session)} copied to the clipboard (expires ${session.expiresAt}); cleared in ${CLIPBOARD_CLEAR_SECONDS} s if still there.`);
    void vscode.window.showInformationMessage(copiedTokenMessage(sessionLabel(svc, session)));
    return { copied: true, sessionId: session.id, expiresAt: session.expiresAt };
  };
}
