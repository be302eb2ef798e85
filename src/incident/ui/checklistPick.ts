import * as vscode from 'vscode';
import { IncidentState, nextStep, STEP_IDS, STEP_TITLES, StepId, StepStatus } from '../checklist';

export type PickedAction = { kind: 'run'; step: StepId } | { kind: 'skip'; step: StepId } | { kind: 'close' };

const ICONS: Readonly<Record<StepStatus, string>> = {
  pending: '$(circle-large-outline)',
  started: '$(sync)',
  waiting: '$(watch)',
  done: '$(pass-filled)',
  failed: '$(error)',
  skipped: '$(debug-step-over)',
};

const STATUS_TEXT: Readonly<Record<StepStatus, string>> = {
  pending: 'to do',
  started: 'interrupted: run it again to resume',
  waiting: 'waiting for you',
  done: 'done',
  failed: 'failed: run it again to retry',
  skipped: 'skipped',
};

/** The checklist: every step with its state and last outcome; Enter runs (or resumes, or retries) a step. */
export function pickIncidentAction(state: IncidentState): Promise<PickedAction | undefined> {
  type Item = vscode.QuickPickItem & { action?: PickedAction };
  const skip: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('debug-step-over'), tooltip: 'Skip this step' };
  const suggested = nextStep(state);
  const items: Item[] = STEP_IDS.map((step, i) => {
    const record = state.steps[step];
    return {
      label: `${ICONS[record.status]} ${i + 1}. ${STEP_TITLES[step]}`,
      description: `${STATUS_TEXT[record.status]}${record.attempts > 1 ? ` (${record.attempts} attempts)` : ''}${step === suggested ? ' · next' : ''}`,
      detail: record.outcome,
      buttons: step === 'revoke' || step === 'rotate' || record.status === 'done' ? [] : [skip],
      action: { kind: 'run', step },
    };
  });
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, { label: '$(close) Close this incident response', description: 'keeps its record', action: { kind: 'close' } });

  const pick = vscode.window.createQuickPick<Item>();
  pick.title = `Vendaze incident response: ${state.appName} (${state.clientId})`;
  pick.placeholder = 'Run, resume or retry a step. Progress is saved: you can close this and come back.';
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
