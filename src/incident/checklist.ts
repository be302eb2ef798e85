/**
 * The incident checklist for one app as a pure state machine. The runner persists the state BEFORE each side
 * effect (the step is "started", a rotation is "sending") and AFTER it (done / failed, with the outcome), so a
 * reload or crash at any point resumes without doing anything twice:
 *  - revoking is idempotent on the server, so an interrupted revoke simply runs again;
 *  - a rotation that was answered is never sent again by a retry: resuming goes straight to storing the secret;
 *  - a rotation whose answer was lost ("sending" at reload, or a dropped connection) is not resent blindly: the
 *    user says whether the email with the new secret came.
 * The state holds no secret: ids, workspace slugs, scopes, statuses, redacted outcomes and request ids only.
 */

export const STEP_IDS = ['revoke', 'rotate', 'email', 'notice', 'signIn'] as const;
export type StepId = (typeof STEP_IDS)[number];

export const STEP_TITLES: Readonly<Record<StepId, string>> = {
  revoke: 'Revoke every token VS Code holds for the app',
  rotate: 'Rotate the client_secret and store the new one',
  email: 'Report the incident to security@vendaze.com',
  notice: 'Notify affected users',
  signIn: 'Sign in again',
};

/** waiting = the side effect happened, the step needs the user (e.g. the emailed secret) to finish. */
export type StepStatus = 'pending' | 'started' | 'waiting' | 'done' | 'failed' | 'skipped';

export interface StepRecord {
  status: StepStatus;
  attempts: number;
  startedAt?: string;
  finishedAt?: string;
  outcome?: string;
  requestIds: string[];
}

interface RotationBase {
  scopes: string[];
  previousClientId: string;
  sentAt: string;
  /**
   * Whether the request changes the app's scopes, decided when it is sent: a resume after a crash finds the
   * registry already updated and could no longer tell (and would then keep sessions Vendaze has revoked).
   */
  scopesChanged: boolean;
}

export type Rotation =
  /** Persisted right before POST /v1/auth/rotate-app. Still there after a reload = the answer was lost. */
  | (RotationBase & { phase: 'sending' })
  /** The call failed in a way that may have reached Vendaze (timeout, dropped connection). */
  | (RotationBase & { phase: 'unknown'; error: string })
  | (RotationBase & { phase: 'rotated'; newClientId: string; requestId?: string; rotatedAt: string; applied: boolean })
  | (RotationBase & { phase: 'secretStored'; newClientId: string; requestId?: string; rotatedAt: string; applied: true; storedAt: string });

export interface IncidentState {
  version: 1;
  id: string;
  /** The app's client_id now (a rotation may hand out a new one). */
  clientId: string;
  originalClientId: string;
  appName: string;
  openedAt: string;
  closedAt?: string;
  /** Why it was opened (the usage warning or leak finding), for the timeline. */
  reason?: string;
  steps: Record<StepId, StepRecord>;
  rotation?: Rotation;
  /** Workspaces whose sessions step 1 ended here: step 5 signs in to these again. */
  revokedWorkspaces: string[];
  signedInWorkspaces: string[];
  timeline: Array<{ at: string; text: string }>;
}

export function openIncident(input: { id: string; clientId: string; appName: string; reason?: string; now: Date }): IncidentState {
  const steps = Object.fromEntries(STEP_IDS.map((id): [StepId, StepRecord] => [id, { status: 'pending', attempts: 0, requestIds: [] }])) as Record<StepId, StepRecord>;
  const at = input.now.toISOString();
  return {
    version: 1,
    id: input.id,
    clientId: input.clientId,
    originalClientId: input.clientId,
    appName: input.appName,
    openedAt: at,
    reason: input.reason,
    steps,
    revokedWorkspaces: [],
    signedInWorkspaces: [],
    timeline: [{ at, text: `Incident response opened for ${input.appName} (${input.clientId})${input.reason ? `: ${input.reason}` : ''}` }],
  };
}

/** What running `step` now would do, given what already happened. */
export type StepPlan =
  | { kind: 'run' }
  | { kind: 'rotate'; again: boolean }
  /** Rotated already: only the new secret is missing (never rotate again for that). */
  | { kind: 'store-secret'; newClientId: string; applied: boolean }
  /** The rotation's answer was lost: ask whether the email came before doing anything. */
  | { kind: 'confirm-rotation'; sentAt: string }
  | { kind: 'closed' };

export function planStep(state: IncidentState, step: StepId): StepPlan {
  if (state.closedAt) return { kind: 'closed' };
  if (step !== 'rotate') return { kind: 'run' };
  const rotation = state.rotation;
  if (!rotation) return { kind: 'rotate', again: false };
  switch (rotation.phase) {
    case 'sending':
    case 'unknown':
      return { kind: 'confirm-rotation', sentAt: rotation.sentAt };
    case 'rotated':
      return { kind: 'store-secret', newClientId: rotation.newClientId, applied: rotation.applied };
    case 'secretStored':
      return { kind: 'rotate', again: true };
  }
}

/** The step the checklist suggests next: the first one not done or skipped. */
export function nextStep(state: IncidentState): StepId | undefined {
  return STEP_IDS.find((id) => !['done', 'skipped'].includes(state.steps[id].status));
}

