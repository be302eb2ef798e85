import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { VendazeClient } from '../../src/api/client';
import { VendazeApiError } from '../../src/api/errors';
import { carriesSecret, hostNeedingConsent } from '../../src/api/secretHost';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';

/** Secrets go to api.vendaze.com and loopback without a question; anywhere else only after the user's yes. */

describe('secret hosts', () => {
  const cases: Array<[string, string | undefined]> = [
    ['https://api.vendaze.com', undefined],
    ['https://API.Vendaze.com./', undefined],
    ['https://api.vendaze.com:443', undefined],
    ['http://127.0.0.1:7450', undefined],
    ['http://localhost:1', undefined],
    ['http://[::1]:9', undefined],
    ['https://api.vendaze.com:8443', 'api.vendaze.com:8443'],
    ['https://api.vendaze.com.attacker.example', 'api.vendaze.com.attacker.example'],
    ['https://vendaze.internal.example', 'vendaze.internal.example'],
    ['https://apivendaze.com', 'apivendaze.com'],
  ];
  for (const [baseUrl, expected] of cases) test(`hostNeedingConsent(${baseUrl}) = ${expected}`, () => assert.equal(hostNeedingConsent(baseUrl), expected));

  test('carriesSecret: a bearer or any non-empty marked secret', () => {
    assert.equal(carriesSecret({}), false);
    assert.equal(carriesSecret({ secrets: [undefined, ''] }), false);
    assert.equal(carriesSecret({ secrets: ['s'] }), true);
    assert.equal(carriesSecret({ bearer: 't' }), true);
  });

  test('a refused host gets nothing: the call fails before any connection, naming the host and the fix', async () => {
    const asked: string[] = [];
    const client = new VendazeClient({ baseUrl: 'https://vendaze.attacker.example', confirmSecretHost: async (host) => (asked.push(host), false) });
    const error = await client
      .exchangeCode({ clientId: 'c', clientSecret: 'the-secret', code: 'the-code', redirectUri: 'http://127.0.0.1/cb', codeVerifier: 'v'.repeat(43) })
      .then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof VendazeApiError);
    assert.equal(error.kind, 'config');
    assert.match(error.userMessage(), /did not allow sending Vendaze secrets to vendaze\.attacker\.example/);
    assert.deepEqual(asked, ['vendaze.attacker.example']);
  });

  describe('against the sandbox (loopback)', () => {
    let sb: RunningSandbox;
    before(async () => (sb = await startSandbox({ seedDemoApp: true })));
    after(() => sb.close());

    test('loopback is never asked about, and the secret-bearing call goes through', async () => {
      const asked: string[] = [];
      const client = new VendazeClient({ baseUrl: sb.baseUrl, confirmSecretHost: async (host) => (asked.push(host), false) });
      const demo = sb.demoApp!;
      const revoked = await client.revokeToken({ clientId: demo.client_id, clientSecret: demo.client_secret, token: 'not-a-token' });
      assert.equal(revoked.status, 200);
      assert.deepEqual(asked, []);
    });
  });
});
