import * as vscode from 'vscode';
import { confirmModal } from '../../apps/confirmModal';
import type { AppRecord } from '../../apps/registry';
import { SCOPES } from '../../schemas/scopeList';
import type { IncidentState } from '../checklist';
import type { StepOptions } from '../runner';

/**
 * The questions the rotate step may need answered before it does anything. Each returns undefined when the user
 * backs out (nothing is sent then). A dialog the host refuses counts as "no" (confirmModal).
 */

export async function askRotation(app: AppRecord, again: boolean): Promise<StepOptions | undefined> {
  if (again && !(await confirmModal(vscode.l10n.t('The client_secret of "{0}" was already rotated in this incident. Rotate it again?', app.appName), vscode.l10n.t('Vendaze issues yet another secret and kills the current one.'), vscode.l10n.t('Rotate Again')))) {
    return undefined;
  }
  const keep = { label: vscode.l10n.t('Keep the same scopes'), description: app.scopes.join(' '), detail: vscode.l10n.t('Recommended. Sessions held outside VS Code (your servers, users) stay valid until they expire.'), change: false };
  const change = { label: vscode.l10n.t('Change the scopes…'), detail: vscode.l10n.t('Vendaze then revokes EVERY session of the app, including tokens held by your servers or by whoever took them. Every user must authorize again.'), change: true };
  const choice = await vscode.window.showQuickPick([keep, change], { title: vscode.l10n.t('Vendaze: rotate "{0}"', app.appName), ignoreFocusOut: true });
  if (!choice) return undefined;
  let scopes = app.scopes;
  if (choice.change) {
    const picked = await vscode.window.showQuickPick(
      SCOPES.map((scope) => ({ label: scope, picked: app.scopes.includes(scope) })),
      { canPickMany: true, title: vscode.l10n.t('Scopes after the rotation'), ignoreFocusOut: true },
    );
    if (!picked?.length) return undefined;
    scopes = picked.map((p) => p.label);
  }
  const ok = await confirmModal(
    vscode.l10n.t('Rotate the client_secret of "{0}" now?', app.appName),
    vscode.l10n.t('The current client_secret stops working at once: every server using it needs the new one, which Vendaze emails to {0}.', app.email ?? vscode.l10n.t('the registered address')),
    vscode.l10n.t('Rotate'),
  );
  return ok ? { scopes, rotateAgain: again } : undefined;
}

/** The rotate-app answer was lost: whether the email came decides between "store the secret" and "send again". */
export async function askRotationOutcome(state: IncidentState, app: AppRecord | undefined): Promise<StepOptions | undefined> {
  const sentAt = state.rotation?.sentAt ?? vscode.l10n.t('earlier');
  const choice = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('Yes: the email with a new client_secret arrived'), received: true },
      { label: vscode.l10n.t('No email: send the rotation again'), received: false },
    ],
    { title: vscode.l10n.t('A rotate-app call sent at {0} got no answer. Did Vendaze email {1} a new client_secret?', sentAt, app?.email ?? vscode.l10n.t('the registered address')), ignoreFocusOut: true },
  );
  if (!choice) return undefined;
  if (!choice.received) {
    return (await confirmModal(vscode.l10n.t('Send the rotation again?'), vscode.l10n.t('Only if no email with a new client_secret arrived: otherwise that secret would be replaced too.'), vscode.l10n.t('Rotate'))) ? { rotationOutcome: { received: false } } : undefined;
  }
  const previous = state.rotation?.previousClientId ?? state.clientId;
  const clientId = await vscode.window.showInputBox({
    title: vscode.l10n.t('client_id in that email'),
    prompt: vscode.l10n.t('Rotation may hand out a new client_id: enter the one the email names (unchanged if it is the same).'),
    value: previous,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter the client_id.')),
  });
  return clientId ? { rotationOutcome: { received: true, clientId: clientId.trim() } } : undefined;
}
