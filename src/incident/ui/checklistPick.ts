import * as vscode from 'vscode';
import { IncidentState, nextStep, STEP_IDS, StepId, StepStatus } from '../checklist';

export type PickedAction = { kind: 'run'; step: StepId } | { kind: 'skip'; step: StepId } | { kind: 'close' };

const ICONS: Readonly<Record<StepStatus, string>> = {
  pending: '$(circle-large-outline)',
  started: '$(sync)',
  waiting: '$(watch)',
  done: '$(pass-filled)',
  failed: '$(error)',
  skipped: '$(debug-step-over)',
};

export const statusText = (status: StepStatus): string =>
  ({
    pending: vscode.l10n.t('to do'),
    started: vscode.l10n.t('interrupted: run it again to resume'),
    waiting: vscode.l10n.t('waiting for you'),
    done: vscode.l10n.t('done'),
    failed: vscode.l10n.t('failed: run it again to retry'),
    skipped: vscode.l10n.t('skipped'),
  })[status];

/** A step's title in the display language (STEP_TITLES, English, is what the incident's record and email carry). */
export function stepTitle(step: StepId): string {
  return {
    revoke: vscode.l10n.t('Revoke every token VS Code holds for the app'),
    rotate: vscode.l10n.t('Rotate the client_secret and store the new one'),
    email: vscode.l10n.t('Report the incident to security@vendaze.com'),
    notice: vscode.l10n.t('Notify affected users'),
    signIn: vscode.l10n.t('Sign in again'),
  }[step];
}

/** The checklist: every step with its state and last outcome; Enter runs (or resumes, or retries) a step. */
export function pickIncidentAction(state: IncidentState): Promise<PickedAction | undefined> {
  type Item = vscode.QuickPickItem & { action?: PickedAction };
  const skip: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('debug-step-over'), tooltip: vscode.l10n.t('Skip this step') };
  const suggested = nextStep(state);
  const items: Item[] = STEP_IDS.map((step, i) => {
    const record = state.steps[step];
    return {
      label: `${ICONS[record.status]} ${i + 1}. ${stepTitle(step)}`,
      description: `${statusText(record.status)}${record.attempts > 1 ? ` (${vscode.l10n.t('{0} attempts', record.attempts)})` : ''}${step === suggested ? ` · ${vscode.l10n.t('next')}` : ''}`,
      detail: record.outcome,
      buttons: step === 'revoke' || step === 'rotate' || record.status === 'done' ? [] : [skip],
      action: { kind: 'run', step },
    };
  });
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, { label: `$(close) ${vscode.l10n.t('Close this incident response')}`, description: vscode.l10n.t('keeps its record'), action: { kind: 'close' } });

  const pick = vscode.window.createQuickPick<Item>();
  pick.title = vscode.l10n.t('Vendaze incident response: {0} ({1})', state.appName, state.clientId);
  pick.placeholder = vscode.l10n.t('Run, resume or retry a step. Progress is saved: you can close this and come back.');
  pick.items = items;
  pick.matchOnDetail = true;
  pick.ignoreFocusOut = true;
  const active = items.find((i) => i.action?.kind === 'run' && i.action.step === suggested);
  if (active) pick.activeItems = [active];
  return new Promise((resolve) => {
    let settled = false;
    const done = (value: PickedAction | undefined) => {
      if (settled) return;
      settled = true;
      resolve(value);
      pick.dispose();
    };
    pick.onDidAccept(() => done(pick.selectedItems[0]?.action));
    pick.onDidTriggerItemButton((e) => e.item.action?.kind === 'run' && done({ kind: 'skip', step: e.item.action.step }));
    pick.onDidHide(() => done(undefined));
    pick.show();
  });
}

/** An open incident's progress, as the Activity view shows it (src/incident/ui/activate.ts). */
export function incidentProgress(open: IncidentState): { done: number; total: number; next?: string } {
  const next = nextStep(open);
  return { done: STEP_IDS.filter((id) => ['done', 'skipped'].includes(open.steps[id].status)).length, total: STEP_IDS.length, next: next && stepTitle(next) };
}
