import * as vscode from 'vscode';
import { audit } from '../audit/recorder';
import { describeError, type Logger } from '../common/logger';
import type { RemedyArgs } from './codeActions';
import type { DeadSecrets, LeakRemediation } from './remediation';

export interface RemedyResult {
  done: boolean;
  reason?: 'unavailable' | 'bad-arguments' | 'cancelled' | 'failed';
}

function validArgs(args: Partial<RemedyArgs> | undefined): args is RemedyArgs {
  return !!args && typeof args.clientId === 'string' && typeof args.uri === 'string' && Number.isInteger(args.start) && Number.isInteger(args.end) && args.end! > args.start! && !!args.kind;
}

/**
 * Handlers of "Rotate this app's secret now" / "Revoke the tokens". The work is the LeakRemediation's (rotate-app,
 * revoke); this marks the leaked value dead afterwards so that its findings say so. The value is read from the
 * document here, in the extension host, rather than passed around.
 */
export function remedyCommand(remedy: 'rotate' | 'revoke', deps: { remediation: () => LeakRemediation | undefined; dead: DeadSecrets; log: Logger }) {
  return async (args?: Partial<RemedyArgs>): Promise<RemedyResult> => {
    const remediation = deps.remediation();
    if (!remediation) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Vendaze: rotating or revoking from a leak finding is not available yet. Use the Apps view instead.'));
      return { done: false, reason: 'unavailable' };
    }
    if (!validArgs(args)) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Vendaze: run this from the quick fix of a leaked-secret diagnostic (it needs the app and the finding).'));
      return { done: false, reason: 'bad-arguments' };
    }
    try {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
      const value = document.getText(new vscode.Range(document.positionAt(args.start), document.positionAt(args.end)));
      const done = remedy === 'rotate' ? await remediation.rotate(args.clientId) : await remediation.revoke(args.clientId);
      // The file and the kind, never the value.
      const where = `a leaked ${args.kind.replace('_', ' ')} in ${vscode.workspace.asRelativePath(document.uri, false)}`;
      void audit.record({ action: 'leak-fix', outcome: done ? 'ok' : 'cancelled', app: args.clientId, detail: `${remedy === 'rotate' ? 'Rotate' : 'Revoke'} for ${where}` });
      if (!done) return { done: false, reason: 'cancelled' };
      deps.dead.mark(value, args.kind, remedy === 'rotate' ? 'rotated' : 'revoked', args.clientId);
      deps.log.info(`Leaked ${args.kind.replace('_', ' ')} of app ${args.clientId} ${remedy === 'rotate' ? 'rotated' : 'revoked'}; its findings now say it is dead.`);
      return { done: true };
    } catch (error) {
      // Whatever was thrown (not always an Error): a bare `.message` would throw again here and lose the failure.
      const reason = describeError(error);
      deps.log.error(`Could not ${remedy} for app ${args.clientId}: ${reason}`);
      void audit.record({ action: 'leak-fix', outcome: 'failed', app: args.clientId, detail: `${remedy === 'rotate' ? 'Rotate' : 'Revoke'} for a leaked ${args.kind.replace('_', ' ')} failed: ${reason}` });
      void vscode.window.showErrorMessage(remedy === 'rotate' ? vscode.l10n.t('Vendaze: could not rotate the secret: {0}', reason) : vscode.l10n.t('Vendaze: could not revoke the tokens: {0}', reason));
      return { done: false, reason: 'failed' };
    }
  };
}
