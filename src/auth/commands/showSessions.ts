import * as vscode from 'vscode';
import { Commands } from '../../commands/ids';
import { AuthServices } from '../services';
import { accountIdOf } from '../sessionArgs';
import { msUntilExpiry } from '../sessionStore';
import { sessionLabel } from './pickSession';

export interface SessionSummary {
  sessionId: string;
  accountId: string;
  label: string;
  clientId: string;
  workspace: string;
  scopes: string[];
  expiresAt: string;
  apiBaseUrl: string;
  active: boolean;
}

/**
 * `Vendaze: Show Sessions` (the status bar item's click): a quick pick of the signed-in sessions; picking one makes
 * it the one the status bar shows and offers its actions. vendaze.showSessions({ pick: false }) just returns the
 * summaries (no tokens), which is what tests and other commands use.
 */
export function showSessionsCommand(svc: AuthServices, onActiveChanged: () => void) {
  return async (options: { pick?: boolean } = {}): Promise<SessionSummary[]> => {
    const summaries = (await svc.sessions.list()).map((s): SessionSummary => ({
      sessionId: s.id,
      accountId: accountIdOf(s),
      label: sessionLabel(svc, s),
      clientId: s.clientId,
      workspace: s.workspaceSlug,
      scopes: s.scopes,
      expiresAt: s.expiresAt,
      apiBaseUrl: s.apiBaseUrl,
      active: s.id === svc.active.id,
    }));
    if (options.pick === false) return summaries;
    const signIn = { label: `$(sign-in) ${vscode.l10n.t('Sign in…')}`, action: 'signIn' as const };
    const picked = await vscode.window.showQuickPick(
      [
        ...summaries.map((s) => ({ label: `${s.active ? '$(check) ' : ''}${s.label}`, description: expiryText(s.expiresAt), detail: s.scopes.join(' '), summary: s })),
        signIn,
      ],
      { placeHolder: vscode.l10n.t('Vendaze sessions: pick one to show it in the status bar') },
    );
    if (!picked) return summaries;
    if (!('summary' in picked)) {
      void vscode.commands.executeCommand(Commands.signIn);
      return summaries;
    }
    svc.active.id = picked.summary.sessionId;
    onActiveChanged();
    const actions = [
      { label: vscode.l10n.t('Copy Access Token'), command: Commands.copyAccessToken },
      { label: vscode.l10n.t('Refresh Session'), command: Commands.refreshSession },
      { label: vscode.l10n.t('Sign Out'), command: Commands.signOut },
    ];
    const action = await vscode.window.showQuickPick(actions, { placeHolder: picked.summary.label });
    if (action) void vscode.commands.executeCommand(action.command, picked.summary.sessionId);
    return summaries;
  };
}

export function expiryText(expiresAt: string, now = Date.now()): string {
  const ms = msUntilExpiry({ expiresAt }, now);
vscode.l10n.t('expired')
  const minutes = Math.floor(ms / 60_000);
  return minutes >= 60 ? vscode.l10n.t('{0}h {1}m left', Math.floor(minutes / 60), minutes % 60) : vscode.l10n.t('{0}m left', Math.max(1, minutes));
}
