import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { RefreshWithheldError, SessionEndedError } from '../../src/auth/errors';
import { signOutSession } from '../../src/auth/signOut';
import type { RunningSandbox } from '../../src/sandbox/types';
import { authorize, clientFor, registerTestApp, rejection, signIn, startApiSandbox, type TestClient } from './support/apiSandbox';
import { AFTER_COMMIT_FAULTS, arm, NO_FAULTS, requestCounter, signedInWindow, type AfterCommitFault } from './support/faultMatrix';

/**
 * The fault matrix: every credential-spending flow x every fault that fires AFTER the server committed (it
 * processed the request, then answered 500, dropped the connection, or never answered). Real HTTP against the
 * sandbox, which rotates refresh tokens, revokes a grant when a spent refresh token or a used code comes back,
 * and emails secrets. The rule under test is in src/api/retry.ts: a request that may have been processed is
 * never repeated unless the server can see it twice (GET, /oauth/revoke, an Idempotency-Key).
 */

let sandbox: RunningSandbox;
let t: TestClient;

before(async () => {
  sandbox = await startApiSandbox();
  // A short timeout, so the "hang" column costs two seconds (long enough for a busy CI machine's setup calls); virtual retry sleeps (support/apiSandbox.ts).
  t = clientFor(sandbox, { timeoutMs: 2000 });
});
afterEach(() => void sandbox.setFaults(NO_FAULTS));
after(() => sandbox.close());

/** Advice after an unknown outcome may say how to find out, never to repeat the call. */
function assertNoRepeatAdvice(message: string): void {
  assert.doesNotMatch(message, /try again|refresh again|retry/i, message);
}

interface Flow {
  name: string;
  run(fault: AfterCommitFault): Promise<void>;
}

