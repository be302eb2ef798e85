import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { retireMarkedSessions } from '../../src/auth/orphanGrant';
import { signOutSession } from '../../src/auth/signOut';
import type { RunningSandbox } from '../../src/sandbox/types';
import { clientFor, registerTestApp, startApiSandbox, type TestClient } from './support/apiSandbox';
import { AFTER_COMMIT_FAULTS, arm, NO_FAULTS, signedInWindow, type SignedInWindow } from './support/faultMatrix';

/**
 * After a refresh with an unknown outcome the server may hold a refresh token nobody received (an orphan). When
 * that session ends, by sign-out or by a new sign-in, its access token is revoked while still valid, which removes
 * the grant behind the orphan (the sandbox, like the 2026-07 API, ties every token to its grant).
 */

let sandbox: RunningSandbox;
let t: TestClient;
before(async () => {
  sandbox = await startApiSandbox();
  t = clientFor(sandbox, { timeoutMs: 2000 });
});
afterEach(() => void sandbox.setFaults(NO_FAULTS));
after(() => sandbox.close());

const dropAfterCommit = AFTER_COMMIT_FAULTS.find((f) => f.patch.dropAfterNext)!;

/** A signed-in window whose background refresh went through on the server, but whose answer was lost. */
async function orphaned(): Promise<{ w: SignedInWindow; clientId: string }> {
  const app = await registerTestApp(t.client, sandbox);
  const w = await signedInWindow(sandbox, t.client, app);
  w.advance(3600 - 120);
  arm(sandbox, dropAfterCommit, '/oauth/token');
  await w.coordinator.ensureFresh(w.session.id);
  assert.equal(sandbox.activeTokens(app.clientId).refreshTokens, 1, 'the server holds the orphan refresh token');
  return { w, clientId: app.clientId };
}

describe('orphan refresh tokens', () => {
  test('sign-out of a marked session revokes its access token, the orphan dies with the grant, the log says so', async () => {
    const { w, clientId } = await orphaned();
    const result = await signOutSession(w.revokeDeps, w.session.id);
    assert.equal(result.revoked, true, result.message);
    assert.deepEqual(sandbox.activeTokens(clientId), { grants: 0, accessTokens: 0, refreshTokens: 0 });
    const log = w.lines.join('\n');
    assert.match(log, /got no answer, so Vendaze may hold a refresh token nobody received: revoking the access token while it is still valid/);
    assert.match(log, /the grant with them \(no orphan refresh token survives it\)/);
  });

  test('a new sign-in with the same app retires the marked session first (revoked while valid)', async () => {
    const { w, clientId } = await orphaned();
    const other = await registerTestApp(t.client, sandbox);
    const bystander = await signedInWindow(sandbox, t.client, other);
    await w.store.save(bystander.session);
    const retired = await retireMarkedSessions(w.revokeDeps, clientId);
    assert.deepEqual(retired.map((s) => s.id), [w.session.id]);
    assert.deepEqual((await w.store.list()).map((s) => s.id), [bystander.session.id], 'only the marked session of that app ends');
    assert.deepEqual(sandbox.activeTokens(clientId), { grants: 0, accessTokens: 0, refreshTokens: 0 });
    assert.equal(sandbox.activeTokens(other.clientId).grants, 1);
    assert.match(w.lines.join('\n'), /a new sign-in with the same app replaces it/);
  });

  test('the scheduler aims at the retirement, not at a refresh, once a session is marked', async () => {
    const { w } = await orphaned();
    const marked = (await w.store.get(w.session.id))!;
    const expiresAt = Date.parse(marked.expiresAt);
    assert.equal(w.coordinator.nextActionAt(marked), expiresAt - 60_000, 'a minute before expiry: the revoke is sent while the token is valid');
    assert.ok(w.coordinator.refreshDueAt(marked) < w.coordinator.nextActionAt(marked));
  });
});
