import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { STEP_IDS } from '../../src/incident/checklist';
import { IncidentRunner } from '../../src/incident/runner';
import { assertNoSecrets, NEW_SECRET, TOKENS, world } from './support/incidentWorld';

describe('incident checklist: end to end', () => {
  test('all five steps: tokens revoked, rotated once, secret stored, mail and notice drafted, signed in again, closed', async () => {
    const w = world();
    const incident = await w.runner.open('app-1', 'usage spike');
    for (const step of STEP_IDS) {
      const result = await w.runner.run(incident.id, step);
      assert.equal(result.status, 'done', `${step}: ${result.outcome}`);
    }
    const final = w.deps.store.get(incident.id)!;
    assert.ok(final.closedAt, 'closed when every step is done');
    assert.equal(w.server.rotateCalls, 1);
    assert.deepEqual(w.server.revoked, TOKENS.slice(0, 2));
    assert.equal(final.clientId, 'app-1-r1');
    assert.equal(final.originalClientId, 'app-1');
    assert.equal(w.local.secrets.get('app-1-r1')?.value, NEW_SECRET);
    assert.deepEqual(final.revokedWorkspaces, ['acme-corp', 'globex']);
    assert.deepEqual(w.local.signedIn, ['acme-corp', 'globex']);
    assert.match(final.steps.revoke.outcome!, /acme-corp: revoked on the server; globex: revoked on the server/);
    assert.match(final.steps.rotate.outcome!, /new client_id app-1-r1/);
    assert.deepEqual(final.steps.rotate.requestIds, ['rid-rotate-1']);

    // The report: client_id, timeline, request ids; never a secret.
    const email = w.calls.email[0]!;
    assert.match(email, /client_id: app-1 \(after rotation: app-1-r1\)/);
    assert.match(email, /rid-rotate-1/);
    assert.match(email, /rid-probe-1/);
    assert.match(email, /fell from 99 to 20/);
    assertNoSecrets(email);
    assertNoSecrets(w.calls.notice[0]!);
    // Nothing secret in globalState or the audit trail (the fake revoke put a token in its message).
    assertNoSecrets(w.persisted());
    assertNoSecrets(JSON.stringify(w.audits));
    // Every step left a "started" and an outcome entry in the audit trail, and the rotation its own.
    for (const step of ['Revoke every token', 'Rotate the client_secret', 'Report the incident', 'Notify affected users', 'Sign in again']) {
      assert.ok(w.audits.some((a) => a.action === 'incident-step' && a.outcome === 'started' && a.detail?.startsWith(step)), `${step} started`);
      assert.ok(w.audits.some((a) => a.action === 'incident-step' && a.outcome === 'ok' && a.detail?.startsWith(step)), `${step} ok`);
    }
    assert.ok(w.audits.some((a) => a.action === 'rotate' && a.outcome === 'ok' && a.requestId === 'rid-rotate-1'));
  });

  test('open() resumes the open incident of the app (by its old or new client_id); a closed one is not reused', async () => {
    const w = world();
    const first = await w.runner.open('app-1');
    await w.runner.run(first.id, 'rotate');
    assert.equal((await w.runner.open('app-1-r1')).id, first.id);
    assert.equal((await w.runner.open('app-1')).id, first.id);
    await w.runner.close(first.id);
    assert.equal((await w.runner.run(first.id, 'revoke')).plan, 'closed');
    w.deps.newId = () => 'incident-2';
    assert.equal((await new IncidentRunner(w.deps).open('app-1-r1')).id, 'incident-2');
  });
});
