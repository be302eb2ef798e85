import * as vscode from 'vscode';
import { SessionEndedError } from './errors';
import { AuthServices } from './services';
import { accountIdOf, accountLabel } from './sessionArgs';
import { StoredSession } from './sessionStore';

/** Sign-in and sign-out with their UI, required when VS Code asks to create or remove a session (docs/startup.md). */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy-load boundary (scripts/build.mjs)
const handlers = () => require('./commands') as typeof import('./commands');

export const PROVIDER_ID = 'vendaze';
export const PROVIDER_LABEL = 'Vendaze';

/**
 * The `vendaze` authentication provider: one account per (app, workspace), so `supportsMultipleAccounts`. Other
 * extensions call `vscode.authentication.getSession('vendaze', scopes)` and get a fresh access token: sessions
 * close to expiry are refreshed (single flight) before they are handed out. Sessions live in the SessionStore;
 * this class only translates, and diffs the store's change events into onDidChangeSessions.
 */
export class VendazeAuthenticationProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.emitter.event;
  /** What the last diff saw, by session id. */
  private known = new Map<string, vscode.AuthenticationSession>();
  private diffQueued: Promise<void> | undefined;
  private readonly subscription: { dispose(): void };

  constructor(private readonly svc: AuthServices) {
    this.subscription = svc.sessions.onDidChange(() => this.queueDiff());
    void this.diff(false);
  }

  /** `options.account` (VS Code 1.93+, when a caller asks for one account) narrows the answer to that account. */
  async getSessions(scopes?: readonly string[], options?: { account?: { id?: string; label?: string } }): Promise<vscode.AuthenticationSession[]> {
    const wanted = scopes ?? [];
    const account = options?.account;
    const matching = (await this.svc.sessions.list())
      .filter((s) => wanted.every((scope) => s.scopes.includes(scope)))
      .filter((s) => !account?.id || accountIdOf(s) === account.id);
    const fresh = await Promise.all(matching.map((s) => this.fresh(s)));
    return fresh.filter((s): s is StoredSession => s !== undefined).map((s) => this.toSession(s));
  }

  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    const apps = this.svc.apps.list().filter((app) => scopes.every((scope) => app.scopes.includes(scope)));
    if (apps.length === 0) {
      throw new Error(
        scopes.length
          ? vscode.l10n.t('No Vendaze app in VS Code is registered for {0}. Register or rotate an app with these scopes, then sign in.', scopes.join(' '))
          : vscode.l10n.t('No Vendaze app in VS Code yet. Register one or add an existing one, then sign in.'),
      );
    }
    const app =
      apps.length === 1
        ? apps[0]
        : (await vscode.window.showQuickPick(apps.map((a) => ({ label: a.appName, description: a.clientId, app: a })), { placeHolder: vscode.l10n.t('Sign in to Vendaze with which app?') }))?.app;
    if (!app) throw new Error(vscode.l10n.t('Sign-in cancelled.'));
    const result = await handlers().signInWithUi(this.svc, app, { scopes: scopes.length ? [...scopes] : undefined });
    if (!result.ok) throw new Error(result.message);
    const session = await this.svc.sessions.get(result.sessionId);
    if (!session) throw new Error(vscode.l10n.t('The new Vendaze session disappeared before it could be used.'));
    return this.toSession(session);
  }

  async removeSession(sessionId: string): Promise<void> {
    await handlers().signOutWithUi(this.svc, sessionId);
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }

  private async fresh(session: StoredSession): Promise<StoredSession | undefined> {
    if (!this.svc.coordinator.needsRefresh(session)) return session;
    try {
      return await this.svc.coordinator.ensureFresh(session.id);
    } catch (error) {
      if (error instanceof SessionEndedError) return undefined;
      // Offline or rate limited: hand out what we have; the caller's request will say if it no longer works.
      this.svc.log.warn(`Could not refresh ${accountIdOf(session)} before handing it out: ${String(error)}`);
      return session;
    }
  }

  private toSession(s: StoredSession): vscode.AuthenticationSession {
    return {
      id: s.id,
      accessToken: s.accessToken,
      account: { id: accountIdOf(s), label: accountLabel(s, this.svc.apps.get(s.clientId)?.appName) },
      scopes: s.scopes,
    };
  }

  /** Coalesces the burst of store events one save produces (record + index) into one diff. */
  private queueDiff(): void {
    this.diffQueued ??= new Promise<void>((resolve) => setTimeout(resolve, 25)).then(() => {
      this.diffQueued = undefined;
      return this.diff(true);
    });
  }

  private async diff(fire: boolean): Promise<void> {
    const now = new Map((await this.svc.sessions.list()).map((s) => [s.id, this.toSession(s)] as const));
    const added = [...now.values()].filter((s) => !this.known.has(s.id));
    const removed = [...this.known.values()].filter((s) => !now.has(s.id));
    const changed = [...now.values()].filter((s) => {
      const before = this.known.get(s.id);
      return before !== undefined && (before.accessToken !== s.accessToken || before.account.label !== s.account.label || before.scopes.join(' ') !== s.scopes.join(' '));
    });
    this.known = now;
    if (fire && (added.length || removed.length || changed.length)) this.emitter.fire({ added, removed, changed });
  }
}
