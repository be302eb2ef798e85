import * as vscode from 'vscode';
import { schemas } from '../schemas/lazy';
import type { AppRecord, AppRegistry } from './registry';

/**
 * The registration email kept with the app, else asked once and kept: API 2026-07 proves ownership with it
 * (rotate, delete) and never reveals it. `given` answers for tests and automation.
 */
export async function registeredEmail(apps: AppRegistry, app: AppRecord, given?: string): Promise<string | undefined> {
  if (app.email) return app.email;
  const email =
    given ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Vendaze: registration email of "{0}"', app.appName),
      prompt: vscode.l10n.t('This API proves ownership with the email the app was registered with. VS Code keeps it with the app and asks only once.'),
      ignoreFocusOut: true,
      validateInput: (value) => (schemas().EmailSchema.safeParse(value.trim()).success ? undefined : vscode.l10n.t('Enter the email address the app was registered with.')),
    }));
  const trimmed = email?.trim();
  if (!trimmed || !schemas().EmailSchema.safeParse(trimmed).success) return undefined;
  await apps.upsert({ ...app, email: trimmed });
  return trimmed;
}
