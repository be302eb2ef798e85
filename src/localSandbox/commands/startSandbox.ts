import * as vscode from 'vscode';
import { describeError, type Logger } from '../../common/logger';
import { Commands } from '../../commands/ids';
import { isApiGeneration, type ApiGeneration } from '../../api/generation';
import { readApiGenerationSetting } from '../../config';
import type { LocalSandboxController, StartedSandbox } from '../controller';

export type StartSandboxResult = ({ status: 'started' | 'already-running' } & StartedSandbox) | { status: 'failed'; message: string };

/**
 * `Vendaze: Start Local Sandbox`: try everything against a local Vendaze, no account needed. Args `{ port, api }`:
 * `api` picks the API generation it speaks (2026-05 or 2026-07); without it, vendaze.apiGeneration when it names
 * one, else 2026-05.
 */
export function startSandbox(controller: LocalSandboxController, log: Logger) {
  return async (args?: { port?: number; api?: ApiGeneration }): Promise<StartSandboxResult> => {
    const already = controller.current;
    if (already) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The Vendaze sandbox is already running at {0}.', already.baseUrl));
      return { status: 'already-running', ...already };
    }
    try {
      const setting = readApiGenerationSetting();
      const api = isApiGeneration(args?.api) ? args.api : setting !== 'auto' ? setting : undefined;
      const started = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Vendaze: starting the local sandbox…') },
        async (progress) => {
          progress.report({ message: vscode.l10n.t('API emulator on 127.0.0.1, demo app and its secret') });
          return controller.start(args?.port, api);
        },
      );
      const [signIn, mailbox] = [vscode.l10n.t('Sign In to Demo App'), vscode.l10n.t('Open Mailbox')];
      void vscode.window
        .showInformationMessage(
          vscode.l10n.t('Vendaze sandbox (API {0}) running at {1}: the extension now talks to it, and its demo app "{2}" is in the Apps view with its secret. Its data lives in memory until you stop it.', started.api, started.baseUrl, started.demoAppName),
          signIn,
          mailbox,
        )
        .then((choice) => {
          if (choice === signIn) void vscode.commands.executeCommand(Commands.signIn, started.demoClientId);
          if (choice === mailbox) void vscode.env.openExternal(vscode.Uri.parse(`${started.baseUrl}/_sandbox/mailbox?format=html`));
        });
      return { status: 'started', ...started };
    } catch (error) {
      const message = vscode.l10n.t('Could not start the Vendaze sandbox: {0}', describeError(error));
      log.error(message);
      void vscode.window.showErrorMessage(message);
      return { status: 'failed', message };
    }
  };
}

/** `Vendaze: Stop Local Sandbox`: stops it, forgets its apps, and points the extension back where it was. */
export function stopSandbox(controller: LocalSandboxController) {
  return async (): Promise<{ status: 'stopped'; forgottenApps: number } | { status: 'not-running' }> => {
    const stopped = await controller.stop();
    if (!stopped) return { status: 'not-running' };
    void vscode.window.showInformationMessage(vscode.l10n.t('Vendaze sandbox stopped; vendaze.apiBaseUrl is back to what it was.'));
    return { status: 'stopped', ...stopped };
  };
}
