import type { AuditInput, AuditOutcome } from '../audit/entry';
import {
  closeIncident,
  finishStep,
  IncidentState,
  isComplete,
  openIncident,
  planStep,
  rotationAnswered,
  rotationApplied,
  rotationRefused,
  rotationSecretStored,
  rotationSending,
  rotationUnknown,
  startStep,
  STEP_TITLES,
  StepId,
  StepPlan,
  StepStatus,
  withWorkspaces,
} from './checklist';
import { describeError } from '../common/logger';
import { diffLists } from '../payloads/preview';
import type { IncidentStore } from './store';
import { draftSecurityEmail, EmailDraft, mailtoUrl, userNotice } from './texts';

/**
 * Runs the incident checklist's steps: every side effect is bracketed by saves of the state (see checklist.ts),
 * every outcome is redacted, recorded in the audit trail and returned. Pure: VS Code, the API client and the
 * stores come in through IncidentDeps, so the unit tier interrupts it at every point and resumes it.
 */

export interface IncidentApp {
  clientId: string;
  appName: string;
  scopes: string[];
  email?: string;
}

export interface SessionRevoke {
  workspace: string;
  revoked: boolean;
  pending: boolean;
  message: string;
}

export interface RevokeReport {
  sessions: SessionRevoke[];
  /** Revokes of this app still queued (server unreachable) after the run. */
  stillPending: number;
  /** Revokes queued earlier (a failed attempt, an offline sign-out) that went through in this run. */
  queuedRevoked?: number;
}

/** A failed rotate-app call; `outcomeUnknown` when it may have reached Vendaze (timeout, dropped connection). */
export class RotationError extends Error {
  constructor(
    message: string,
    readonly outcomeUnknown: boolean,
    readonly requestId?: string,
  ) {
    super(message);
  }
}

export interface IncidentDeps {
  store: IncidentStore;
  now(): Date;
  newId(): string;
  redact(text: string): string;
  audit(input: AuditInput): void;
  app(clientId: string): IncidentApp | undefined;
  /** Revokes every token held for the app, server-side; `onSession` after each session (saved at once). */
  revokeAll(clientId: string, onSession: (result: SessionRevoke) => Promise<void>): Promise<RevokeReport>;
  rotate(app: IncidentApp, scopes: string[]): Promise<{ clientId: string; requestId?: string }>;
  /** Registry and sessions follow the rotation (new client_id, dropped sessions on a scope change). Idempotent. */
  applyRotation(previousClientId: string, newClientId: string, scopes: string[], scopesChanged: boolean): Promise<void>;
  /** True when a client_secret was stored for the app at or after `since` (ISO). */
  secretStoredSince(clientId: string, since: string): boolean;
  obtainSecret(clientId: string, appName: string): Promise<string | undefined>;
  storeSecret(clientId: string, secret: string): Promise<void>;
  sendEmail(draft: EmailDraft): Promise<'opened' | 'copied' | 'none'>;
  openNotice(markdown: string): Promise<void>;
  signIn(clientId: string, workspace: string | undefined): Promise<{ ok: boolean; workspace?: string; message: string }>;
  /** What the usage monitor saw for the app (messages), newest first. */
  observations(clientId: string): string[];
  recentRequestIds(clientId: string): string[];
}

export interface StepOptions {
  /** Scopes for rotate-app; default the app's current ones (keeps sessions elsewhere alive). */
  scopes?: string[];
  /** The rotation already succeeded: rotate once more. Without it, a retry of a finished rotation asks first. */
  rotateAgain?: boolean;
  /** Answer to "the rotation's answer was lost: did the email with the new secret come?" */
  rotationOutcome?: { received: true; clientId?: string } | { received: false };
}

export interface StepResult {
  step: StepId;
  status: StepStatus;
  outcome: string;
  /** Set when the step did nothing because it needs an answer first (the UI asks and runs it again). */
  needs?: 'rotation-outcome' | 'confirm-rotate-again';
  plan: StepPlan['kind'];
  incident: IncidentState;
  /** The texts of the email / notice steps (no secrets). */
  email?: EmailDraft;
  notice?: string;
}

