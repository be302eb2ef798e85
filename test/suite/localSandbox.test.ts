/**
 * "Vendaze: Start Local Sandbox" in a real extension host: the bundled sandbox starts on 127.0.0.1, the extension
 * points at it, its demo app appears with its secret, and stopping undoes all of it.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ProbeResult } from '../../src/api/probe';
import type { StartSandboxResult } from '../../src/localSandbox/commands/startSandbox';
import type { RenderedNode } from '../../src/tree/appsTreeProvider';
import { cmd } from './support';

const apiBaseUrl = () => vscode.workspace.getConfiguration('vendaze').inspect<string>('apiBaseUrl')?.globalValue;
const appNode = async (clientId: string) =>
  (await cmd<{ apps: RenderedNode[] }>('vendaze.refreshApps')).apps.find((n) => n.node.type === 'app' && n.node.clientId === clientId);

suite('local sandbox', () => {
  const previous = 'https://api.vendaze.com/custom';

  setup(() => vscode.workspace.getConfiguration('vendaze').update('apiBaseUrl', previous, vscode.ConfigurationTarget.Global));
  teardown(async () => {
    await cmd('vendaze.stopSandbox');
    await vscode.workspace.getConfiguration('vendaze').update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
  });

  test('start: the extension talks to the sandbox and has its demo app with a secret; stop undoes it', async () => {
    // A double click: both calls get the one sandbox.
    const [started, twin] = await Promise.all([
      cmd<StartSandboxResult>('vendaze.startSandbox', { port: 0 }),
      cmd<StartSandboxResult>('vendaze.startSandbox', { port: 0 }),
    ]);
    assert.equal(started.status, 'started', JSON.stringify(started));
    assert.equal(twin.status !== 'failed' && twin.baseUrl, started.baseUrl, 'one sandbox, not two');
    assert.match(started.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(apiBaseUrl(), started.baseUrl, 'vendaze.apiBaseUrl points at the sandbox');

    const probe = await cmd<ProbeResult>('vendaze.checkConnection');
    assert.equal(probe.reachable, true, JSON.stringify(probe));

    const demo = await appNode(started.demoClientId);
    assert.equal(demo?.label, started.demoAppName);
    assert.match(demo?.description ?? '', /secret stored today/, 'the emailed secret went into SecretStorage');
    // Sign-in can start at once: the demo app accepts the callback this host will really use (code-server proxies
    // the loopback listener through its own port).
    const loopback = await vscode.env.asExternalUri(vscode.Uri.parse('http://127.0.0.1:53682/callback'));
    const uris = demo?.children.find((c) => c.node.type === 'group' && c.node.group === 'redirectUris')?.children.map((c) => c.label);
    assert.ok(uris?.includes(loopback.toString(true)), `${loopback.toString(true)} in ${uris?.join(', ')}`);

    const again = await cmd<StartSandboxResult>('vendaze.startSandbox', { port: 0 });
    assert.deepEqual([again.status, again.status !== 'failed' && again.baseUrl], ['already-running', started.baseUrl]);

    const stopped = await cmd<{ status: string; forgottenApps?: number }>('vendaze.stopSandbox');
    assert.deepEqual(stopped, { status: 'stopped', forgottenApps: 1 });
    assert.equal(apiBaseUrl(), previous, 'the setting is back to what it was');
    assert.equal(await appNode(started.demoClientId), undefined, 'the demo app lived only in the sandbox');
  });

  test('stop without a running sandbox says so and changes nothing', async () => {
    assert.deepEqual(await cmd('vendaze.stopSandbox'), { status: 'not-running' });
    assert.equal(apiBaseUrl(), previous);
  });
});
