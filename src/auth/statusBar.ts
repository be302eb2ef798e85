import * as vscode from 'vscode';
import type { ResponseInfo } from '../api/transport';
import { Commands } from '../commands/ids';
import { expiryText } from './commands/showSessions';
import { sessionLabel } from './commands/pickSession';
import { AuthServices } from './services';
import { StoredSession } from './sessionStore';

/**
 * Status bar: the active session (app/workspace), time to expiry, and X-RateLimit-Remaining when it runs low
 * (from every client's responses). Click = the session quick pick. Hidden when nobody is signed in.
 */
export class AuthStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('vendaze.session', vscode.StatusBarAlignment.Left, 50);
  private readonly ticker = setInterval(() => void this.update(), 30_000);
  private readonly subscription: { dispose(): void };
  private rateLimit?: { remaining: number; limit?: number; path: string };

  constructor(private readonly svc: AuthServices) {
    this.item.name = vscode.l10n.t('Vendaze Session');
    this.item.command = Commands.showSessions;
    this.subscription = svc.sessions.onDidChange(() => void this.update());
    void this.update();
  }

  /** Feed from clientFactory.onAnyResponse. */
  onResponse(info: ResponseInfo): void {
    if (info.rateLimit?.remaining === undefined) return;
    this.rateLimit = { remaining: info.rateLimit.remaining, limit: info.rateLimit.limit, path: info.path };
    void this.update();
  }

  async update(): Promise<void> {
    const sessions = await this.svc.sessions.list();
    const active = sessions.find((s) => s.id === this.svc.active.id) ?? soonestExpiring(sessions);
    if (!active) {
      this.item.hide();
      return;
    }
    const low = this.lowRateLimit();
    const label = sessionLabel(this.svc, active);
    this.item.text = `$(key) ${label} · ${expiryText(active.expiresAt)}${low ? ` · $(warning) ${vscode.l10n.t('{0} req left', low.remaining)}` : ''}`;
    this.item.tooltip = new vscode.MarkdownString(
      [
        `**Vendaze**: ${label}`,
        `- ${vscode.l10n.t('access token {0} (renewed automatically)', expiryText(active.expiresAt))}`,
        `- ${vscode.l10n.t('scopes: {0}', active.scopes.join(' '))}`,
        `- ${vscode.l10n.t('{0} session(s) signed in; click to switch, copy a token or sign out', sessions.length)}`,
        low ? `- ${vscode.l10n.t('rate limit: {0} requests left ({1})', low.limit ? `${low.remaining}/${low.limit}` : low.remaining, low.path)}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
    // Screen readers get words, not codicon names: "Vendaze session acme-corp, access token expires in 42 min".
    this.item.accessibilityInformation = {
      label: low
        ? vscode.l10n.t('Vendaze session {0}, access token {1}, rate limit low: {2} requests left. Activate to switch sessions, copy a token or sign out.', label, expiryText(active.expiresAt), low.remaining)
        : vscode.l10n.t('Vendaze session {0}, access token {1}. Activate to switch sessions, copy a token or sign out.', label, expiryText(active.expiresAt)),
    };
    this.item.backgroundColor = low ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  /** "Low" = at most 10% of the limit, or 10 requests when the limit is unknown. */
  private lowRateLimit() {
    const r = this.rateLimit;
    if (!r) return undefined;
    const threshold = r.limit ? Math.max(1, Math.floor(r.limit / 10)) : 10;
    return r.remaining <= threshold ? r : undefined;
  }

  dispose(): void {
    clearInterval(this.ticker);
    this.subscription.dispose();
    this.item.dispose();
  }
}

function soonestExpiring(sessions: StoredSession[]): StoredSession | undefined {
  return [...sessions].sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt))[0];
}
