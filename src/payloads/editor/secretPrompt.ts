import * as vscode from 'vscode';
import { secretProblem } from '../../apps/existingAppInput';
import { Commands } from '../../commands/ids';
import type { ApiGeneration } from '../../api/generation';
import { isSandbox, latestSandboxMail, type SandboxMail } from '../sandboxMailbox';
import { mailShownPrompt, noSandboxMail, pastePlaceholder, pastePrompt, type PromptContext } from '../secretPromptText';

export { pastePrompt } from '../secretPromptText';

/**
 * A secret handed over by a caller instead of typed: the value, or a function called with the (possibly new)
 * client_id once Vendaze has answered, since only then is the email sent (automation, tests reading a mailbox), or
 * `{ sandboxMailbox: true }`: what the prompt's mail button does (automation and tests cannot click it).
 */
export type SecretSource = string | ((clientId: string) => string | undefined | Promise<string | undefined>) | { sandboxMailbox: true };

interface SecretRequest {
  clientId: string;
  appName: string;
  email?: string;
  rotated: boolean;
  /** Given by the caller (tests, automation) instead of the password input. */
  given?: SecretSource;
  /** How the API delivers it: 2026-07 sends a one-time link instead of the secret. */
  generation?: ApiGeneration;
  /** Where the app lives: a local sandbox there gets the mailbox hand-off. */
  apiBaseUrl?: string;
}

/**
 * Asks for the client_secret Vendaze just emailed (after register or rotate) and returns it, or undefined when
 * the user will do it later. It is never echoed, logged or written anywhere but SecretStorage by the caller.
 */
export async function obtainEmailedSecret(options: SecretRequest): Promise<string | undefined> {
  const answered = options.given !== undefined; // the caller answered: never prompt, even with "no secret (yet)"
  let secret: string | undefined;
  if (options.given && typeof options.given === 'object') {
    const mail = options.apiBaseUrl ? await latestSandboxMail(options.apiBaseUrl, options.clientId) : undefined;
    secret = mail && !mail.secretLink ? mail.clientSecret : undefined; // a one-time link is never followed for the user
  } else if (answered) {
    secret = typeof options.given === 'function' ? await options.given(options.clientId) : options.given;
  } else {
    const sandbox = options.apiBaseUrl ? await isSandbox(options.apiBaseUrl) : false;
    secret = await askForSecret(options, { rotated: options.rotated, email: options.email, generation: options.generation, sandbox });
  }
  if (secret !== undefined && secretProblem(secret)) secret = undefined;
  if (secret === undefined || secret.trim() === '') {
    void vscode.window
      .showWarningMessage(vscode.l10n.t('"{0}" has no client_secret in VS Code yet: sign-in needs it.', options.appName), vscode.l10n.t('Enter Secret…'))
      .then((choice) => choice && vscode.commands.executeCommand(Commands.addExistingApp, options.clientId));
    return undefined;
  }
  return secret.trim();
}

/** The password input; in a sandbox it carries a mail button that fills the secret (or shows the email with its link). */
function askForSecret(request: SecretRequest, context: PromptContext): Promise<string | undefined> {
  const input = vscode.window.createInputBox();
  input.password = true;
  input.ignoreFocusOut = true;
  input.title = request.rotated ? vscode.l10n.t('Vendaze: new client_secret of "{0}"', request.appName) : vscode.l10n.t('Vendaze: client_secret of "{0}"', request.appName);
  input.prompt = pastePrompt(context);
  input.placeholder = pastePlaceholder(context);
  const mailButton: vscode.QuickInputButton = {
    iconPath: new vscode.ThemeIcon('mail'),
    tooltip: context.generation === '2026-07' ? vscode.l10n.t('Show the sandbox email') : vscode.l10n.t('Fill from the sandbox mailbox'),
  };
  if (context.sandbox) input.buttons = [mailButton];
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: string | undefined) => {
      if (settled) return;
      settled = true;
      resolve(value);
      input.hide();
    };
    const subscriptions = [
      input.onDidChangeValue((value) => (input.validationMessage = value ? secretProblem(value) : undefined)),
      input.onDidAccept(() => {
        const problem = secretProblem(input.value);
        if (problem) input.validationMessage = problem;
        else finish(input.value);
      }),
      input.onDidTriggerButton(async () => {
        if (!request.apiBaseUrl) return;
        input.busy = true;
        const mail: SandboxMail | undefined = await latestSandboxMail(request.apiBaseUrl, request.clientId);
        input.busy = false;
        if (!mail) {
          input.validationMessage = noSandboxMail();
          return;
        }
        input.validationMessage = undefined;
        input.prompt = mailShownPrompt(mail, context);
        if (!mail.secretLink && mail.clientSecret) input.value = mail.clientSecret;
      }),
      input.onDidHide(() => {
        finish(undefined);
        for (const s of subscriptions) s.dispose();
        input.dispose();
      }),
    ];
    input.show();
  });
}
