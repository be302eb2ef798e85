import * as vscode from 'vscode';
import type { AppRegistry } from '../apps/registry';
import { Commands } from '../commands/ids';
import { appsDueForReminder } from './format';

/**
 * Reminds the user (once per app per window session) when an app's client_secret is older than
 * `vendaze.secretMaxAgeDays`. The security guide asks integrators to rotate regularly; a nag on every change
 * event would be noise, so each app is reminded at most once until VS Code restarts.
 */
export class SecretAgeReminder implements vscode.Disposable {
  private readonly reminded = new Set<string>();
  private readonly subscription: { dispose(): unknown };

  constructor(
    private readonly apps: AppRegistry,
    private readonly maxAgeDays: () => number,
  ) {
    this.subscription = apps.onDidChange(() => this.check());
  }

  /** Shows the reminders due now; returns the client_ids reminded (for tests). */
  check(now = new Date()): string[] {
    const due = appsDueForReminder(this.apps.list(), this.maxAgeDays(), this.reminded, now);
    for (const app of due) {
      this.reminded.add(app.clientId);
      void vscode.window
        .showWarningMessage(
          `The client_secret of "${app.appName}" is older than ${this.maxAgeDays()} days. Rotating issues a new one and kills the old one at once.`,
          'Rotate…',
        )
        .then((choice) => choice && vscode.commands.executeCommand(Commands.rotateApp, app.clientId));
    }
    return due.map((app) => app.clientId);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
