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
      void vscode.window.showInformationMessage(`The Vendaze sandbox is already running at ${already.baseUrl}.`);
      return { status: 'already-running', ...already };
    }
    try {
      const setting = readApiGenerationSetting();
      const api = isApiGeneration(args?.api) ? args.api : setting !== 'auto' ? setting : undefined;
      const started = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Vendaze: starting the local sandbox…' },
        async (progress) => {
          progress.report({ message: 'API emulator on 127.0.0.1, demo app and its secret' });
          return controller.start(args?.port, api);
        },
      );
      void vscode.window
        .showInformationMessage(
          `Vendaze sandbox (API ${started.api}) running at ${started.baseUrl}: the extension now talks to it, and its demo app "${started.demoAppName}" is in the Apps view with its secret. Its data lives in memory until you stop it.`,
          'Sign In to Demo App',
          'Open Mailbox',
        )
        .then((choice) => {
          if (choice === 'Sign In to Demo App') void vscode.commands.executeCommand(Commands.signIn, started.demoClientId);
          if (choice === 'Open Mailbox') void vscode.env.openExternal(vscode.Uri.parse(`${started.baseUrl}/_sandbox/mailbox?format=html`));
        });
      return { status: 'started', ...started };
    } catch (error) {
      const message = `Could not start the Vendaze sandbox: ${describeError(error)}`;
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
    void vscode.window.showInformationMessage(`Vendaze sandbox stopped; vendaze.apiBaseUrl is back to what it was.`);
    return { status: 'stopped', ...stopped };
  };
}
