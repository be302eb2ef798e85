import * as vscode from 'vscode';
import { Commands } from '../../commands/ids';
import type { CallbackOutcome } from '../attempts';
import { parsePastedCallback, type PastedCallback } from '../pastedCallback';
import type { AuthServices } from '../services';

/**
 * The ways back when the browser does not return to VS Code (timeout, blocked pop-up, a remote machine, a redirect
 * the OS does not route): copy the sign-in link into a browser that works, and paste the address that browser
 * ended on. The pasted code and state go through SignInAttempts.deliver, exactly like a loopback or URI-handler
 * callback. Context key `vendaze.signInPending` shows the two commands in the palette while a sign-in waits.
 */

export const SIGN_IN_PENDING_CONTEXT = 'vendaze.signInPending';
const COPY = (): string => vscode.l10n.t('Copy Sign-in Link');
const PASTE = (): string => vscode.l10n.t('Paste Browser URL…');

export type PasteResult =
  | { ok: true; kind: 'code' | 'denied' }
  | { ok: false; kind: Extract<PastedCallback, { ok: false }>['reason'] | Extract<CallbackOutcome, { ok: false }>['kind'] | 'cancelled'; message: string };

/** Shown while a sign-in waits: the two ways back, one click each (never awaited: notifications may never settle). */
export function offerWaysBack(how: 'opened' | 'not_opened' | 'copied'): void {
  const text =
    how === 'copied'
      ? vscode.l10n.t('Vendaze: the sign-in link is on the clipboard. Open it in a browser that can reach Vendaze, approve, then paste the address that browser ends on.')
      : how === 'not_opened'
        ? vscode.l10n.t('Vendaze: VS Code could not open a browser. Copy the sign-in link into one, approve, then paste the address it ends on.')
        : vscode.l10n.t('Vendaze: approve the sign-in in your browser. If it does not come back to VS Code, copy the link into another browser, or paste the address the browser ended on.');
  const [copy, paste] = [COPY(), PASTE()];
  void vscode.window.showInformationMessage(text, copy, paste).then((choice) => {
    if (choice === copy) void vscode.commands.executeCommand(Commands.copySignInLink);
    if (choice === paste) void vscode.commands.executeCommand(Commands.pasteSignInUrl);
  });
}

/** `Vendaze: Copy Sign-in Link`: the consent-page link of the sign-in in progress. Returns whether it copied. */
export function copySignInLinkCommand(svc: AuthServices) {
  return async (): Promise<{ copied: boolean; message?: string }> => {
    const link = svc.current.link;
    if (!link) {
      const message = vscode.l10n.t('No Vendaze sign-in is waiting for the browser. Run Vendaze: Sign In first.');
      void vscode.window.showWarningMessage(message);
      return { copied: false, message };
    }
    await vscode.env.clipboard.writeText(link);
    svc.log.info('Sign-in link copied to the clipboard.');
    return { copied: true };
  };
}

/**
 * `Vendaze: Paste Sign-in URL…` (vendaze.pasteSignInUrl(url?): tests and scripts pass the address; otherwise an
 * input box asks for it). The pasted text is never logged: it holds the authorization code.
 */
export function pasteSignInUrlCommand(svc: AuthServices) {
  return async (pasted?: unknown): Promise<PasteResult> => {
    const text =
      typeof pasted === 'string'
        ? pasted
        : await vscode.window.showInputBox({
            title: vscode.l10n.t('Vendaze: paste the address the browser ended on'),
            prompt: vscode.l10n.t('After you pressed Authorize, copy the whole address from the browser tab (it contains code= and state=) and paste it here.'),
            placeHolder: 'http://127.0.0.1:53682/callback?code=…&state=…', // an example address, the same in every language,
            ignoreFocusOut: true,
          });
    if (text === undefined) return { ok: false, kind: 'cancelled', message: vscode.l10n.t('Nothing was pasted.') };
    const parsed = parsePastedCallback(text);
    if (!parsed.ok) return refuse(svc, parsed.reason, parsed.message);
    const code = parsed.params.get('code');
    if (code) svc.redactor.add(code);
    const outcome = svc.attempts.deliver(parsed.params);
    if (!outcome.ok) return refuse(svc, outcome.kind, outcome.message, outcome.english);
    svc.log.info(`Pasted sign-in address accepted (${outcome.kind}).`);
    return { ok: true, kind: outcome.kind };
  };
}

/** `english`: the same text for the log, where there is one (the pasted-address parser words only the display language). */
function refuse(svc: AuthServices, kind: Extract<PasteResult, { ok: false }>['kind'], message: string, english = message): PasteResult {
  svc.log.warn(`Pasted sign-in address refused (${kind}): ${english}`);
  void vscode.window.showWarningMessage(message);
  return { ok: false, kind, message };
}
