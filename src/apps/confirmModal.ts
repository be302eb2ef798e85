import * as vscode from 'vscode';

/**
 * A modal yes/no before something irreversible. A dialog that cannot be shown (a host that refuses dialogs, as
 * test hosts do) counts as Cancel: an irreversible action never proceeds by default.
 */
export async function confirmModal(message: string, detail: string, action: string): Promise<boolean> {
  try {
    return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
  } catch {
    return false;
  }
}
