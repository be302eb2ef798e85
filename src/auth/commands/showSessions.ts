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
    const signIn = { label: '$(sign-in) Sign in…', action: 'signIn' as const };
    const picked = await vscode.window.showQuickPick(
      [
        ...summaries.map((s) => ({ label: `${s.active ? '$(check) ' : ''}${s.label}`, description: expiryText(s.expiresAt), detail: s.scopes.join(' '), summary: s })),
        signIn,
      ],
      { placeHolder: 'Vendaze sessions: pick one to show it in the status bar' },
    );
    if (!picked) return summaries;
    if (!('summary' in picked)) {
      void vscode.commands.executeCommand(Commands.signIn);
      return summaries;
    }
    svc.active.id = picked.summary.sessionId;
    onActiveChanged();
    const action = await vscode.window.showQuickPick(['Copy Access Token', 'Refresh Session', 'Sign Out'], { placeHolder: picked.summary.label });
    const command = { 'Copy Access Token': Commands.copyAccessToken, 'Refresh Session': Commands.refreshSession, 'Sign Out': Commands.signOut }[action ?? ''];
    if (command) void vscode.commands.executeCommand(command, picked.summary.sessionId);
    return summaries;
  };
}

export function expiryText(expiresAt: string, now = Date.now()): string {
  const ms = msUntilExpiry({ expiresAt }, now);
  if (ms <= 0) return 'expired';
  const minutes = Math.floor(ms / 60_000);
  return minutes >= 60 ? `${Math.floor(minutes / 60)}h ${minutes % 60}m left` : `${Math.max(1, minutes)}m left`;
}
