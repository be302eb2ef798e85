import * as vscode from 'vscode';
import type { AppsDeps } from '../appsDeps';
import { resolveApp } from '../commandArgs';

/**
 * `Vendaze: Copy Redirect URI`: from a redirect URI node (or `{ uri }`), or picked among an app's URIs. Vendaze
 * matches redirect URIs exactly, so copying beats retyping.
 */
export function copyRedirectUri(deps: AppsDeps) {
  return async (arg?: unknown): Promise<{ uri: string } | undefined> => {
    let uri = arg && typeof arg === 'object' && typeof (arg as { uri?: unknown }).uri === 'string' ? (arg as { uri: string }).uri : undefined;
    if (!uri) {
      const app = await resolveApp(deps.apps, arg, vscode.l10n.t('Copy a redirect URI of which app?'));
      if (!app) return undefined;
      if (app.redirectUris.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" has no redirect URI registered in VS Code.', app.appName));
        return undefined;
      }
      uri = app.redirectUris.length === 1 ? app.redirectUris[0] : await vscode.window.showQuickPick(app.redirectUris, { placeHolder: vscode.l10n.t('Redirect URI to copy') });
      if (!uri) return undefined;
    }
    await vscode.env.clipboard.writeText(uri);
    vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('Copied {0}', uri)}`, 3000);
    return { uri };
  };
}
