import * as vscode from 'vscode';
import { Commands } from '../../commands/ids';
import type { LeakRemediation } from '../../leaks/remediation';
import { IncidentRunner } from '../runner';
import { prepare, withProgress } from './command';
import { incidentDeps, IncidentServices } from './deps';

/**
 * "Rotate this app's secret now" / "Revoke the tokens" on a leak finding, done as the first steps of an incident
 * response for the app (a leaked credential is one): the same confirmations, the same never-twice rotation, the
 * same audit entries, and the rest of the checklist one click away. For leaks.setRemediation(...).
 */
export function incidentLeakRemediation(svc: IncidentServices, onChange: () => void): LeakRemediation {
  const run = async (clientId: string, step: 'rotate' | 'revoke'): Promise<boolean> => {
    const runner = new IncidentRunner(incidentDeps(svc, {}));
    const state = await runner.open(clientId, `A leaked ${step === 'rotate' ? 'client_secret' : 'token'} of the app was found in the workspace`);
    const options = await prepare(svc, state, step);
    if (!options) return false;
    const result = await withProgress(step, () => runner.run(state.id, step, options));
    onChange();
    const dead = step === 'rotate' ? result.status === 'done' || result.status === 'waiting' : result.status === 'done';
    if (!dead && result.status === 'failed') throw new Error(result.outcome);
    void vscode.window
      .showInformationMessage(vscode.l10n.t('Vendaze: {0} Continue the incident response (report, notify users, sign in again)?', result.outcome), vscode.l10n.t('Incident Response…'))
      .then((choice) => choice && vscode.commands.executeCommand(Commands.incidentResponse, state.clientId));
    return dead;
  };
  return { rotate: (clientId) => run(clientId, 'rotate'), revoke: (clientId) => run(clientId, 'revoke') };
}
