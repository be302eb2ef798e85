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
    const action = preview.kind === 'register' ? 'Register' : 'Rotate';
    if (!(await confirmModal(`${action} "${preview.appName}" on Vendaze?`, formatPreview(preview), action))) return 'cancelled-preview';
  }
  const name = preview.confirmName;
  if (name === undefined) return 'confirmed';
  const typed =
    options.confirmName ??
    (await vscode.window.showInputBox({
      ignoreFocusOut: true,
      title: 'Vendaze: confirm a scope change',
      prompt: `This rotation changes the scopes: Vendaze revokes EVERY user session of the app. Type the app name "${name}" to go ahead.`,
      placeHolder: name,
      validateInput: (value) => (value === name ? undefined : `Type ${name} exactly, or press Escape to cancel.`),
    }));
  return typed === name ? 'confirmed' : 'cancelled-name';
}
