import * as vscode from 'vscode';
import { VendazeApiError, userFacingMessage } from '../../api/errors';
import { generationRules, GENERATION_SETTING } from '../../api/generation';
import { audit } from '../../audit/recorder';
import { english, type Words } from '../../common/l10n';
import { createVendazeClient, generationResolver } from '../../clientFactory';
import { readConfig } from '../../config';
import type { AppsDeps } from '../appsDeps';
import { optionsOf, resolveApp } from '../commandArgs';
import { registeredEmail } from '../registeredEmail';
import type { AppRecord } from '../registry';
import { confirmDeletion, confirmGone } from './deleteAppCheck';

export type DeleteAppResult =
  | { status: 'deleted'; clientId: string; sessionsRemoved: number; alreadyGone: boolean }
  | { status: 'kept'; clientId: string; reason: 'outcome-unknown' | 'refused'; message: string }
  | { status: 'unsupported'; message: string }
  | { status: 'cancelled' };

export interface DeleteAppOptions {
  /** The typed app name (tests and automation: the confirmation input is skipped when given). */
  confirmName?: string;
  email?: string;
}

/**
 * `Vendaze: Delete App` (API 2026-07 only): DELETE /v1/auth/delete-app with client_id, registered email and
 * client_secret removes the app, its data and every user session at Vendaze, permanently; VS Code then forgets
 * the app, its secret and its sessions too. If the answer never came (the delete may or may not have happened),
 * the app stays here until a read confirms it is gone: deleting is never repeated blindly.
 */
export function deleteApp(deps: AppsDeps) {
  return async (arg?: unknown): Promise<DeleteAppResult> => {
    const app = await resolveApp(deps.apps, arg, vscode.l10n.t('Delete which app at Vendaze (permanently)?'));
    if (!app) return { status: 'cancelled' };
    const options = optionsOf<DeleteAppOptions>(arg);
    const baseUrl = app.apiBaseUrl || readConfig().apiBaseUrl;
    const resolved = (await generationResolver()?.ensure(baseUrl)) ?? { generation: '2026-05' as const, source: 'default' as const };
    if (!generationRules(resolved.generation).deleteApp) {
      const message = vscode.l10n.t('Vendaze API {0} at {1} has no delete endpoint (it came with 2026-07). Use "Remove App" to forget the app in VS Code, or set {2} if this server is newer.', generationRules(resolved.generation).label, baseUrl, GENERATION_SETTING);
      void vscode.window.showErrorMessage(message);
      return { status: 'unsupported', message };
    }
    const email = await registeredEmail(deps.apps, app, options.email);
    const secret = await deps.apps.getSecret(app.clientId);
    if (!email || !secret) {
      const message = !secret ? vscode.l10n.t('"{0}" has no client_secret in VS Code: deleting needs it. Enter it first.', app.appName) : vscode.l10n.t('Deleting needs the registration email.');
      if (!secret) void vscode.window.showErrorMessage(message);
      return email && secret ? { status: 'cancelled' } : { status: 'kept', clientId: app.clientId, reason: 'refused', message };
    }
    if (!(await confirmDeletion(app, options.confirmName))) return { status: 'cancelled' };

    const client = createVendazeClient(deps.log, undefined, { baseUrl });
    try {
      const res = await client.deleteApp({ client_id: app.clientId, email, client_secret: secret });
      return forgetLocally(deps, app, false, res.requestId);
    } catch (error) {
      if (error instanceof VendazeApiError && error.kind === 'http' && error.code === 'not_found') return forgetLocally(deps, app, true, error.requestId);
      const unknown = !(error instanceof VendazeApiError) || error.outcomeUnknown || (error.status ?? 0) >= 500;
      if (unknown && (await confirmGone(client, app.clientId, secret)) === 'gone') return forgetLocally(deps, app, true);
      // The person reads it in the display language; the log and the audit record keep it in English.
      const words = (l10n: Words) =>
        unknown
          ? l10n.t('The delete of "{0}" may or may not have happened ({1}). The app stays in VS Code until a check confirms it is gone: run Delete App again later (it answers "not found" once the app is gone).', app.appName, userFacingMessage(error))
          : l10n.t('Vendaze refused to delete "{0}": {1}', app.appName, userFacingMessage(error));
      const message = words(vscode.l10n);
      deps.log.warn(words(english));
      void audit.record({ action: 'delete-app', outcome: 'failed', app: app.clientId, requestId: error instanceof VendazeApiError ? error.requestId : undefined, detail: words(english) });
      void vscode.window.showErrorMessage(message);
      return { status: 'kept', clientId: app.clientId, reason: unknown ? 'outcome-unknown' : 'refused', message };
    }
  };
}

async function forgetLocally(deps: AppsDeps, app: AppRecord, alreadyGone: boolean, requestId?: string): Promise<DeleteAppResult> {
  const removed = await deps.sessions.deleteForApp(app.clientId);
  await deps.apps.remove(app.clientId);
  const words = (l10n: Words) =>
    alreadyGone
      ? l10n.t('Deleted "{0}" at Vendaze (it was already gone); its secret and {1} session(s) removed from VS Code.', app.appName, removed.length)
      : l10n.t('Deleted "{0}" at Vendaze; its secret and {1} session(s) removed from VS Code.', app.appName, removed.length);
  const detail = words(english);
  deps.log.info(`${detail} (${app.clientId})`);
  void audit.record({ action: 'delete-app', outcome: 'ok', app: app.clientId, requestId, detail });
  void vscode.window.showInformationMessage(words(vscode.l10n));
  return { status: 'deleted', clientId: app.clientId, sessionsRemoved: removed.length, alreadyGone };
}
