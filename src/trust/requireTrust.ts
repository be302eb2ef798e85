import * as vscode from 'vscode';
import type { CommandHandler } from '../commands/register';
import { TRUST_REASONS, untrustedMessage, type TrustReason, type UntrustedResult } from './trustedCommands';

/**
 * The one guard for work that sends secrets or runs programs. Trusted: resolves true at once. Restricted Mode:
 * tells the user what waits and why (with a way to grant trust, without waiting for the notification, which never
 * settles in the test host) and resolves false.
 */
export function requireTrust(reason: TrustReason): boolean {
  if (vscode.workspace.isTrusted) return true;
  const manage = vscode.l10n.t('Manage Workspace Trust');
  void vscode.window.showWarningMessage(untrustedMessage(reason), manage).then((choice) => {
    if (choice === manage) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}

/** Wraps the handlers TRUST_REASONS names; the others pass through unchanged. */
export function requireTrustFor<T extends Record<string, CommandHandler>>(handlers: T): T {
  const guarded: Record<string, CommandHandler> = {};
  for (const [id, handler] of Object.entries(handlers)) {
    const reason = (TRUST_REASONS as Record<string, TrustReason | undefined>)[id];
    guarded[id] = reason
      ? (...args: unknown[]) => (requireTrust(reason) ? handler(...args) : ({ ok: false, kind: 'untrusted', message: untrustedMessage(reason) } satisfies UntrustedResult))
      : handler;
  }
  return guarded as T;
}

/** Runs `start` now when trusted, else once trust is granted (background work that sends secrets). */
export function whenTrusted(start: () => vscode.Disposable | void): vscode.Disposable {
  if (vscode.workspace.isTrusted) return start() ?? new vscode.Disposable(() => undefined);
  let started: vscode.Disposable | void;
  const listener = vscode.workspace.onDidGrantWorkspaceTrust(() => {
    listener.dispose();
    started = start();
  });
  return new vscode.Disposable(() => {
    listener.dispose();
    started?.dispose();
  });
}
