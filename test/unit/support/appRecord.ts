import type { AppRecord } from '../../../src/apps/registry';

/** A minimal app record for pure tree and reminder tests: named after its client_id, secret stored when given. */
export const appRecord = (clientId: string, secretStoredAt?: string): AppRecord => ({
  clientId,
  appName: clientId,
  redirectUris: [],
  scopes: [],
  apiBaseUrl: 'http://127.0.0.1:1',
  addedAt: '2026-01-01T00:00:00Z',
  secretStoredAt,
});
