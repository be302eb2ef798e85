import { closeIncident, finishStep, IncidentState, openIncident, planStep, StepId } from './checklist';
import { describeError } from '../common/logger';
import type { IncidentDeps, StepOptions, StepResult } from './runnerTypes';
import { StepKit } from './stepKit';
import { email, notice } from './steps/messages';
import { rotate } from './steps/rotate';
import { revoke, signIn } from './steps/sessions';

export { RotationError } from './runnerTypes';
export type { IncidentApp, IncidentDeps, RevokeReport, SessionRevoke, StepOptions, StepResult } from './runnerTypes';

/**
 * Runs the incident checklist's steps: every side effect is bracketed by saves of the state (see checklist.ts),
 * every outcome is redacted, recorded in the audit trail and returned. Pure: VS Code, the API client and the
 * stores come in through IncidentDeps, so the unit tier interrupts it at every point and resumes it.
 */
export class IncidentRunner {
  private readonly kit: StepKit;
  private readonly deps: IncidentDeps;

  constructor(deps: IncidentDeps) {
    this.deps = deps;
    this.kit = new StepKit(deps);
  }

  /** The app's open incident, or a new one. */
  async open(clientId: string, reason?: string): Promise<IncidentState> {
    const existing = this.deps.store.openFor(clientId);
    if (existing) return existing;
    const app = this.deps.app(clientId);
    const incident = openIncident({ id: this.deps.newId(), clientId, appName: app?.appName ?? clientId, reason: reason && this.deps.redact(reason), now: this.deps.now() });
    this.deps.audit({ action: 'incident-step', outcome: 'started', app: clientId, detail: `Incident response opened${reason ? `: ${reason}` : ''}` });
    return this.deps.store.save(incident);
  }

  async skip(incidentId: string, step: StepId): Promise<StepResult> {
    let s = this.kit.load(incidentId);
    s = finishStep(s, step, { status: 'skipped', outcome: 'Skipped by the user.' }, this.deps.now());
    return this.kit.result(step, await this.kit.finish(s, step, 'cancelled'), 'run');
  }

  async close(incidentId: string): Promise<IncidentState> {
    const s = closeIncident(this.kit.load(incidentId), this.deps.now(), 'Incident response closed by the user');
    this.deps.audit({ action: 'incident-step', outcome: 'ok', app: s.clientId, detail: 'Incident response closed' });
    return this.deps.store.save(s);
  }

  async run(incidentId: string, step: StepId, options: StepOptions = {}): Promise<StepResult> {
    const s = this.kit.load(incidentId);
    const plan = planStep(s, step);
    if (plan.kind === 'closed') return this.kit.result(step, s, 'closed', 'This incident response is closed; open a new one to run steps again.');
    try {
      switch (step) {
        case 'revoke':
          return await revoke(this.kit, s);
        case 'rotate':
          return await rotate(this.kit, s, plan, options);
        case 'email':
          return await email(this.kit, s);
        case 'notice':
          return await notice(this.kit, s);
        case 'signIn':
          return await signIn(this.kit, s);
      }
    } catch (error) {
      // Whatever broke, the step's state says so (never left "started" by an exception we saw).
      const latest = this.kit.load(incidentId);
      const outcome = `Unexpected error: ${this.deps.redact(describeError(error))}`;
      const failed = finishStep(latest, step, { status: 'failed', outcome }, this.deps.now());
      return this.kit.result(step, await this.kit.finish(failed, step, 'failed'), plan.kind);
    }
  }
}
