import * as vscode from 'vscode';
import type { AppsDeps } from '../appsDeps';
import { optionsOf, resolveApp } from '../commandArgs';
import { confirmModal } from '../confirmModal';
import { describeError } from '../../common/logger';
import { DEFAULT_GENERATION, generationRules } from '../../api/generation';
import { generationResolver } from '../../clientFactory';

export type RemoveAppResult =
  | { status: 'removed'; clientId: string; sessionsRemoved: number; tokensRevoked: number; revokeFailures: number }
  | { status: 'cancelled' };

/**
 * `Vendaze: Remove App`: forgets the app on this machine (metadata, client_secret, signed-in sessions) after a
 * modal confirmation. The app stays registered at Vendaze (there is no delete in the API this extension
 * targets). The sessions' tokens are revoked first, best effort, so nothing forgotten stays usable.
 */
export function removeApp(deps: AppsDeps) {
  return async (arg?: unknown): Promise<RemoveAppResult> => {
    const app = await resolveApp(deps.apps, arg, vscode.l10n.t('Remove which app from VS Code?'));
    if (!app) return { status: 'cancelled' };
    const { confirm } = optionsOf<{ confirm: boolean }>(arg);
    const sessions = await deps.sessions.listForApp(app.clientId);
    if (confirm === false) return { status: 'cancelled' };
    // `confirm: true` = the caller already confirmed (test hosts refuse modal dialogs).
    const confirmed =
      confirm === true ||
      (await confirmModal(
        vscode.l10n.t('Remove "{0}" from VS Code?', app.appName),
        sessions.length
          ? vscode.l10n.t('This forgets its client_id, its client_secret and {0} signed-in workspace(s) on this machine (their tokens are revoked first). The app stays registered at Vendaze: add it again any time with its client_id and secret.', sessions.length)
          : vscode.l10n.t('This forgets its client_id and its client_secret on this machine. The app stays registered at Vendaze: add it again any time with its client_id and secret.'),
        vscode.l10n.t('Remove'),
      ));
    if (!confirmed) return { status: 'cancelled' };

    let tokensRevoked = 0;
    let revokeFailures = 0;
    const secret = sessions.length ? await deps.apps.getSecret(app.clientId) : undefined;
    if (secret) {
      const client = deps.createClient();
      for (const session of sessions) {
        // The refresh token first: revoking it ends the grant, so a failure on the access token matters less.
        // API 2026-07 takes the access token only (and revoking it removes the grant).
        const tokens = generationRules(generationResolver()?.current(session.apiBaseUrl).generation ?? DEFAULT_GENERATION).revoke.acceptsRefreshToken
          ? [session.refreshToken, session.accessToken]
          : [session.accessToken];
        for (const token of tokens) {
          try {
            await client.revokeToken({ clientId: app.clientId, clientSecret: secret, token });
            tokensRevoked++;
          } catch (error) {
            revokeFailures++;
            deps.log.warn(`Could not revoke a token of ${session.workspaceSlug} while removing ${app.appName}: ${describeError(error)}`);
          }
        }
      }
    }
    const removed = await deps.sessions.deleteForApp(app.clientId);
    await deps.apps.remove(app.clientId);
    deps.log.info(`Removed app ${app.appName} (${app.clientId}); ${removed.length} session(s) forgotten, ${tokensRevoked} token(s) revoked.`);
    if (revokeFailures) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Removed "{0}", but {1} token revocation(s) failed (see the Vendaze log): those tokens stay valid until they expire.', app.appName, revokeFailures),
      );
    }
    return { status: 'removed', clientId: app.clientId, sessionsRemoved: removed.length, tokensRevoked, revokeFailures };
  };
}
