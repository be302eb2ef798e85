import { finishStep, IncidentState, rotationAnswered, rotationApplied, rotationRefused, rotationSecretStored, rotationSending, rotationUnknown, StepPlan } from '../checklist';
import { describeError } from '../../common/logger';
import { diffLists } from '../../payloads/preview';
import { RotationError, StepOptions, StepResult } from '../runnerTypes';
import type { StepKit } from '../stepKit';

/**
 * The rotate step: rotate-app at most once per incident (saved before the call, answered after it, asked about when
 * the answer was lost), then the registry follows and the new client_secret is stored.
 */

export async function rotate(kit: StepKit, s: IncidentState, plan: StepPlan, options: StepOptions): Promise<StepResult> {
  if (plan.kind === 'confirm-rotation') {
    const answer = options.rotationOutcome;
    if (!answer) {
      return kit.result('rotate', s, plan.kind, 'The answer to the last rotate-app call was lost: say whether the email with a new client_secret arrived before anything is sent again.', 'rotation-outcome');
    }
    if (answer.received) {
      const previous = s.rotation!.previousClientId;
      s = await kit.deps.store.save(rotationAnswered(s, { newClientId: answer.clientId ?? previous }, kit.deps.now()));
      return storeSecret(kit, s);
    }
    s = await kit.deps.store.save(rotationRefused(s));
    return sendRotation(kit, s, options);
  }
  if (plan.kind === 'store-secret') return storeSecret(kit, s);
  if (plan.kind === 'rotate' && plan.again && !options.rotateAgain) {
    return kit.result('rotate', s, plan.kind, 'The client_secret was already rotated for this incident; rotating again issues yet another secret.', 'confirm-rotate-again');
  }
  return sendRotation(kit, s, options);
}

async function sendRotation(kit: StepKit, s: IncidentState, options: StepOptions): Promise<StepResult> {
  const app = kit.deps.app(s.clientId);
  if (!app) {
    s = finishStep(s, 'rotate', { status: 'failed', outcome: `The app ${s.clientId} is no longer in VS Code: add it again (Vendaze: Add Existing App) to rotate it here.` }, kit.deps.now());
    return kit.result('rotate', await kit.finish(s, 'rotate', 'failed'), 'rotate');
  }
  const scopes = options.scopes?.length ? [...new Set(options.scopes)] : app.scopes;
  s = await kit.begin(s, 'rotate');
  // BEFORE the call: a reload from here on knows a rotation may have been sent.
  s = await kit.deps.store.save(rotationSending(s, scopes, diffLists(app.scopes, scopes).changed, kit.deps.now()));
  let answer: { clientId: string; requestId?: string };
  try {
    answer = await kit.deps.rotate(app, scopes);
  } catch (error) {
    const message = kit.deps.redact(describeError(error));
    const requestId = error instanceof RotationError ? error.requestId : undefined;
    const unknown = error instanceof RotationError && error.outcomeUnknown;
    s = unknown ? rotationUnknown(s, message) : rotationRefused(s);
    const outcome = unknown
      ? `rotate-app may or may not have reached Vendaze (${message}). Check the registered mailbox: running this step again asks whether a new client_secret arrived, so nothing is rotated twice.`
      : `rotate-app failed: ${message}`;
    s = finishStep(s, 'rotate', { status: 'failed', outcome, requestIds: requestId ? [requestId] : [] }, kit.deps.now());
    kit.deps.audit({ action: 'rotate', outcome: unknown ? 'pending' : 'failed', app: app.clientId, requestId, detail: outcome });
    return kit.result('rotate', await kit.finish(s, 'rotate', 'failed'), 'rotate');
  }
  // AFTER the call: from here on a retry never sends rotate-app again.
  s = await kit.deps.store.save(rotationAnswered(s, { newClientId: answer.clientId, requestId: answer.requestId }, kit.deps.now()));
  kit.deps.audit({
    action: 'rotate',
    outcome: 'ok',
    app: app.clientId,
    requestId: answer.requestId,
    detail: `Rotated during incident response${answer.clientId !== app.clientId ? `; new client_id ${answer.clientId}` : ''}; scopes ${scopes.join(' ')}`,
  });
  return storeSecret(kit, s);
}

async function storeSecret(kit: StepKit, s: IncidentState): Promise<StepResult> {
  const r = s.rotation;
  if (!r || r.phase !== 'rotated') throw new Error('no answered rotation to finish');
  if (!r.applied) {
    await kit.deps.applyRotation(r.previousClientId, r.newClientId, r.scopes, r.scopesChanged);
    s = await kit.deps.store.save(rotationApplied(s));
  }
  if (s.steps.rotate.status !== 'started') s = await kit.begin(s, 'rotate');
  const rotated = `Rotated${r.newClientId !== r.previousClientId ? ` (new client_id ${r.newClientId})` : ''}${r.requestId ? `, request id ${r.requestId}` : ''}`;
  const requestIds = r.requestId ? [r.requestId] : [];
  // A secret stored since the rotation (an earlier run crashed before saving this, or the user used the Apps view).
  if (!kit.deps.secretStoredSince(r.newClientId, r.rotatedAt)) {
    const app = kit.deps.app(r.newClientId);
    const secret = await kit.deps.obtainSecret(r.newClientId, app?.appName ?? s.appName);
    if (!secret) {
      s = finishStep(s, 'rotate', { status: 'waiting', outcome: `${rotated}. The new client_secret was emailed to the registered address: run this step again to store it (it will not rotate again).`, requestIds }, kit.deps.now());
      return kit.result('rotate', await kit.finish(s, 'rotate', 'pending'), 'store-secret');
    }
    await kit.deps.storeSecret(r.newClientId, secret);
    kit.deps.audit({ action: 'store-secret', outcome: 'ok', app: r.newClientId, detail: 'New client_secret stored in SecretStorage after rotation' });
  }
  s = rotationSecretStored(s, kit.deps.now());
  s = finishStep(s, 'rotate', { status: 'done', outcome: `${rotated}; the new client_secret is in VS Code's secret storage. Update every server that uses this app.`, requestIds }, kit.deps.now());
  return kit.result('rotate', await kit.finish(s, 'rotate', 'ok'), 'store-secret');
}
