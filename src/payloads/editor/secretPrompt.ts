import * as vscode from 'vscode';
import { secretProblem } from '../../apps/existingAppInput';
import { Commands } from '../../commands/ids';
import { generationRules, type ApiGeneration } from '../../api/generation';

/**
 * A secret handed over by a caller instead of typed: the value, or a function called with the (possibly new)
 * client_id once Vendaze has answered, since only then is the email sent (automation, tests reading a mailbox).
 */
export type SecretSource = string | ((clientId: string) => string | undefined | Promise<string | undefined>);

/**
 * Asks for the client_secret Vendaze just emailed (after register or rotate) and returns it, or undefined when
 * the user will do it later. It is never echoed, logged or written anywhere but SecretStorage by the caller.
 */
/** What the password input says: the email itself, or a one-time link (opened by the user, never by VS Code). */
export function pastePrompt(options: { rotated: boolean; email?: string; generation?: ApiGeneration }): string {
  const to = options.email ?? vscode.l10n.t('the registered address');
  const delivery = options.generation ? generationRules(options.generation).secretDelivery : undefined;
  if (delivery?.kind === 'one-time-link') {
    return options.rotated
      ? vscode.l10n.t('Vendaze emailed {0} a one-time link to the new client_secret. Open it in your browser within {1} minutes: it shows the secret once, then stops working (if it expired or was already opened, rotate the app again). Paste the secret here: it goes straight into VS Code\'s secret storage.', to, delivery.linkTtlMinutes)
      : vscode.l10n.t('Vendaze emailed {0} a one-time link to the client_secret. Open it in your browser within {1} minutes: it shows the secret once, then stops working (if it expired or was already opened, rotate the app again). Paste the secret here: it goes straight into VS Code\'s secret storage.', to, delivery.linkTtlMinutes);
  }
  return options.rotated
    ? vscode.l10n.t('Vendaze emailed the new client_secret to {0}. Paste it here: it goes straight into VS Code\'s secret storage.', to)
    : vscode.l10n.t('Vendaze emailed the client_secret to {0}. Paste it here: it goes straight into VS Code\'s secret storage.', to);
}

export async function obtainEmailedSecret(options: {
  clientId: string;
  appName: string;
  email?: string;
  rotated: boolean;
  /** Given by the caller (tests, automation) instead of the password input. */
  given?: SecretSource;
  /** How the API delivers it: 2026-07 sends a one-time link instead of the secret. */
  generation?: ApiGeneration;
}): Promise<string | undefined> {
  const answered = options.given !== undefined; // the caller answered: never prompt, even with "no secret (yet)"
  let secret = typeof options.given === 'function' ? await options.given(options.clientId) : options.given;
  if (!answered) {
    secret = await vscode.window.showInputBox({
      password: true,
      ignoreFocusOut: true,
      title: options.rotated ? vscode.l10n.t('Vendaze: new client_secret of "{0}"', options.appName) : vscode.l10n.t('Vendaze: client_secret of "{0}"', options.appName),
      prompt: pastePrompt(options),
      validateInput: secretProblem,
    });
  } else if (secret !== undefined && secretProblem(secret)) {
    secret = undefined;
  }
  if (secret === undefined || secret.trim() === '') {
    void vscode.window
      .showWarningMessage(vscode.l10n.t('"{0}" has no client_secret in VS Code yet: sign-in needs it.', options.appName), vscode.l10n.t('Enter Secret…'))
      .then((choice) => choice && vscode.commands.executeCommand(Commands.addExistingApp, options.clientId));
    return undefined;
  }
  return secret.trim();
}