export class IncidentRunner {
  constructor(private readonly deps: IncidentDeps) {}

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
    let s = this.load(incidentId);
    s = finishStep(s, step, { status: 'skipped', outcome: 'Skipped by the user.' }, this.deps.now());
    return this.result(step, await this.finish(s, step, 'cancelled'), 'run');
  }

  async close(incidentId: string): Promise<IncidentState> {
    const s = closeIncident(this.load(incidentId), this.deps.now(), 'Incident response closed by the user');
    this.deps.audit({ action: 'incident-step', outcome: 'ok', app: s.clientId, detail: 'Incident response closed' });
    return this.deps.store.save(s);
  }

  async run(incidentId: string, step: StepId, options: StepOptions = {}): Promise<StepResult> {
    const s = this.load(incidentId);
    const plan = planStep(s, step);
    if (plan.kind === 'closed') return this.result(step, s, 'closed', 'This incident response is closed; open a new one to run steps again.');
    try {
      switch (step) {
        case 'revoke':
          return await this.revoke(s);
        case 'rotate':
          return await this.rotate(s, plan, options);
        case 'email':
          return await this.email(s);
        case 'notice':
          return await this.notice(s);
        case 'signIn':
          return await this.signIn(s);
      }
    } catch (error) {
      // Whatever broke, the step's state says so (never left "started" by an exception we saw).
      const latest = this.load(incidentId);
      const outcome = `Unexpected error: ${this.deps.redact(describeError(error))}`;
      const failed = finishStep(latest, step, { status: 'failed', outcome }, this.deps.now());
      return this.result(step, await this.finish(failed, step, 'failed'), plan.kind);
    }
  }

  // ---- steps ----

  private async revoke(s: IncidentState): Promise<StepResult> {
    s = await this.begin(s, 'revoke');
    const clientId = s.clientId;
    const report = await this.deps.revokeAll(clientId, async (one) => {
      // Saved per session: a crash mid-way still knows which workspaces to sign in to again.
      s = await this.deps.store.save(withWorkspaces(this.load(s.id), { revoked: [one.workspace] }));
    });
    s = this.load(s.id);
    const lines = report.sessions.map((r) => `${r.workspace}: ${r.revoked ? 'revoked on the server' : `NOT revoked yet (${r.message})`}`);
    if (report.queuedRevoked) lines.push(`${report.queuedRevoked} queued revoke(s) sent: revoked on the server`);
    if (report.stillPending) lines.push(`${report.stillPending} revoke(s) still queued until the API can be reached (Vendaze: Retry Pending Revokes)`);
    const ok = report.sessions.every((r) => r.revoked) && report.stillPending === 0;
    const outcome = lines.length === 0 ? 'VS Code held no tokens for this app: nothing to revoke. Tokens held elsewhere (your servers) must be revoked there, or end them all by rotating with changed scopes.' : `${lines.join('; ')}.`;
    s = finishStep(s, 'revoke', { status: ok ? 'done' : 'failed', outcome: this.deps.redact(outcome) }, this.deps.now());
    return this.result('revoke', await this.finish(s, 'revoke', ok ? 'ok' : 'failed'), 'run');
  }

  private async rotate(s: IncidentState, plan: StepPlan, options: StepOptions): Promise<StepResult> {
    if (plan.kind === 'confirm-rotation') {
      const answer = options.rotationOutcome;
      if (!answer) {
        return this.result('rotate', s, plan.kind, 'The answer to the last rotate-app call was lost: say whether the email with a new client_secret arrived before anything is sent again.', 'rotation-outcome');
      }
      if (answer.received) {
        const previous = s.rotation!.previousClientId;
        s = await this.deps.store.save(rotationAnswered(s, { newClientId: answer.clientId ?? previous }, this.deps.now()));
        return this.storeSecret(s);
      }
      s = await this.deps.store.save(rotationRefused(s));
      return this.sendRotation(s, options);
    }
    if (plan.kind === 'store-secret') return this.storeSecret(s);
    if (plan.kind === 'rotate' && plan.again && !options.rotateAgain) {
      return this.result('rotate', s, plan.kind, 'The client_secret was already rotated for this incident; rotating again issues yet another secret.', 'confirm-rotate-again');
    }
    return this.sendRotation(s, options);
  }

  private async sendRotation(s: IncidentState, options: StepOptions): Promise<StepResult> {
    const app = this.deps.app(s.clientId);
    if (!app) {
      s = finishStep(s, 'rotate', { status: 'failed', outcome: `The app ${s.clientId} is no longer in VS Code: add it again (Vendaze: Add Existing App) to rotate it here.` }, this.deps.now());
      return this.result('rotate', await this.finish(s, 'rotate', 'failed'), 'rotate');
    }
    const scopes = options.scopes?.length ? [...new Set(options.scopes)] : app.scopes;
    s = await this.begin(s, 'rotate');
    // BEFORE the call: a reload from here on knows a rotation may have been sent.
    s = await this.deps.store.save(rotationSending(s, scopes, diffLists(app.scopes, scopes).changed, this.deps.now()));
    let answer: { clientId: string; requestId?: string };
    try {
      answer = await this.deps.rotate(app, scopes);
    } catch (error) {
      const message = this.deps.redact(describeError(error));
      const requestId = error instanceof RotationError ? error.requestId : undefined;
      const unknown = error instanceof RotationError && error.outcomeUnknown;
      s = unknown ? rotationUnknown(s, message) : rotationRefused(s);
      const outcome = unknown
        ? `rotate-app may or may not have reached Vendaze (${message}). Check the registered mailbox: running this step again asks whether a new client_secret arrived, so nothing is rotated twice.`
        : `rotate-app failed: ${message}`;
      s = finishStep(s, 'rotate', { status: 'failed', outcome, requestIds: requestId ? [requestId] : [] }, this.deps.now());
      this.deps.audit({ action: 'rotate', outcome: unknown ? 'pending' : 'failed', app: app.clientId, requestId, detail: outcome });
      return this.result('rotate', await this.finish(s, 'rotate', 'failed'), 'rotate');
    }
    // AFTER the call: from here on a retry never sends rotate-app again.
    s = await this.deps.store.save(rotationAnswered(s, { newClientId: answer.clientId, requestId: answer.requestId }, this.deps.now()));
    this.deps.audit({
      action: 'rotate',
      outcome: 'ok',
      app: app.clientId,
      requestId: answer.requestId,
      detail: `Rotated during incident response${answer.clientId !== app.clientId ? `; new client_id ${answer.clientId}` : ''}; scopes ${scopes.join(' ')}`,
    });
    return this.storeSecret(s);
  }

  private async storeSecret(s: IncidentState): Promise<StepResult> {
    const r = s.rotation;
    if (!r || r.phase !== 'rotated') throw new Error('no answered rotation to finish');
    if (!r.applied) {
      await this.deps.applyRotation(r.previousClientId, r.newClientId, r.scopes, r.scopesChanged);
      s = await this.deps.store.save(rotationApplied(s));
    }
    if (s.steps.rotate.status !== 'started') s = await this.begin(s, 'rotate');
    const rotated = `Rotated${r.newClientId !== r.previousClientId ? ` (new client_id ${r.newClientId})` : ''}${r.requestId ? `, request id ${r.requestId}` : ''}`;
    const requestIds = r.requestId ? [r.requestId] : [];
    // A secret stored since the rotation (an earlier run crashed before saving this, or the user used the Apps view).
    if (!this.deps.secretStoredSince(r.newClientId, r.rotatedAt)) {
      const app = this.deps.app(r.newClientId);
      const secret = await this.deps.obtainSecret(r.newClientId, app?.appName ?? s.appName);
      if (!secret) {
        s = finishStep(s, 'rotate', { status: 'waiting', outcome: `${rotated}. The new client_secret was emailed to the registered address: run this step again to store it (it will not rotate again).`, requestIds }, this.deps.now());
        return this.result('rotate', await this.finish(s, 'rotate', 'pending'), 'store-secret');
      }
      await this.deps.storeSecret(r.newClientId, secret);
      this.deps.audit({ action: 'store-secret', outcome: 'ok', app: r.newClientId, detail: 'New client_secret stored in SecretStorage after rotation' });
    }
    s = rotationSecretStored(s, this.deps.now());
    s = finishStep(s, 'rotate', { status: 'done', outcome: `${rotated}; the new client_secret is in VS Code's secret storage. Update every server that uses this app.`, requestIds }, this.deps.now());
    return this.result('rotate', await this.finish(s, 'rotate', 'ok'), 'store-secret');
  }

  private async email(s: IncidentState): Promise<StepResult> {
    s = await this.begin(s, 'email');
    const app = this.deps.app(s.clientId);
    const raw = draftSecurityEmail({
      state: s,
      registeredEmail: app?.email,
      observations: this.deps.observations(s.clientId),
      recentRequestIds: this.deps.recentRequestIds(s.clientId),
    });
    const subject = this.deps.redact(raw.subject);
    const body = this.deps.redact(raw.body);
    const draft: EmailDraft = { ...raw, subject, body, ...mailtoUrl(raw.to, subject, body) };
    const delivered = await this.deps.sendEmail(draft);
    const outcome =
      delivered === 'opened'
        ? `Report to ${draft.to} opened in your mail app${draft.truncated ? ' (shortened: paste the full text from "Copy")' : ''}: send it from there.`
        : delivered === 'copied'
          ? `Report to ${draft.to} copied to the clipboard: paste it into an email and send it.`
          : 'Not drafted.';
    s = finishStep(s, 'email', { status: delivered === 'none' ? 'pending' : 'done', outcome }, this.deps.now());
    const result = this.result('email', await this.finish(s, 'email', delivered === 'none' ? 'cancelled' : 'ok'), 'run');
    return { ...result, email: draft };
  }

  private async notice(s: IncidentState): Promise<StepResult> {
    s = await this.begin(s, 'notice');
    const text = this.deps.redact(userNotice({ state: s, contact: this.deps.app(s.clientId)?.email }));
    await this.deps.openNotice(text);
    s = finishStep(s, 'notice', { status: 'done', outcome: 'Notice opened as an untitled Markdown document: adapt it and send it to your users.' }, this.deps.now());
    return { ...this.result('notice', await this.finish(s, 'notice', 'ok'), 'run'), notice: text };
  }

  private async signIn(s: IncidentState): Promise<StepResult> {
    s = await this.begin(s, 'signIn');
    const todo = s.revokedWorkspaces.filter((w) => !s.signedInWorkspaces.includes(w));
    const targets: Array<string | undefined> = todo.length ? todo : s.signedInWorkspaces.length ? [] : [undefined];
    const lines: string[] = [];
    let ok = true;
    for (const workspace of targets) {
      const result = await this.deps.signIn(s.clientId, workspace);
      if (result.ok && result.workspace) {
        s = await this.deps.store.save(withWorkspaces(this.load(s.id), { signedIn: [result.workspace] }));
      } else ok = false;
      lines.push(`${workspace ?? result.workspace ?? 'any workspace'}: ${result.ok ? 'signed in' : result.message}`);
    }
    const outcome = lines.length ? lines.join('; ') : 'Every workspace revoked in step 1 is signed in again.';
    s = finishStep(this.load(s.id), 'signIn', { status: ok ? 'done' : 'failed', outcome: this.deps.redact(outcome) }, this.deps.now());
    return this.result('signIn', await this.finish(s, 'signIn', ok ? 'ok' : 'failed'), 'run');
  }

  // ---- plumbing ----

  private load(id: string): IncidentState {
    const s = this.deps.store.get(id);
    if (!s) throw new Error(`No incident ${id}`);
    return s;
  }

  /** Saved BEFORE the step's side effect. */
  private async begin(s: IncidentState, step: StepId): Promise<IncidentState> {
    s = await this.deps.store.save(startStep(s, step, this.deps.now()));
    this.deps.audit({ action: 'incident-step', outcome: 'started', app: s.clientId, detail: `${STEP_TITLES[step]} (attempt ${s.steps[step].attempts})` });
    return s;
  }

  /** Saved AFTER the side effect; closes the incident when every step is done or skipped. */
  private async finish(s: IncidentState, step: StepId, outcome: AuditOutcome): Promise<IncidentState> {
    const record = s.steps[step];
    this.deps.audit({ action: 'incident-step', outcome, app: s.clientId, requestId: record.requestIds.at(-1), detail: `${STEP_TITLES[step]}: ${record.outcome ?? record.status}` });
    if (isComplete(s)) s = closeIncident(s, this.deps.now(), 'Every step is done or skipped: incident response complete');
    return this.deps.store.save(s);
  }

  private result(step: StepId, incident: IncidentState, plan: StepPlan['kind'], outcome?: string, needs?: StepResult['needs']): StepResult {
    const record = incident.steps[step];
    return { step, status: record.status, outcome: outcome ?? record.outcome ?? '', plan, incident, ...(needs ? { needs } : {}) };
  }
}
