import * as vscode from 'vscode';
import { secretProblem } from '../../apps/existingAppInput';
import { Commands } from '../../commands/ids';

/**
 * A secret handed over by a caller instead of typed: the value, or a function called with the (possibly new)
 * client_id once Vendaze has answered, since only then is the email sent (automation, tests reading a mailbox).
 */
export type SecretSource = string | ((clientId: string) => string | undefined | Promise<string | undefined>);

/**
 * Asks for the client_secret Vendaze just emailed (after register or rotate) and returns it, or undefined when
 * the user will do it later. It is never echoed, logged or written anywhere but SecretStorage by the caller.
 */
export async function obtainEmailedSecret(options: {
  clientId: string;
  appName: string;
  email?: string;
  rotated: boolean;
  /** Given by the caller (tests, automation) instead of the password input. */
  given?: SecretSource;
}): Promise<string | undefined> {
  const answered = options.given !== undefined; // the caller answered: never prompt, even with "no secret (yet)"
  let secret = typeof options.given === 'function' ? await options.given(options.clientId) : options.given;
  if (!answered) {
    secret = await vscode.window.showInputBox({
      password: true,
      ignoreFocusOut: true,
      title: `Vendaze: ${options.rotated ? 'new ' : ''}client_secret of "${options.appName}"`,
      prompt:
        `Vendaze emailed the ${options.rotated ? 'new ' : ''}client_secret to ${options.email ?? 'the registered address'} ` +
        '(the link in that email works once and expires after 15 minutes). Paste it here: it goes straight into VS Code\'s secret storage.',
      validateInput: secretProblem,
    });
  } else if (secret !== undefined && secretProblem(secret)) {
    secret = undefined;
  }
  if (secret === undefined || secret.trim() === '') {
    void vscode.window
      .showWarningMessage(`"${options.appName}" has no client_secret in VS Code yet: sign-in needs it.`, 'Enter Secret…')
      .then((choice) => choice && vscode.commands.executeCommand(Commands.addExistingApp, options.clientId));
    return undefined;
  }
  return secret.trim();
}
