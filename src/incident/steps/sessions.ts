import { finishStep, IncidentState, withWorkspaces } from '../checklist';
import type { StepResult } from '../runnerTypes';
import type { StepKit } from '../stepKit';

/** The steps about the app's sessions: revoke every token VS Code holds for it, then sign in to those workspaces again. */

export async function revoke(kit: StepKit, s: IncidentState): Promise<StepResult> {
  s = await kit.begin(s, 'revoke');
  const clientId = s.clientId;
  const report = await kit.deps.revokeAll(clientId, async (one) => {
    // Saved per session: a crash mid-way still knows which workspaces to sign in to again.
    s = await kit.deps.store.save(withWorkspaces(kit.load(s.id), { revoked: [one.workspace] }));
  });
  s = kit.load(s.id);
  const lines = report.sessions.map((r) => `${r.workspace}: ${r.revoked ? 'revoked on the server' : `NOT revoked yet (${r.message})`}`);
  if (report.queuedRevoked) lines.push(`${report.queuedRevoked} queued revoke(s) sent: revoked on the server`);
  if (report.stillPending) lines.push(`${report.stillPending} revoke(s) still queued until the API can be reached (Vendaze: Retry Pending Revokes)`);
  const ok = report.sessions.every((r) => r.revoked) && report.stillPending === 0;
  const outcome = lines.length === 0 ? 'VS Code held no tokens for this app: nothing to revoke. Tokens held elsewhere (your servers) must be revoked there, or end them all by rotating with changed scopes.' : `${lines.join('; ')}.`;
  s = finishStep(s, 'revoke', { status: ok ? 'done' : 'failed', outcome: kit.deps.redact(outcome) }, kit.deps.now());
  return kit.result('revoke', await kit.finish(s, 'revoke', ok ? 'ok' : 'failed'), 'run');
}

export async function signIn(kit: StepKit, s: IncidentState): Promise<StepResult> {
  s = await kit.begin(s, 'signIn');
  const todo = s.revokedWorkspaces.filter((w) => !s.signedInWorkspaces.includes(w));
  const targets: Array<string | undefined> = todo.length ? todo : s.signedInWorkspaces.length ? [] : [undefined];
  const lines: string[] = [];
  let ok = true;
  for (const workspace of targets) {
    const result = await kit.deps.signIn(s.clientId, workspace);
    if (result.ok && result.workspace) {
      s = await kit.deps.store.save(withWorkspaces(kit.load(s.id), { signedIn: [result.workspace] }));
    } else ok = false;
    lines.push(`${workspace ?? result.workspace ?? 'any workspace'}: ${result.ok ? 'signed in' : result.message}`);
  }
  const outcome = lines.length ? lines.join('; ') : 'Every workspace revoked in step 1 is signed in again.';
  s = finishStep(kit.load(s.id), 'signIn', { status: ok ? 'done' : 'failed', outcome: kit.deps.redact(outcome) }, kit.deps.now());
  return kit.result('signIn', await kit.finish(s, 'signIn', ok ? 'ok' : 'failed'), 'run');
}
