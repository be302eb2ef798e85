import * as vscode from 'vscode';
import type { AppRegistry } from '../../apps/registry';
import { audit } from '../../audit/recorder';
import { Commands, Views } from '../../commands/ids';
import type { Logger } from '../../common/logger';
import { findingText } from '../findingText';
import type { UsageFinding } from '../monitor';

/**
 * Turns a usage finding into a warning that says what was seen and offers the incident response. The monitor
 * raises each finding once per rate-limit window (or session), so this never becomes a storm of notifications.
 */
export function warnAboutFinding(apps: AppRegistry, log: Logger) {
  return (finding: UsageFinding): void => {
    const app = apps.get(finding.clientId);
    const name = app ? `"${app.appName}"` : finding.clientId;
    const unusual = finding.kind === 'unexplained-usage';
    log.warn(`${unusual ? 'Unusual API use' : 'Unexpected 401'} for ${finding.clientId}: ${finding.message}`);
    void audit.record({ action: 'usage-warning', outcome: 'warning', app: finding.clientId, requestId: finding.requestIds[0], detail: finding.message });
    // The log and the audit record keep the English finding; the person reads it in the display language.
    const text = unusual
      ? vscode.l10n.t('Vendaze: unusual API use of {0}. {1} If your own servers or scripts use this app, that may be expected; otherwise its tokens or client_secret may be compromised.', name, findingText(finding))
      : vscode.l10n.t('Vendaze: unexpected 401 of {0}. {1} Its tokens may be in someone else\'s hands.', name, findingText(finding));
    const [respond, show] = [vscode.l10n.t('Incident Response…'), vscode.l10n.t('Show Activity')];
    void vscode.window.showWarningMessage(text, respond, show).then((choice) => {
      if (choice === respond) void vscode.commands.executeCommand(Commands.incidentResponse, { clientId: finding.clientId, reason: finding.message });
      if (choice === show) void vscode.commands.executeCommand(`${Views.activity}.focus`);
    });
  };
}
