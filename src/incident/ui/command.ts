import * as vscode from 'vscode';
import { resolveApp } from '../../apps/commandArgs';
import { IncidentState, planStep, STEP_IDS, STEP_TITLES, StepId, StepStatus } from '../checklist';
import { IncidentRunner, StepOptions, StepResult } from '../runner';
import { pickIncidentAction, statusText, stepTitle } from './checklistPick';
import { IncidentAnswers, incidentDeps, IncidentServices } from './deps';
import { askRotation, askRotationOutcome } from './prompts';

/**
 * `Vendaze: Incident Response…` (palette, a usage warning, a leak finding, the Activity view):
 * vendaze.incidentResponse(clientId? | node | options, options?). Without `steps`, a checklist quick pick; with
 * `steps`, those steps run in order without prompts (tests, automation: the rotation then needs `confirm: true`).
 * Returns the checklist as plain data (never a secret).
 */

export interface IncidentCommandOptions extends IncidentAnswers, StepOptions {
  clientId?: string;
  /** Why the incident is opened (a usage warning's text); kept in its timeline. */
  reason?: string;
  steps?: StepId[];
  skip?: StepId[];
  /** Sending rotate-app is confirmed (no dialog). */
  confirm?: boolean;
  close?: boolean;
}

export interface IncidentSummary {
  incidentId: string;
  clientId: string;
  originalClientId: string;
  appName: string;
  closed: boolean;
  steps: Array<{ id: StepId; title: string; status: StepStatus; outcome?: string; attempts: number; requestIds: string[] }>;
  /** What this call ran. */
  ran: Array<{ step: StepId; status: StepStatus; outcome: string; needs?: string }>;
  email?: { to: string; subject: string; body: string; mailto: string };
  notice?: string;
}

export function incidentResponseCommand(svc: IncidentServices, onChange: () => void) {
  return async (arg?: unknown, more?: IncidentCommandOptions): Promise<IncidentSummary | undefined> => {
    const options = { ...optionsOf(arg), ...more };
    // A client_id the app had before an incident's rotation still finds that incident.
    const named = typeof arg === 'string' ? arg : (options.clientId ?? (arg as { clientId?: string } | undefined)?.clientId);
    const clientId = named && !svc.apps.get(named) ? (svc.store.openFor(named)?.clientId ?? named) : named;
    const app = await resolveApp(svc.apps, clientId, vscode.l10n.t('Incident response for which Vendaze app?'));
    if (!app) return undefined;
    const runner = new IncidentRunner(incidentDeps(svc, options));
    const state = await runner.open(app.clientId, options.reason);
    const summary: Partial<IncidentSummary> & { ran: IncidentSummary['ran'] } = { ran: [] };
    const keep = (result: StepResult) => {
      summary.ran.push({ step: result.step, status: result.status, outcome: result.outcome, ...(result.needs ? { needs: result.needs } : {}) });
      if (result.email) summary.email = { to: result.email.to, subject: result.email.subject, body: result.email.body, mailto: result.email.mailto };
      if (result.notice) summary.notice = result.notice;
      onChange();
    };

    if (options.steps || options.skip || options.close) {
      for (const step of options.skip ?? []) keep(await runner.skip(state.id, step));
      for (const step of options.steps ?? []) {
        const result = await runHeadless(runner, svc, state.id, step, options);
        keep(result);
        if (result.needs) break;
      }
      if (options.close) await runner.close(state.id);
    } else {
      await interactive(runner, svc, state.id, keep);
    }
    onChange();
    return { ...toSummary(svc.store.get(state.id)!), ran: summary.ran, email: summary.email, notice: summary.notice };
  };
}

async function runHeadless(runner: IncidentRunner, svc: IncidentServices, id: string, step: StepId, options: IncidentCommandOptions): Promise<StepResult> {
  const state = svc.store.get(id)!;
  const plan = planStep(state, step);
  const sends = step === 'rotate' && (plan.kind === 'rotate' || (plan.kind === 'confirm-rotation' && options.rotationOutcome?.received === false));
  if (sends && options.confirm !== true) {
    return { step, status: state.steps[step].status, outcome: 'Not sent: rotating needs `confirm: true` when run without prompts.', plan: plan.kind, incident: state };
  }
  return withProgress(step, () => runner.run(id, step, options));
}

async function interactive(runner: IncidentRunner, svc: IncidentServices, id: string, keep: (r: StepResult) => void): Promise<void> {
  for (;;) {
    const state = svc.store.get(id)!;
    if (state.closedAt) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Vendaze: incident response for {0} complete. Export the audit log (Vendaze: Export Audit Log…) to keep a record.', state.appName));
      return;
    }
    const action = await pickIncidentAction(state);
    if (!action) return;
    if (action.kind === 'close') {
      await runner.close(id);
      return;
    }
    if (action.kind === 'skip') {
      keep(await runner.skip(id, action.step));
      continue;
    }
    const options = await prepare(svc, state, action.step);
    if (!options) continue;
    const result = await withProgress(action.step, () => runner.run(id, action.step, options));
    keep(result);
    report(result);
  }
}

/** The answers a step needs before it may do anything; undefined = the user backed out. */
export async function prepare(svc: IncidentServices, state: IncidentState, step: StepId): Promise<StepOptions | undefined> {
  if (step !== 'rotate') return {};
  const plan = planStep(state, 'rotate');
  const app = svc.apps.get(state.clientId);
  if (plan.kind === 'confirm-rotation') return askRotationOutcome(state, app);
  if (plan.kind === 'rotate') return app ? askRotation(app, plan.again) : {};
  return {};
}

function report(result: StepResult): void {
  // The outcome is the runner's record (English, like the audit log); the step title is in the display language.
  const text = `Vendaze: ${stepTitle(result.step)}: ${result.outcome}`;
  if (result.status === 'failed') void vscode.window.showErrorMessage(text);
  else if (result.status === 'waiting') void vscode.window.showWarningMessage(text);
  else vscode.window.setStatusBarMessage(`$(check) ${stepTitle(result.step)}: ${statusText(result.status)}`, 5000);
}

export function withProgress<T>(step: StepId, run: () => Promise<T>): Promise<T> {
  return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Vendaze incident: {0}…', stepTitle(step)) }, run));
}

function optionsOf(arg: unknown): IncidentCommandOptions {
  if (!arg || typeof arg !== 'object' || 'type' in arg || arg instanceof vscode.Uri) return {};
  return arg as IncidentCommandOptions;
}

export function toSummary(state: IncidentState): Omit<IncidentSummary, 'ran'> {
  return {
    incidentId: state.id,
    clientId: state.clientId,
    originalClientId: state.originalClientId,
    appName: state.appName,
    closed: state.closedAt !== undefined,
    steps: STEP_IDS.map((id) => ({ id, title: STEP_TITLES[id], status: state.steps[id].status, outcome: state.steps[id].outcome, attempts: state.steps[id].attempts, requestIds: state.steps[id].requestIds })),
  };
}
