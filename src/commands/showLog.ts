import type * as vscode from 'vscode';

export function showLog(channel: vscode.LogOutputChannel) {
  return (): void => channel.show(true);
}
