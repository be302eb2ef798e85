import * as vscode from 'vscode';
import type { AppRegistry } from '../registry';
import { Commands } from '../../commands/ids';
import { decideReminders, mute, notified, snooze, type ReminderState } from './policy';

const STATE_KEY = 'vendaze.secretReminder';

/**
 * The secret-age reminder (`vendaze.secretMaxAgeDays`): the Apps view's badge counts stale secrets; a notification
 * comes at most once a day across all windows, for apps not snoozed or muted (policy.ts decides, this file shows).
 */
export class SecretAgeReminder implements vscode.Disposable {
  private readonly subscription: { dispose(): unknown };

  constructor(
    private readonly apps: AppRegistry,
    private readonly maxAgeDays: () => number,
    private readonly globalState: vscode.Memento,
    private readonly view: Pick<vscode.TreeView<unknown>, 'badge'>,
  ) {
    this.subscription = apps.onDidChange(() => this.check());
  }

  /** Updates the badge and shows today's notification if one is due; returns the client_id named (for tests). */
  check(now = new Date()): string | undefined {
    const days = this.maxAgeDays();
    const decision = decideReminders(this.apps.list(), days, this.state(), now);
    const count = decision.stale.length;
    this.view.badge = count === 0 ? undefined : { value: count, tooltip: vscode.l10n.t('{0} app(s) with a client_secret older than {1} days', count, days) };
    const app = decision.notify;
    if (!app) return undefined;
    void this.save(notified(this.state(), now));
    const more = decision.othersDue > 0 ? ` ${vscode.l10n.t('(and {0} more app(s), marked in the Apps view)', decision.othersDue)}` : '';
    const [rotate, later, mute] = [vscode.l10n.t('Rotate…'), vscode.l10n.t('Remind Me Later'), vscode.l10n.t("Don't Remind Me for This App")];
    void vscode.window
      .showWarningMessage(vscode.l10n.t('The client_secret of "{0}" is older than {1} days{2}. Rotating issues a new one and kills the old one at once.', app.appName, days, more), rotate, later, mute)
      .then((choice) => {
        if (choice === rotate) return vscode.commands.executeCommand(Commands.rotateApp, app.clientId);
        if (choice === later) return this.remindLater(app.clientId);
        if (choice === mute) return this.mute(app.clientId);
        return undefined;
      });
    return app.clientId;
  }

  /** A week without a notification about this app; the view still marks it. */
  remindLater(clientId: string, now = new Date()): Promise<void> {
    return this.save(snooze(this.state(), clientId, now));
  }

  /** No notification about this app again; the view still marks it. */
  mute(clientId: string): Promise<void> {
    return this.save(mute(this.state(), clientId));
  }

  private state(): ReminderState {
    return this.globalState.get<ReminderState>(STATE_KEY) ?? {};
  }

  private async save(state: ReminderState): Promise<void> {
    await this.globalState.update(STATE_KEY, state);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
