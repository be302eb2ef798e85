import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SESSION_INDEX_KEY, SessionChange, SessionStore, StoredSession } from '../../src/auth/sessionStore';
import { MemorySecretStore } from '../../src/storage/memory';

const fields = (clientId: string, workspaceSlug: string, n = 1): Omit<StoredSession, 'id' | 'createdAt'> => ({
  clientId,
  workspaceSlug,
  scopes: ['people:read'],
  accessToken: `access-token-${clientId}-${workspaceSlug}-${n}`,
  refreshToken: `refresh-token-${clientId}-${workspaceSlug}-${n}`,
  expiresAt: '2026-11-23T12:00:00.000Z',
  apiBaseUrl: 'http://127.0.0.1:7450',
});

function setup() {
  const secrets = new MemorySecretStore();
  const seen: string[] = [];
  return { secrets, seen, store: new SessionStore(secrets, (s) => seen.push(s)) };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('SessionStore', () => {
  test('keeps records and the index in the secret store only', async () => {
    const { secrets, store } = setup();
    const { session } = await store.upsertSignIn(fields('c1', 'acme'));
    assert.deepEqual(secrets.keys().sort(), [`vendaze.session.${session.id}`, SESSION_INDEX_KEY].sort());
    assert.deepEqual(await store.list(), [session]);
    assert.deepEqual(await store.get(session.id), session);
  });

  test('one session per (app, workspace): signing in again replaces tokens and keeps the id', async () => {
    const { store } = setup();
    const first = await store.upsertSignIn(fields('c1', 'acme', 1));
    const second = await store.upsertSignIn(fields('c1', 'acme', 2));
    assert.equal(second.session.id, first.session.id);
    assert.deepEqual(second.replaced, first.session);
    assert.equal((await store.list()).length, 1);
    assert.equal((await store.get(first.session.id))?.accessToken, 'access-token-c1-acme-2');
    const other = await store.upsertSignIn(fields('c1', 'globex'));
    assert.notEqual(other.session.id, first.session.id);
    assert.equal((await store.list()).length, 2);
  });

  test('listForApp, deleteForApp and reassignApp', async () => {
    const { store } = setup();
    const a = (await store.upsertSignIn(fields('c1', 'acme'))).session;
    const b = (await store.upsertSignIn(fields('c1', 'globex'))).session;
    const c = (await store.upsertSignIn(fields('c2', 'acme'))).session;
    assert.deepEqual((await store.listForApp('c1')).map((s) => s.id).sort(), [a.id, b.id].sort());

    const moved = await store.reassignApp('c1', 'c1-new');
    assert.deepEqual(moved.map((s) => s.id).sort(), [a.id, b.id].sort());
    assert.equal((await store.listForApp('c1')).length, 0);
    assert.equal((await store.get(a.id))?.clientId, 'c1-new');
    assert.equal((await store.get(a.id))?.refreshToken, a.refreshToken);

    const removed = await store.deleteForApp('c1-new');
    assert.equal(removed.length, 2);
    assert.deepEqual((await store.list()).map((s) => s.id), [c.id]);
  });

  test('followRotation: a scope change drops the sessions, otherwise they follow the (new) client_id', async () => {
    const { store } = setup();
    const a = (await store.upsertSignIn(fields('c1', 'acme'))).session;
    const c = (await store.upsertSignIn(fields('c2', 'acme'))).session;

    assert.deepEqual(await store.followRotation('c1', 'c1', false), { dropped: [], moved: [] });
    assert.equal((await store.get(a.id))?.clientId, 'c1');

    const moved = await store.followRotation('c1', 'c1-new', false);
    assert.deepEqual(moved.dropped, []);
    assert.deepEqual(moved.moved.map((s) => s.id), [a.id]);
    assert.equal((await store.get(a.id))?.clientId, 'c1-new');

    const dropped = await store.followRotation('c1-new', 'c1-newer', true);
    assert.deepEqual(dropped.dropped.map((s) => s.id), [a.id]);
    assert.deepEqual(dropped.moved, []);
    assert.deepEqual((await store.list()).map((s) => s.id), [c.id]);
  });

  test('delete removes record and index entry and returns what was there', async () => {
    const { secrets, store } = setup();
    const { session } = await store.upsertSignIn(fields('c1', 'acme'));
    assert.deepEqual(await store.delete(session.id), session);
    assert.equal(await store.get(session.id), undefined);
    assert.deepEqual(await store.list(), []);
    assert.deepEqual(secrets.keys(), [SESSION_INDEX_KEY]);
    assert.equal(await store.delete(session.id), undefined);
  });

  test('concurrent saves from this window do not lose index entries', async () => {
    const { store } = setup();
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.upsertSignIn(fields(`c${i}`, 'acme'))));
    assert.equal((await store.list()).length, 20);
  });

  test('a corrupt record or index is skipped, not fatal', async () => {
    const { secrets, store } = setup();
    const { session } = await store.upsertSignIn(fields('c1', 'acme'));
    await secrets.store(SESSION_INDEX_KEY, JSON.stringify([session.id, 'ghost', 42]));
    await secrets.store('vendaze.session.ghost', '{not json');
    assert.deepEqual(await store.list(), [session]);
    await secrets.store(SESSION_INDEX_KEY, 'garbage');
    assert.deepEqual(await store.list(), []);
  });

  test('reports every token it reads or writes to the redactor hook', async () => {
    const { store, seen } = setup();
    const { session } = await store.upsertSignIn(fields('c1', 'acme'));
    assert.ok(seen.includes(session.accessToken) && seen.includes(session.refreshToken));
  });

  test('onDidChange is driven by the secret store, so another window\'s write is seen', async () => {
    const { secrets, store } = setup();
    const otherWindow = new SessionStore(secrets);
    const changes: SessionChange[] = [];
    store.onDidChange((c) => changes.push(c));
    const { session } = await otherWindow.upsertSignIn(fields('c1', 'acme'));
    await tick();
    assert.ok(changes.some((c) => c.kind === 'saved' && c.id === session.id));
    assert.ok(changes.some((c) => c.kind === 'index'));
    await otherWindow.delete(session.id);
    await tick();
    assert.ok(changes.some((c) => c.kind === 'deleted' && c.id === session.id));
    store.dispose();
    otherWindow.dispose();
  });
});
