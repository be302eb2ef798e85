import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { accountIdOf, findSession, sessionIdOf } from '../../src/auth/sessionArgs';
import { StoredSession } from '../../src/auth/sessionStore';

const session = (id: string, clientId: string, workspaceSlug: string): StoredSession => ({
  id,
  clientId,
  workspaceSlug,
  scopes: ['people:read'],
  accessToken: 'a',
  refreshToken: 'r',
  expiresAt: '2026-11-23T12:00:00Z',
  createdAt: '2026-11-23T11:00:00Z',
  apiBaseUrl: 'http://127.0.0.1:7450',
});
const sessions = [session('s1', 'c1', 'acme-corp'), session('s2', 'c1', 'globex'), session('s3', 'c2', 'acme-corp')];

describe('session command arguments', () => {
  for (const [name, arg, expected] of [
    ['session id', 's2', 's2'],
    ['account id clientId/workspace', 'c2/acme-corp', 's3'],
    ['Apps tree token node', { type: 'token', clientId: 'c1', sessionId: 's1', workspaceSlug: 'acme-corp' }, 's1'],
    ['AuthenticationSession', { id: 's3', accessToken: 'x', account: { id: 'c2/acme-corp', label: 'l' }, scopes: [] }, 's3'],
    ['account object only', { account: { id: 'c1/globex' } }, 's2'],
    ['unknown id', 'nope', undefined],
    ['app node (no session in it)', { type: 'app', clientId: 'c1' }, undefined],
    ['nothing', undefined, undefined],
  ] as const) {
    test(name, () => assert.equal(findSession(sessions, arg)?.id, expected));
  }
  test('sessionIdOf prefers sessionId over id', () => assert.equal(sessionIdOf({ sessionId: 'a', id: 'b' }), 'a'));
  test('accountIdOf', () => assert.equal(accountIdOf(sessions[1]!), 'c1/globex'));
});