const FLOWS: Flow[] = [
  {
    name: 'refresh (background, when due)',
    async run(fault) {
      const app = await registerTestApp(t.client, sandbox);
      const w = await signedInWindow(sandbox, t.client, app);
      const refreshes = requestCounter(sandbox, 'POST', '/oauth/token');
      w.advance(3600 - 120); // inside the 5-minute refresh margin, well before expiry
      arm(sandbox, fault, '/oauth/token');
      const held = await w.coordinator.ensureFresh(w.session.id);
      assert.equal(refreshes(), 1, 'the refresh token was sent exactly once');
      assert.equal(held.accessToken, w.session.accessToken, 'the session keeps its access token');
      assert.ok((await w.store.get(w.session.id))?.refreshOutcomeUnknownAt, 'the session is marked');
      assert.equal((await t.client.me(held.accessToken)).data.status, 'ok', 'the grant was NOT revoked');
      // Nothing spends that refresh token again: neither the scheduler's next call nor a manual refresh.
      assert.equal((await w.coordinator.ensureFresh(w.session.id)).accessToken, w.session.accessToken);
      await assert.rejects(w.coordinator.ensureFresh(w.session.id, { force: true }), (e: unknown) => e instanceof RefreshWithheldError && !/try again/i.test(e.message));
      assert.equal(refreshes(), 1);
      // Just before the access token expires: retired, its access token revoked while valid, sign in again.
      const revokes = requestCounter(sandbox, 'POST', '/oauth/revoke');
      w.advance(90);
      await assert.rejects(w.coordinator.ensureFresh(w.session.id), (e: unknown) => e instanceof SessionEndedError && e.reason === 'refresh_outcome_unknown' && /Sign in again/.test(e.message));
      assert.deepEqual(w.ended.map((e) => e.reason), ['refresh_outcome_unknown']);
      assert.equal(await w.store.get(w.session.id), undefined);
      assert.ok(revokes() >= 1, 'the access token was revoked');
      assert.deepEqual(sandbox.activeTokens(app.clientId), { grants: 0, accessTokens: 0, refreshTokens: 0 }, 'no orphan refresh token survives');
      assert.equal(refreshes(), 1, 'and still only one refresh');
      assert.match(w.lines.join('\n'), /removes the grant behind it/);
    },
  },
  {
    name: 'code exchange',
    async run(fault) {
      const app = await registerTestApp(t.client, sandbox);
      const { code, verifier, redirectUri } = await authorize(sandbox, app);
      const exchanges = requestCounter(sandbox, 'POST', '/oauth/token');
      arm(sandbox, fault, '/oauth/token');
      const error = await rejection(t.client.exchangeCode({ clientId: app.clientId, clientSecret: app.clientSecret, code, redirectUri, codeVerifier: verifier }));
      assert.equal(exchanges(), 1, 'the code was sent once: a replayed code revokes the grant it produced');
      assert.equal(error.outcomeUnknown, true);
      assert.match(error.userMessage(), /start a new sign-in rather than repeating this exchange/);
      assertNoRepeatAdvice(error.userMessage());
      const again = await signIn(t.client, sandbox, app);
      assert.equal((await t.client.me(again.access_token)).data.status, 'ok', 'a new sign-in works');
    },
  },
  {
    name: 'rotate',
    async run(fault) {
      const app = await registerTestApp(t.client, sandbox);
      const rotations = requestCounter(sandbox, 'POST', '/v1/auth/rotate-app');
      arm(sandbox, fault, '/v1/auth/rotate-app');
      const error = await rejection(t.client.rotateApp({ client_id: app.clientId, app_name: app.appName, redirect_uris: app.redirectUris, scopes: app.scopes }));
      assert.equal(rotations(), 1, 'rotate-app sent exactly once: a second one would kill the emailed secret');
      assert.equal(error.outcomeUnknown, true);
      assert.match(error.userMessage(), /check the mailbox for a new client_secret; do not rotate again/);
      assertNoRepeatAdvice(error.userMessage());
      const mails = sandbox.mailbox.list().filter((m) => m.to === app.email && m.kind === 'rotated');
      assert.equal(mails.length, 1);
      const emailed = { clientId: mails[0]!.client_id, clientSecret: mails[0]!.client_secret };
      assert.equal((await t.client.revokeToken({ ...emailed, token: 'not-a-token' })).data.revoked, true, 'the emailed secret is the live one');
    },
  },
  {
    name: 'register',
    async run(fault) {
      const email = `dev+${randomUUID().slice(0, 8)}@example.com`;
      const registrations = requestCounter(sandbox, 'POST', '/v1/auth/register-app');
      arm(sandbox, fault, '/v1/auth/register-app');
      const error = await rejection(t.client.registerApp({ app_name: `Fault ${email}`, email, redirect_uris: ['https://app.example.com/cb'], scopes: ['people:read'] }));
      assert.equal(registrations(), 1);
      assert.equal(error.outcomeUnknown, true, `not a 409 from a repeated registration (got ${error.status} ${error.code})`);
      assert.match(error.userMessage(), /check the mailbox for its credentials; do not register it again/);
      assertNoRepeatAdvice(error.userMessage());
      assert.equal(sandbox.mailbox.list().filter((m) => m.to === email).length, 1, 'the credentials are in the mailbox, once');
    },
  },
  {
    name: 'create person',
    async run(fault) {
      const app = await registerTestApp(t.client, sandbox);
      const tokens = await signIn(t.client, sandbox, app);
      const people = peopleCounter(tokens.workspace_slug);
      const creates = requestCounter(sandbox, 'POST', '/v1/people');
      arm(sandbox, fault, '/v1/people');
      const error = await rejection(t.client.createPerson(tokens.access_token, { full_name: 'Ada Fault' }));
      assert.equal(creates(), 1);
      assert.equal(people(), 1, 'exactly one person, no duplicate');
      assert.equal(error.outcomeUnknown, true);
      assert.match(error.userMessage(), /look it up/);
      assertNoRepeatAdvice(error.userMessage());
    },
  },
  {
    name: 'create person with an Idempotency-Key',
    async run(fault) {
      const app = await registerTestApp(t.client, sandbox);
      const tokens = await signIn(t.client, sandbox, app);
      const people = peopleCounter(tokens.workspace_slug);
      const creates = requestCounter(sandbox, 'POST', '/v1/people');
      arm(sandbox, fault, '/v1/people');
      const created = await t.client.createPerson(tokens.access_token, { full_name: 'Ada Keyed' }, { idempotencyKey: randomUUID() });
      assert.equal(created.data.full_name, 'Ada Keyed');
      assert.equal(created.retries, 1, 'retried: the key makes the repeat safe');
      assert.equal(creates(), 2);
      assert.equal(people(), 1, 'Vendaze replayed the first answer: one person');
    },
  },
  {
    name: 'revoke (sign-out)',
    async run(fault) {
      const app = await registerTestApp(t.client, sandbox);
      const w = await signedInWindow(sandbox, t.client, app);
      const revokes = requestCounter(sandbox, 'POST', '/oauth/revoke');
      arm(sandbox, fault, '/oauth/revoke');
      const result = await signOutSession(w.revokeDeps, w.session.id);
      assert.equal(result.revoked, true, result.message);
      assert.equal(result.pending, false, 'nothing left pending: revoke is idempotent, so it was retried');
      assert.ok(revokes() >= 2, 'the lost revocation was sent again');
      assert.deepEqual(await w.revokeDeps.pending.list(), []);
      assert.equal(sandbox.activeTokens(app.clientId).grants, 0);
    },
  },
];

function peopleCounter(workspaceSlug: string): () => number {
  const count = () => sandbox.workspaces().find((w) => w.slug === workspaceSlug)?.people ?? 0;
  const before = count();
  return () => count() - before;
}

for (const flow of FLOWS) {
  describe(`fault after commit: ${flow.name}`, () => {
    for (const fault of AFTER_COMMIT_FAULTS) {
      test(`${flow.name} x ${fault.name}`, () => flow.run(fault));
    }
  });
}
