import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppRegistry } from '../../src/apps/registry';
import { SessionStore } from '../../src/auth/sessionStore';
import { collectKnownSecrets } from '../../src/leaks/collectKnownSecrets';
import { MemoryKeyValueStore, MemorySecretStore } from '../../src/storage/memory';

describe('collectKnownSecrets', () => {
  test('lists each client_secret and each session token, labelled with its app', async () => {
    const secrets = new MemorySecretStore();
    const apps = new AppRegistry(new MemoryKeyValueStore(), secrets);
    const sessions = new SessionStore(secrets);
    await apps.upsert({ clientId: 'c1', appName: 'CRM Sync', redirectUris: ['https://a.example/cb'], scopes: ['people:read'], apiBaseUrl: 'http://127.0.0.1:1', addedAt: '2026-11-01T00:00:00Z' });
    await apps.upsert({ clientId: 'c2', appName: 'No Secret Yet', redirectUris: ['https://b.example/cb'], scopes: ['people:read'], apiBaseUrl: 'http://127.0.0.1:1', addedAt: '2026-11-01T00:00:00Z' });
    await apps.setSecret('c1', 'client-secret-value-1');
    await sessions.save({
      id: 'c1/acme-corp',
      clientId: 'c1',
      workspaceSlug: 'acme-corp',
      scopes: ['people:read'],
      accessToken: 'access-token-value-1',
      refreshToken: 'refresh-token-value-1',
      expiresAt: '2026-11-23T13:00:00Z',
      createdAt: '2026-11-23T12:00:00Z',
      apiBaseUrl: 'http://127.0.0.1:1',
    });

    const known = await collectKnownSecrets(apps, sessions);

    assert.deepEqual(
      known.map((k) => [k.kind, k.value, k.clientId, k.label]),
      [
        ['client_secret', 'client-secret-value-1', 'c1', 'CRM Sync'],
        ['access_token', 'access-token-value-1', 'c1', 'CRM Sync · acme-corp'],
        ['refresh_token', 'refresh-token-value-1', 'c1', 'CRM Sync · acme-corp'],
      ],
    );
  });
});
