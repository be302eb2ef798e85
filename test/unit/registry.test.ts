import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppRecord, AppRegistry, secretAgeDays } from '../../src/apps/registry';
import { MemoryKeyValueStore, MemorySecretStore } from '../../src/storage/memory';

const app = (clientId: string, extra: Partial<AppRecord> = {}): AppRecord => ({
  clientId,
  appName: 'My SaaS',
  email: 'dev@mysaas.example',
  redirectUris: ['https://mysaas.example/callback'],
  scopes: ['people:read'],
  apiBaseUrl: 'http://127.0.0.1:7450',
  addedAt: '2026-11-01T00:00:00.000Z',
  ...extra,
});

function setup() {
  const state = new MemoryKeyValueStore();
  const secrets = new MemorySecretStore();
  const seen: string[] = [];
  return { state, secrets, seen, registry: new AppRegistry(state, secrets, (s) => seen.push(s)) };
}

describe('AppRegistry', () => {
  test('keeps metadata in the key-value store and the secret only in the secret store', async () => {
    const { state, secrets, registry } = setup();
    await registry.upsert(app('c1'));
    await registry.setSecret('c1', 'secret-value-123', new Date('2026-11-20T00:00:00Z'));
    assert.equal(JSON.stringify(state.get('vendaze.apps.v1')).includes('secret-value-123'), false);
    assert.deepEqual(secrets.keys(), ['vendaze.app.c1.client_secret']);
    assert.equal(await registry.getSecret('c1'), 'secret-value-123');
    assert.equal(registry.get('c1')?.secretStoredAt, '2026-11-20T00:00:00.000Z');
  });

  test('reports every secret it touches so the log redactor learns it', async () => {
    const { registry, seen } = setup();
    await registry.upsert(app('c1'));
    await registry.setSecret('c1', 'secret-value-123');
    await registry.getSecret('c1');
    assert.deepEqual(seen, ['secret-value-123', 'secret-value-123']);
  });

  test('upsert replaces an app with the same client_id', async () => {
    const { registry } = setup();
    await registry.upsert(app('c1'));
    await registry.upsert(app('c1', { appName: 'Renamed' }));
    assert.deepEqual(
      registry.list().map((a) => a.appName),
      ['Renamed'],
    );
  });

  test('rotation to a new client_id moves the record and drops the dead secret', async () => {
    const { registry, secrets } = setup();
    await registry.upsert(app('old'));
    await registry.setSecret('old', 'old-secret-123');
    const changes: unknown[] = [];
    registry.onDidChange((c) => changes.push(c));
    const { addedAt: _a, secretStoredAt: _s, ...rest } = app('new', { scopes: ['people:read', 'deals:read'] });
    await registry.replaceAfterRotation('old', rest);
    assert.deepEqual(
      registry.list().map((a) => [a.clientId, a.scopes.length, a.addedAt]),
      [['new', 2, '2026-11-01T00:00:00.000Z']],
    );
    assert.deepEqual(secrets.keys(), []);
    assert.deepEqual(changes, [{ kind: 'updated', clientId: 'new', previousClientId: 'old' }]);
  });

  test('remove forgets metadata and secret', async () => {
    const { registry, secrets } = setup();
    await registry.upsert(app('c1'));
    await registry.setSecret('c1', 'secret-value-123');
    await registry.remove('c1');
    assert.deepEqual(registry.list(), []);
    assert.equal(await registry.hasSecret('c1'), false);
    assert.deepEqual(secrets.keys(), []);
  });
});

describe('secretAgeDays', () => {
  test('is undefined without a stored secret', () => assert.equal(secretAgeDays(app('c')), undefined));
  test('counts whole days', () =>
    assert.equal(secretAgeDays(app('c', { secretStoredAt: '2026-11-01T12:00:00Z' }), new Date('2026-11-23T11:00:00Z')), 21));
});
