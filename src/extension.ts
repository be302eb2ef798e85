import * as vscode from 'vscode';
import { SecretRedactor } from './common/redact';
import { Logger } from './common/logger';
import { Commands } from './commands/ids';
import { registerCommands } from './commands/register';
import { showLog } from './commands/showLog';
import { checkConnection } from './commands/checkConnection';
import { AppRegistry } from './apps/registry';

/**
 * Composition root: builds the services once, wires them to VS Code, and hands every disposable to the
 * extension context. No feature logic lives here.
 */
export function activate(context: vscode.ExtensionContext): void {
  const channel = vscode.window.createOutputChannel('Vendaze', { log: true });
  const redactor = new SecretRedactor();
  const log = new Logger(channel, redactor);
  // Every secret the registry reads or writes is taught to the redactor, so it can never reach the log.
  const apps = new AppRegistry(context.globalState, context.secrets, (secret) => redactor.add(secret));

  context.subscriptions.push(
    channel,
    registerCommands({
      [Commands.showLog]: showLog(channel),
      [Commands.checkConnection]: checkConnection(log.child('api')),
    }),
  );

  void apps; // consumed by the apps tree and sign-in as they are wired in

  log.info(`Vendaze ${context.extension.packageJSON.version} activated (VS Code ${vscode.version}, ${vscode.env.appHost}).`);
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
