import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningSandbox } from '../../src/sandbox/types';
import type { VendazeClient } from '../../src/api/client';
import { UNATTRIBUTED, UsageMonitor } from '../../src/usage/monitor';
import { clientFor, registerTestApp, signIn, startApiSandbox } from './support/apiSandbox';

/**
 * Issue 13's Activity view: the extension's own register, /oauth/token and rotate-app calls are filed under the app
 * they are about (no usage context needed), and a stopped sandbox's counters go with it. Real sandbox, real HTTP.
 */
describe('usage attribution from the call itself', () => {
  let sandbox: RunningSandbox;
  let client: VendazeClient;
  const monitor = new UsageMonitor();
  before(async () => {
    sandbox = await startApiSandbox();
    client = clientFor(sandbox).client;
    client.onResponse((info) => monitor.observe(info)); // no usage context at all, as for the extension's own calls
  });
  after(() => sandbox.close());

  test('register, token exchange, refresh and rotate are filed under their app, not "Other calls"', async () => {
    const app = await registerTestApp(client, sandbox);
    const tokens = await signIn(client, sandbox, app);
    await client.refreshToken({ clientId: app.clientId, clientSecret: app.clientSecret, refreshToken: tokens.refresh_token });
    const rotated = await client.rotateApp({ client_id: app.clientId, app_name: app.appName, redirect_uris: app.redirectUris, scopes: app.scopes });
    const [usage] = monitor.snapshot(app.clientId);
    assert.ok(usage, 'the app has usage');
    assert.deepEqual(
      usage.recent.map((r) => r.path).reverse(),
      ['/v1/auth/register-app', '/oauth/token', '/oauth/token', '/v1/auth/rotate-app'],
    );
    assert.ok(usage.recent.every((r) => r.origin === sandbox.baseUrl));
    assert.deepEqual(monitor.snapshot(UNATTRIBUTED), [], 'nothing left under "Other calls"');

    // The registry renames the app after a rotation that changed the client_id: the history follows it.
    monitor.renameApp(app.clientId, rotated.data.client_id);
    assert.equal(monitor.snapshot(rotated.data.client_id)[0]?.ownRequests, 4);
  });

  test('a stopped sandbox: its apps\' counters and its unclaimed calls are forgotten, others kept', async () => {
    const m = new UsageMonitor();
    const at = { durationMs: 1, attempt: 1, status: 200 } as const;
    m.observe({ ...at, method: 'POST', path: '/oauth/token', clientId: 'app-a', origin: sandbox.baseUrl });
    m.observe({ ...at, method: 'POST', path: '/oauth/token', origin: sandbox.baseUrl });
    m.observe({ ...at, method: 'POST', path: '/oauth/token', origin: 'https://api.vendaze.example' });
    m.forget('app-a');
    m.forgetOrigin(`${sandbox.baseUrl}/`);
    assert.deepEqual(m.snapshot('app-a'), []);
    assert.deepEqual(m.snapshot(UNATTRIBUTED)[0]?.recent.map((r) => r.origin), ['https://api.vendaze.example']);
    m.forgetOrigin('https://api.vendaze.example');
    assert.deepEqual(m.snapshot(UNATTRIBUTED), []);
  });
});
