import * as vscode from 'vscode';
import { confirmModal } from '../../apps/confirmModal';
import { formatPreview, type PayloadPreview } from '../preview';

export type ConfirmOutcome = 'confirmed' | 'cancelled-preview' | 'cancelled-name';

export interface ConfirmOptions {
  /**
   * The answer to the preview dialog, given by the caller: true = confirmed (no dialog), false = cancelled.
   * Undefined = ask. (Test hosts refuse modal dialogs, so tests answer here.)
   */
  confirm?: boolean;
  /** The app name as typed by the user, instead of the input box. */
  confirmName?: string;
}

/**
 * The preview in a modal (what changes, what follows), then, when the scopes change, the app name typed back:
 * revoking every user session of an app deserves more than a reflex click.
 */
export async function confirmSubmit(preview: PayloadPreview, options: ConfirmOptions): Promise<ConfirmOutcome> {
  if (options.confirm === false) return 'cancelled-preview';
  if (options.confirm !== true) {
    const register = preview.kind === 'register';
    const action = register ? vscode.l10n.t('Register') : vscode.l10n.t('Rotate');
    const question = register ? vscode.l10n.t('Register "{0}" on Vendaze?', preview.appName) : vscode.l10n.t('Rotate "{0}" on Vendaze?', preview.appName);
    if (!(await confirmModal(question, formatPreview(preview), action))) return 'cancelled-preview';
  }
  const name = preview.confirmName;
  if (name === undefined) return 'confirmed';
  const typed =
    options.confirmName ??
    (await vscode.window.showInputBox({
      ignoreFocusOut: true,
      title: vscode.l10n.t('Vendaze: confirm a scope change'),
      prompt: vscode.l10n.t('This rotation changes the scopes: Vendaze revokes EVERY user session of the app. Type the app name "{0}" to go ahead.', name),
      placeHolder: name,
      validateInput: (value) => (value === name ? undefined : vscode.l10n.t('Type {0} exactly, or press Escape to cancel.', name)),
    }));
  return typed === name ? 'confirmed' : 'cancelled-name';
}
