import * as vscode from 'vscode';
import type { VendazeClient } from '../../api/client';
import { VendazeApiError } from '../../api/errors';
import type { AppRecord } from '../registry';

/** Typed-name confirmation: deleting is permanent, so a click is not enough. */
export async function confirmDeletion(app: AppRecord, given: string | undefined): Promise<boolean> {
  const typed =
    given ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Vendaze: delete "{0}" permanently', app.appName),
      prompt: vscode.l10n.t('Vendaze removes the app, its data and every user session; the client_id {0} stops working for good. Type the app name to confirm.', app.clientId),
      ignoreFocusOut: true,
      validateInput: (value) => (value === app.appName ? undefined : vscode.l10n.t('Type {0} exactly.', app.appName)),
    }));
  return typed === app.appName;
}

/**
 * The read that settles an unknown delete outcome without side effects: revoking a string that is no token is a
 * no-op for an existing app (200, "already revoked") and 401 invalid_client once the client_id is gone.
 */
export async function confirmGone(client: VendazeClient, clientId: string, secret: string): Promise<'gone' | 'exists' | 'unknown'> {
  try {
    await client.revokeToken({ clientId, clientSecret: secret, token: 'vendaze-vscode-delete-check' });
    return 'exists';
  } catch (error) {
    if (error instanceof VendazeApiError && error.kind === 'http' && error.status === 401 && error.code === 'invalid_client') return 'gone';
    return 'unknown';
  }
}
