import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditInput } from '../../src/audit/entry';
import { SecretRedactor } from '../../src/common/redact';
import { nextStep, planStep, STEP_IDS } from '../../src/incident/checklist';
import { IncidentDeps, IncidentRunner, RotationError, SessionRevoke } from '../../src/incident/runner';
import { IncidentStore, INCIDENTS_KEY } from '../../src/incident/store';
import { draftSecurityEmail, MAX_MAILTO_LENGTH, userNotice } from '../../src/incident/texts';
import { MemoryKeyValueStore } from '../../src/storage/memory';

const OLD_SECRET = 'vz_sec_OLD_0123456789abcdef0123456789';
const NEW_SECRET = 'vz_sec_NEW_fedcba9876543210fedcba9876';
const TOKENS = ['eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ.access-token-one', 'refresh-token-one-0123456789', 'eyJhbGciOiJIUzI1NiJ9.eyJhIjoyfQ.access-token-two'];

class Crash extends Error {}

/** globalState that can "die" like a crashing window: from crash() on, every write fails; revive() = reload. */
class CrashableState extends MemoryKeyValueStore {
  dead = false;
  override async update(key: string, value: unknown): Promise<void> {
    if (this.dead) throw new Crash('window crashed');
    return super.update(key, value);
  }
  crash(): never {
    this.dead = true;
    throw new Crash('window crashed');
  }
  revive(): void {
    this.dead = false;
  }
}

/** The sandbox's side of things, as the steps see it: sessions held, rotations done, secrets stored. */
function world(options: { workspaces?: string[] } = {}) {
  const kv = new CrashableState();
  const server = { rotations: 0, rotateCalls: 0, revoked: [] as string[], clientId: 'app-1', scopes: ['people:read'] };
  const local = {
    sessions: (options.workspaces ?? ['acme-corp', 'globex']).map((workspace, i) => ({ workspace, token: TOKENS[i]! })),
    secrets: new Map<string, { value: string; at: string }>([['app-1', { value: OLD_SECRET, at: '2026-01-01T00:00:00.000Z' }]]),
    apps: new Map([['app-1', { clientId: 'app-1', appName: 'Acme Sync', scopes: ['people:read'], email: 'dev@acme.test' }]]),
    signedIn: [] as string[],
  };
  const audits: AuditInput[] = [];
  const redactor = new SecretRedactor();
  for (const s of [OLD_SECRET, NEW_SECRET, ...TOKENS]) redactor.add(s);
  let clock = Date.parse('2026-03-01T10:00:00.000Z');
  const hooks: {
    rotate?: () => void;
    afterRotate?: () => void;
    afterStoreSecret?: () => void;
    afterFirstRevoke?: () => void;
    secret?: string | undefined;
    signInFails?: boolean;
  } = { secret: NEW_SECRET };
  const calls = { obtainSecret: 0, applyRotation: 0, email: [] as string[], notice: [] as string[] };

  const deps: IncidentDeps = {
    store: new IncidentStore(kv),
    now: () => new Date((clock += 1000)),
    newId: () => 'incident-1',
    redact: (t) => redactor.redact(t),
    audit: (a) => audits.push(a),
    app: (id) => local.apps.get(id),
    async revokeAll(clientId, onSession) {
      const results: SessionRevoke[] = [];
      while (local.sessions.length) {
        const session = local.sessions.shift()!;
        server.revoked.push(session.token);
        const result = { workspace: session.workspace, revoked: true, pending: false, message: `revoked ${session.token}` };
        results.push(result);
        await onSession(result);
        if (results.length === 1) hooks.afterFirstRevoke?.();
      }
      assert.ok(clientId);
      return { sessions: results, stillPending: 0 };
    },
    async rotate(app, scopes) {
      server.rotateCalls++;
      hooks.rotate?.();
      server.rotations++;
      server.clientId = `${app.clientId}-r${server.rotations}`;
      server.scopes = scopes;
      hooks.afterRotate?.();
      return { clientId: server.clientId, requestId: `rid-rotate-${server.rotations}` };
    },
    async applyRotation(previous, next) {
      calls.applyRotation++;
      const app = local.apps.get(previous) ?? local.apps.get(next)!;
      local.apps.delete(previous);
      local.apps.set(next, { ...app, clientId: next });
      local.secrets.delete(previous);
    },
    secretStoredSince: (clientId, since) => {
      const stored = local.secrets.get(clientId);
      return stored !== undefined && stored.at >= since;
    },
    async obtainSecret() {
      calls.obtainSecret++;
      return hooks.secret;
    },
    async storeSecret(clientId, secret) {
      local.secrets.set(clientId, { value: secret, at: new Date(clock).toISOString() });
      hooks.afterStoreSecret?.();
    },
    async sendEmail(draft) {
      calls.email.push(draft.body);
      return 'copied';
    },
    async openNotice(text) {
      calls.notice.push(text);
    },
    async signIn(clientId, workspace) {
      if (hooks.signInFails) return { ok: false, message: 'the browser sign-in timed out' };
      assert.equal(clientId, server.clientId, 'signs in with the rotated app');
      local.signedIn.push(workspace ?? 'acme-corp');
      return { ok: true, workspace: workspace ?? 'acme-corp', message: 'ok' };
    },
    observations: () => ['X-RateLimit-Remaining for GET /v1/* fell from 99 to 20 while this VS Code made 2 of those requests'],
    recentRequestIds: () => ['rid-probe-1', 'rid-probe-2'],
  };
  /** A new window after a crash: same globalState, fresh runner. */
  const reload = () => {
    kv.revive();
    return new IncidentRunner({ ...deps, store: new IncidentStore(kv) });
  };
  return { kv, server, local, audits, hooks, calls, deps, runner: new IncidentRunner(deps), reload, persisted: () => JSON.stringify(kv.get(INCIDENTS_KEY)) };
}

function assertNoSecrets(text: string) {
  for (const secret of [OLD_SECRET, NEW_SECRET, ...TOKENS]) assert.ok(!text.includes(secret), `secret ${secret.slice(0, 12)}… found`);
}

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

describe('incident texts', () => {
  const state = () => {
    const w = world();
    return w.runner.open('app-1', 'spike').then((s) => ({ ...s, timeline: Array.from({ length: 80 }, (_, i) => ({ at: s.openedAt, text: `event number ${i} with some words` })) }));
  };

  test('the mailto link stays short enough for mail clients; the full text is kept for copying', async () => {
    const s = await state();
    const draft = draftSecurityEmail({ state: s, observations: [], recentRequestIds: Array.from({ length: 30 }, (_, i) => `rid-${i}`) });
    assert.ok(draft.mailto.length <= MAX_MAILTO_LENGTH);
    assert.ok(draft.truncated);
    assert.match(decodeURIComponent(draft.mailto), /Shortened to fit/);
    assert.ok(draft.mailto.startsWith('mailto:security@vendaze.com?subject='));
    assert.match(draft.body, /event number 79/);
  });

  test('the user notice names the app and what users should do', async () => {
    const text = userNotice({ state: await state(), contact: 'support@acme.test' });
    assert.match(text, /^# Security notice: Acme Sync/);
    assert.match(text, /authorize it again/);
    assert.match(text, /support@acme\.test/);
  });
});
