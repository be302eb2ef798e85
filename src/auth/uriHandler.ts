import * as vscode from 'vscode';

/**
 * The extension's URI handler, as an event (the github-authentication pattern): a sign-in waiting for its
 * callback subscribes, nothing is parsed here. Callbacks arrive as `<scheme>://vendaze.vendaze-vscode/auth-callback`.
 */
export class UriEventHandler extends vscode.EventEmitter<vscode.Uri> implements vscode.UriHandler {
  handleUri(uri: vscode.Uri): void {
    this.fire(uri);
  }
}

export const AUTH_CALLBACK_PATH = '/auth-callback';
