import * as vscode from 'vscode';
import type { AppRecord, AppRegistry } from './registry';

/**
 * Commands are reached from the palette (no argument), tree menus (a tree node), editor menus (a Uri), other
 * commands and tests (a client_id string or an options object). These helpers read what they need from any of them.
 */

export function clientIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && typeof (arg as { clientId?: unknown }).clientId === 'string') return (arg as { clientId: string }).clientId;
  return undefined;
}

/** The options object of a command call, if the argument is one (not a tree node, Uri or string). */
export function optionsOf<T extends object>(arg: unknown): Partial<T> {
  if (!arg || typeof arg !== 'object' || arg instanceof vscode.Uri || 'type' in arg) return {};
  return arg as Partial<T>;
}

/** The app named by the argument, else a quick pick of all apps (undefined if none or dismissed). */
export async function resolveApp(apps: AppRegistry, arg: unknown, placeHolder: string): Promise<AppRecord | undefined> {
  const clientId = clientIdOf(arg);
  if (clientId) {
    const app = apps.get(clientId);
    if (!app) void vscode.window.showErrorMessage(vscode.l10n.t('No Vendaze app with client_id {0} in VS Code. Add it first with "Vendaze: Add Existing App".', clientId));
    return app;
  }
  const all = apps.list();
  if (all.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No Vendaze apps yet: register one or add an existing one first.'));
    return undefined;
  }
  if (all.length === 1) return all[0];
  const picked = await vscode.window.showQuickPick(
    all.map((app) => ({ label: app.appName, description: app.clientId, detail: app.scopes.join(' '), app })),
    { placeHolder, matchOnDescription: true },
  );
  return picked?.app;
}
