import * as vscode from 'vscode';
import type { AppRegistry } from '../../apps/registry';
import { audit } from '../../audit/recorder';
import { Commands, Views } from '../../commands/ids';
import type { Logger } from '../../common/logger';
import type { UsageFinding } from '../monitor';

/**
 * Turns a usage finding into a warning that says what was seen and offers the incident response. The monitor
 * raises each finding once per rate-limit window (or session), so this never becomes a storm of notifications.
 */
export function warnAboutFinding(apps: AppRegistry, log: Logger) {
  return (finding: UsageFinding): void => {
    const app = apps.get(finding.clientId);
    const name = app ? `"${app.appName}"` : finding.clientId;
    const what = finding.kind === 'unexplained-usage' ? 'Unusual API use' : 'Unexpected 401';
    const hint =
      finding.kind === 'unexplained-usage'
        ? 'If your own servers or scripts use this app, that may be expected; otherwise its tokens or client_secret may be compromised.'
        : 'Its tokens may be in someone else\'s hands.';
    log.warn(`${what} for ${finding.clientId}: ${finding.message}`);
    void audit.record({ action: 'usage-warning', outcome: 'warning', app: finding.clientId, requestId: finding.requestIds[0], detail: finding.message });
    void vscode.window.showWarningMessage(`Vendaze: ${what.toLowerCase()} of ${name}. ${finding.message} ${hint}`, 'Incident Response…', 'Show Activity').then((choice) => {
      if (choice === 'Incident Response…') void vscode.commands.executeCommand(Commands.incidentResponse, { clientId: finding.clientId, reason: finding.message });
      if (choice === 'Show Activity') void vscode.commands.executeCommand(`${Views.activity}.focus`);
    });
  };
}