export function isComplete(state: IncidentState): boolean {
  return nextStep(state) === undefined;
}

// ---- transitions (each returns a new state; the runner saves it) ----

function withStep(state: IncidentState, step: StepId, change: Partial<StepRecord>, text: string | undefined, now: Date): IncidentState {
  const record = { ...state.steps[step], ...change };
  return {
    ...state,
    steps: { ...state.steps, [step]: record },
    timeline: text ? [...state.timeline, { at: now.toISOString(), text }] : state.timeline,
  };
}

export function startStep(state: IncidentState, step: StepId, now: Date): IncidentState {
  const attempts = state.steps[step].attempts + 1;
  return withStep(
    state,
    step,
    { status: 'started', attempts, startedAt: now.toISOString(), finishedAt: undefined },
    `Started: ${STEP_TITLES[step]}${attempts > 1 ? ` (attempt ${attempts})` : ''}`,
    now,
  );
}

export function finishStep(
  state: IncidentState,
  step: StepId,
  /** 'pending' = the user cancelled before anything happened. */
  result: { status: Exclude<StepStatus, 'started'>; outcome: string; requestIds?: string[] },
  now: Date,
): IncidentState {
  const requestIds = [...new Set([...state.steps[step].requestIds, ...(result.requestIds ?? [])])];
  const label = { done: 'Done', failed: 'Failed', waiting: 'Waiting', skipped: 'Skipped', pending: 'Cancelled' }[result.status];
  return withStep(state, step, { status: result.status, outcome: result.outcome, finishedAt: now.toISOString(), requestIds }, `${label}: ${STEP_TITLES[step]}: ${result.outcome}`, now);
}

export function rotationSending(state: IncidentState, scopes: string[], scopesChanged: boolean, now: Date): IncidentState {
  return { ...state, rotation: { phase: 'sending', scopes: [...scopes], scopesChanged, previousClientId: state.clientId, sentAt: now.toISOString() } };
}

export function rotationUnknown(state: IncidentState, error: string): IncidentState {
  const r = state.rotation;
  if (!r || (r.phase !== 'sending' && r.phase !== 'unknown')) return state;
  return { ...state, rotation: { phase: 'unknown', scopes: r.scopes, scopesChanged: r.scopesChanged, previousClientId: r.previousClientId, sentAt: r.sentAt, error } };
}

/** The call definitely did not rotate (Vendaze refused it, or it never left): a retry may send it again. */
export function rotationRefused(state: IncidentState): IncidentState {
  return { ...state, rotation: undefined };
}

export function rotationAnswered(state: IncidentState, answer: { newClientId: string; requestId?: string }, now: Date): IncidentState {
  const r = state.rotation;
  if (!r) throw new Error('rotationAnswered without a rotation in flight');
  return {
    ...state,
    rotation: {
      phase: 'rotated',
      scopes: r.scopes,
      scopesChanged: r.scopesChanged,
      previousClientId: r.previousClientId,
      sentAt: r.sentAt,
      newClientId: answer.newClientId,
      requestId: answer.requestId,
      rotatedAt: now.toISOString(),
      applied: false,
    },
    timeline: [
      ...state.timeline,
      {
        at: now.toISOString(),
        text: `client_secret rotated${answer.newClientId !== r.previousClientId ? `; new client_id ${answer.newClientId}` : ''}${answer.requestId ? ` (request id ${answer.requestId})` : ''}`,
      },
    ],
  };
}

/** The registry (and sessions) now know the rotation: the incident follows the app's new client_id. */
export function rotationApplied(state: IncidentState): IncidentState {
  const r = state.rotation;
  if (!r || r.phase !== 'rotated') return state;
  return { ...state, clientId: r.newClientId, rotation: { ...r, applied: true } };
}

export function rotationSecretStored(state: IncidentState, now: Date): IncidentState {
  const r = state.rotation;
  if (!r || r.phase !== 'rotated') return state;
  return { ...state, clientId: r.newClientId, rotation: { ...r, phase: 'secretStored', applied: true, storedAt: now.toISOString() } };
}

export function withWorkspaces(state: IncidentState, change: { revoked?: string[]; signedIn?: string[] }): IncidentState {
  return {
    ...state,
    revokedWorkspaces: [...new Set([...state.revokedWorkspaces, ...(change.revoked ?? [])])],
    signedInWorkspaces: [...new Set([...state.signedInWorkspaces, ...(change.signedIn ?? [])])],
  };
}

export function closeIncident(state: IncidentState, now: Date, text = 'Incident response closed'): IncidentState {
  if (state.closedAt) return state;
  return { ...state, closedAt: now.toISOString(), timeline: [...state.timeline, { at: now.toISOString(), text }] };
}

/** Every request id the incident's own calls produced, oldest step first. */
export function incidentRequestIds(state: IncidentState): string[] {
  const ids = STEP_IDS.flatMap((id) => state.steps[id].requestIds);
  const r = state.rotation;
  if (r && (r.phase === 'rotated' || r.phase === 'secretStored') && r.requestId) ids.push(r.requestId);
  return [...new Set(ids)];
}
