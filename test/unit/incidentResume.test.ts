import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { nextStep, planStep } from '../../src/incident/checklist';
import { RotationError } from '../../src/incident/runner';
import { assertNoSecrets, Crash, NEW_SECRET, OLD_SECRET, TOKENS, world } from './support/incidentWorld';

describe('incident checklist: interrupted and resumed, nothing done twice', () => {
  test('crash right after rotate-app answered, before the answer was saved: resume asks, does not resend', async () => {
    const w = world();
    const incident = await w.runner.open('app-1');
    w.hooks.afterRotate = () => w.kv.crash();
    await assert.rejects(w.runner.run(incident.id, 'rotate'), Crash);
    assert.equal(w.server.rotations, 1);

    const resumed = w.reload();
    w.hooks.afterRotate = undefined;
    assert.equal(planStep(w.deps.store.get(incident.id)!, 'rotate').kind, 'confirm-rotation');
    const asked = await resumed.run(incident.id, 'rotate');
    assert.equal(asked.needs, 'rotation-outcome');
    assert.equal(w.server.rotateCalls, 1, 'nothing sent without an answer');
    // The email arrived (with the new client_id): store the secret, never rotate again.
    const done = await resumed.run(incident.id, 'rotate', { rotationOutcome: { received: true, clientId: 'app-1-r1' } });
    assert.equal(done.status, 'done', done.outcome);
    assert.equal(w.server.rotateCalls, 1);
    assert.equal(w.local.secrets.get('app-1-r1')?.value, NEW_SECRET);
  });

  test('crash after the answer was saved, before the registry followed: resume applies it and asks only for the secret', async () => {
    const w = world();
    const incident = await w.runner.open('app-1');
    const apply = w.deps.applyRotation;
    w.deps.applyRotation = async () => w.kv.crash();
    await assert.rejects(w.runner.run(incident.id, 'rotate'), Crash);
    w.deps.applyRotation = apply;
    const resumed = w.reload();
    assert.equal(planStep(w.deps.store.get(incident.id)!, 'rotate').kind, 'store-secret');
    const done = await resumed.run(incident.id, 'rotate');
    assert.equal(done.status, 'done', done.outcome);
    assert.equal(w.server.rotateCalls, 1);
    assert.equal(w.calls.applyRotation, 1);
    assert.ok(w.local.apps.has('app-1-r1') && !w.local.apps.has('app-1'));
  });

  test('crash halfway through following a scope-changing rotation: the resume still knows the scopes changed', async () => {
    const w = world();
    const incident = await w.runner.open('app-1');
    const apply = w.deps.applyRotation;
    const seen: boolean[] = [];
    // The first attempt gets as far as updating the registry (new client_id, new scopes), then the window dies.
    w.deps.applyRotation = async (previous, next, scopes, scopesChanged) => {
      seen.push(scopesChanged);
      await apply(previous, next, scopes, scopesChanged);
      w.kv.crash();
    };
    await assert.rejects(w.runner.run(incident.id, 'rotate', { scopes: ['people:read', 'deals:read'] }), Crash);
    w.deps.applyRotation = async (previous, next, scopes, scopesChanged) => {
      seen.push(scopesChanged);
      await apply(previous, next, scopes, scopesChanged);
    };
    const done = await w.reload().run(incident.id, 'rotate');
    assert.equal(done.status, 'done', done.outcome);
    // The registry already holds the new scopes by now: only the state saved before sending can tell.
    assert.deepEqual(seen, [true, true]);
    assert.equal(w.server.rotateCalls, 1);
  });

  test('rotated but the secret was not entered: the step waits; retrying stores it without rotating again', async () => {
    const w = world();
    const incident = await w.runner.open('app-1');
    w.hooks.secret = undefined;
    const waiting = await w.runner.run(incident.id, 'rotate');
    assert.equal(waiting.status, 'waiting');
    assert.match(waiting.outcome, /run this step again to store it \(it will not rotate again\)/);
    w.hooks.secret = NEW_SECRET;
    const done = await w.reload().run(incident.id, 'rotate');
    assert.equal(done.status, 'done');
    assert.equal(w.server.rotateCalls, 1);
    assert.equal(w.calls.obtainSecret, 2);
  });

  test('crash after the secret was stored, before the step was saved: resume finishes without asking again', async () => {
    const w = world();
    const incident = await w.runner.open('app-1');
    w.hooks.afterStoreSecret = () => w.kv.crash();
    await assert.rejects(w.runner.run(incident.id, 'rotate'), Crash);
    w.hooks.afterStoreSecret = undefined;
    const done = await w.reload().run(incident.id, 'rotate');
    assert.equal(done.status, 'done');
    assert.equal(w.calls.obtainSecret, 1, 'not asked twice');
    assert.equal(w.server.rotateCalls, 1);
  });

  test('a lost answer (timeout, dropped connection): retry asks first; "no email" sends it again, once', async () => {
    const w = world();
    const incident = await w.runner.open('app-1');
    w.hooks.rotate = () => {
      throw new RotationError('The connection dropped before Vendaze answered', true);
    };
    const failed = await w.runner.run(incident.id, 'rotate');
    assert.equal(failed.status, 'failed');
    assert.match(failed.outcome, /may or may not have reached Vendaze/);
    w.hooks.rotate = undefined;
    assert.equal((await w.runner.run(incident.id, 'rotate')).needs, 'rotation-outcome');
    assert.equal(w.server.rotateCalls, 1);
    const done = await w.runner.run(incident.id, 'rotate', { rotationOutcome: { received: false } });
    assert.equal(done.status, 'done');
    assert.equal(w.server.rotateCalls, 2);
    assert.equal(w.server.rotations, 1, 'one rotation happened on the server');
  });

  test('a refused rotation (4xx) can simply be retried', async () => {
    const w = world();
    const incident = await w.runner.open('app-1');
    w.hooks.rotate = () => {
      throw new RotationError('Rate limit exceeded. Try again in 60 seconds.', false, 'rid-429');
    };
    const failed = await w.runner.run(incident.id, 'rotate');
    assert.equal(failed.status, 'failed');
    assert.deepEqual(failed.incident.steps.rotate.requestIds, ['rid-429']);
    assert.equal(failed.incident.rotation, undefined);
    w.hooks.rotate = undefined;
    assert.equal((await w.runner.run(incident.id, 'rotate')).status, 'done');
    assert.equal(w.server.rotations, 1);
    assert.equal(w.deps.store.get(incident.id)!.steps.rotate.attempts, 2);
  });

  test('retrying a finished rotation asks before rotating again', async () => {
    const w = world();
    const incident = await w.runner.open('app-1');
    await w.runner.run(incident.id, 'rotate');
    const asked = await w.runner.run(incident.id, 'rotate');
    assert.equal(asked.needs, 'confirm-rotate-again');
    assert.equal(w.server.rotations, 1);
    assert.equal((await w.runner.run(incident.id, 'rotate', { rotateAgain: true })).status, 'done');
    assert.equal(w.server.rotations, 2);
  });

  test('crash in the middle of revoking: resume revokes the rest, each token once, and remembers both workspaces', async () => {
    const w = world();
    const incident = await w.runner.open('app-1');
    w.hooks.afterFirstRevoke = () => w.kv.crash();
    await assert.rejects(w.runner.run(incident.id, 'revoke'), Crash);
    assert.equal(w.deps.store.get(incident.id)!.steps.revoke.status, 'started', 'saved before the side effect');
    w.hooks.afterFirstRevoke = undefined;
    const done = await w.reload().run(incident.id, 'revoke');
    assert.equal(done.status, 'done');
    assert.deepEqual(w.server.revoked, TOKENS.slice(0, 2), 'each token revoked once');
    assert.deepEqual(done.incident.revokedWorkspaces, ['acme-corp', 'globex']);
  });

  test('a revoke retried from the queue says so (not "nothing to revoke")', async () => {
    const w = world();
    const incident = await w.runner.open('app-1');
    w.deps.revokeAll = async () => ({ sessions: [], stillPending: 0, queuedRevoked: 1 });
    const done = await w.runner.run(incident.id, 'revoke');
    assert.equal(done.status, 'done');
    assert.equal(done.outcome, '1 queued revoke(s) sent: revoked on the server.');
    w.deps.revokeAll = async () => ({ sessions: [], stillPending: 1 });
    const failed = await w.runner.run(incident.id, 'revoke');
    assert.equal(failed.status, 'failed');
    assert.match(failed.outcome, /1 revoke\(s\) still queued/);
  });

  test('a failed sign-in is reported and can be retried; skipped steps count as finished', async () => {
    const w = world({ workspaces: ['acme-corp'] });
    const incident = await w.runner.open('app-1');
    await w.runner.run(incident.id, 'revoke');
    await w.runner.run(incident.id, 'rotate');
    w.hooks.signInFails = true;
    const failed = await w.runner.run(incident.id, 'signIn');
    assert.equal(failed.status, 'failed');
    assert.match(failed.outcome, /acme-corp: the browser sign-in timed out/);
    w.hooks.signInFails = false;
    assert.equal((await w.runner.run(incident.id, 'signIn')).status, 'done');
    assert.equal(nextStep(w.deps.store.get(incident.id)!), 'email');
    await w.runner.skip(incident.id, 'email');
    const last = await w.runner.skip(incident.id, 'notice');
    assert.ok(last.incident.closedAt);
  });

  test('an unexpected error leaves the step failed with the (redacted) reason, not stuck in "started"', async () => {
    const w = world();
    const incident = await w.runner.open('app-1');
    w.deps.openNotice = async () => {
      throw new Error(`disk full while writing ${OLD_SECRET}`);
    };
    const failed = await w.runner.run(incident.id, 'notice');
    assert.equal(failed.status, 'failed');
    assert.match(failed.outcome, /disk full while writing \[REDACTED\]/);
    assertNoSecrets(w.persisted());
  });
});
