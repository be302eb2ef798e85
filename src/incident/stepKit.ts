import type { AuditOutcome } from '../audit/entry';
import { closeIncident, IncidentState, isComplete, startStep, STEP_TITLES, StepId, StepPlan } from './checklist';
import type { IncidentDeps, StepResult } from './runnerTypes';

/**
 * What every incident step shares: the deps, and the saves that bracket a step's side effect (begin BEFORE it,
 * finish AFTER it), each recorded in the audit trail. The steps live in src/incident/steps/*.ts.
 */
export class StepKit {
  constructor(readonly deps: IncidentDeps) {}

  load(id: string): IncidentState {
    const s = this.deps.store.get(id);
    if (!s) throw new Error(`No incident ${id}`);
    return s;
  }

  /** Saved BEFORE the step's side effect. */
  async begin(s: IncidentState, step: StepId): Promise<IncidentState> {
    s = await this.deps.store.save(startStep(s, step, this.deps.now()));
    this.deps.audit({ action: 'incident-step', outcome: 'started', app: s.clientId, detail: `${STEP_TITLES[step]} (attempt ${s.steps[step].attempts})` });
    return s;
  }

  /** Saved AFTER the side effect; closes the incident when every step is done or skipped. */
  async finish(s: IncidentState, step: StepId, outcome: AuditOutcome): Promise<IncidentState> {
    const record = s.steps[step];
    this.deps.audit({ action: 'incident-step', outcome, app: s.clientId, requestId: record.requestIds.at(-1), detail: `${STEP_TITLES[step]}: ${record.outcome ?? record.status}` });
    if (isComplete(s)) s = closeIncident(s, this.deps.now(), 'Every step is done or skipped: incident response complete');
    return this.deps.store.save(s);
  }

  result(step: StepId, incident: IncidentState, plan: StepPlan['kind'], outcome?: string, needs?: StepResult['needs']): StepResult {
    const record = incident.steps[step];
    return { step, status: record.status, outcome: outcome ?? record.outcome ?? '', plan, incident, ...(needs ? { needs } : {}) };
  }
}
