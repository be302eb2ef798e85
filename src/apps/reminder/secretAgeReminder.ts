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
    this.view.badge = count === 0 ? undefined : { value: count, tooltip: `${count} app(s) with a client_secret older than ${days} days` };
    const app = decision.notify;
    if (!app) return undefined;
    void this.save(notified(this.state(), now));
    const more = decision.othersDue > 0 ? ` (and ${decision.othersDue} more app(s), marked in the Apps view)` : '';
    void vscode.window
      .showWarningMessage(`The client_secret of "${app.appName}" is older than ${days} days${more}. Rotating issues a new one and kills the old one at once.`, 'Rotate…', 'Remind Me Later', "Don't Remind Me for This App")
      .then((choice) => {
        if (choice === 'Rotate…') return vscode.commands.executeCommand(Commands.rotateApp, app.clientId);
        if (choice === 'Remind Me Later') return this.remindLater(app.clientId);
        if (choice === "Don't Remind Me for This App") return this.mute(app.clientId);
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
