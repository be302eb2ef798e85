import * as vscode from 'vscode';
import type { AppsDeps } from '../appsDeps';
import { resolveApp } from '../commandArgs';

/** `Vendaze: Copy client_id` (tree inline action). The client_id is public; it is not a secret. */
export function copyClientId(deps: AppsDeps) {
  return async (arg?: unknown): Promise<{ clientId: string } | undefined> => {
    const app = await resolveApp(deps.apps, arg, vscode.l10n.t('Copy the client_id of which app?'));
    if (!app) return undefined;
    await vscode.env.clipboard.writeText(app.clientId);
    vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('Copied the client_id of {0}', app.appName)}`, 3000);
    return { clientId: app.clientId };
  };
}
