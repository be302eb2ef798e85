import * as vscode from 'vscode';
import { userFacingMessage, VendazeApiError } from '../../api/errors';
import { RefreshWithheldError, SessionEndedError } from '../errors';
import { endedText, withheldText } from '../refreshUnknown';
import { AuthServices } from '../services';
import { pickSession } from './pickSession';

export type RefreshResult =
  | { ok: true; sessionId: string; expiresAt: string; refreshed: boolean }
  | { ok: false; sessionId?: string; message: string; ended?: boolean; requestId?: string; retryAfterSeconds?: number; usableUntil?: string };

/**
 * `Vendaze: Refresh Session`: renews the token pair now. Goes through the same single-flight coordinator as
 * every automatic refresh, so pressing it during another refresh shares that one instead of racing it.
 */
export function refreshSessionCommand(svc: AuthServices) {
  return async (arg?: unknown): Promise<RefreshResult | undefined> => {
    const picked = await pickSession(svc, arg, vscode.l10n.t('Refresh which Vendaze session?'));
    if (!picked) return undefined;
    try {
      const session = await svc.coordinator.ensureFresh(picked.id, { force: true });
      return { ok: true, sessionId: session.id, expiresAt: session.expiresAt, refreshed: session.refreshToken !== picked.refreshToken };
    } catch (error) {
      // The errors' messages are English (the log, the MCP proxy): the person reads them in the display language.
      if (error instanceof SessionEndedError) return { ok: false, sessionId: picked.id, message: endedText(error.reason, picked.workspaceSlug, vscode.l10n), ended: true };
      if (error instanceof RefreshWithheldError) {
        // Not a failure to retry: the session works until then; a refresh now could revoke the grant.
        svc.log.warn(error.message);
        const message = withheldText(picked.workspaceSlug, error.usableUntil, vscode.l10n);
        void vscode.window.showWarningMessage(message);
        return { ok: false, sessionId: picked.id, message, usableUntil: error.usableUntil };
      }
      const detail = userFacingMessage(error);
      svc.log.warn(`Could not refresh the session: ${detail}`);
      const message = vscode.l10n.t('Could not refresh the session: {0}', detail);
      void vscode.window.showErrorMessage(message);
      return error instanceof VendazeApiError
        ? { ok: false, sessionId: picked.id, message, requestId: error.requestId, retryAfterSeconds: error.retryAfterSeconds }
        : { ok: false, sessionId: picked.id, message };
    }
  };
}
