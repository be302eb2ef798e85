/**
 * Inside the real extension host, API calls go through the host's fetch, which VS Code patches for `http.proxy`:
 * set the setting to a test CONNECT proxy, run "Check API Connection" against an https sandbox under a name only
 * that proxy resolves (api.vendaze.test: loopback would bypass any proxy), and the proxy must see the tunnel. The
 * sandbox's certificate comes from a throw-away CA this VS Code does not trust, so the check fails with the
 * certificate message written for VS Code users (trusting the CA would need the OS store or NODE_EXTRA_CA_CERTS
 * before the host starts; the unit tier covers the trusted path through the same proxy).
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ProbeResult } from '../../src/api/probe';
import { startSandbox } from '../../src/sandbox';
import type { RunningSandbox } from '../../src/sandbox/types';
import { startConnectProxy, type TestProxy } from '../unit/support/connectProxy';
import { createTestPki, type TestPki } from '../unit/support/testPki';
import { cmd } from './support';

const HOST = 'api.vendaze.test';

suite('network: the extension follows http.proxy', () => {
  let pki: TestPki;
  let sandbox: RunningSandbox;
  let proxy: TestProxy;
  const http = () => vscode.workspace.getConfiguration('http');
  const vendaze = () => vscode.workspace.getConfiguration('vendaze');

  suiteSetup(async () => {
    pki = createTestPki([HOST]);
    sandbox = await startSandbox({ tls: { key: pki.serverKey, cert: pki.serverChain } });
    proxy = await startConnectProxy({ hosts: { [HOST]: '127.0.0.1' } });
    await http().update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
    await vendaze().update('apiBaseUrl', `https://${HOST}:${sandbox.port}`, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await http().update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await vendaze().update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    await Promise.all([sandbox?.close(), proxy?.close()]);
    pki?.dispose();
  });

  test('Check API Connection tunnels through http.proxy; an untrusted company certificate gets the VS Code advice', async () => {
    const before = proxy.connects.length;
    const probe = await cmd<ProbeResult>('vendaze.checkConnection');
    assert.ok(proxy.connects.slice(before).includes(`${HOST}:${sandbox.port}`), `CONNECTs seen: ${proxy.connects.join(', ')}; probe ${JSON.stringify(probe)}`);
    assert.equal(probe.reachable, false, 'the test CA is not trusted by this VS Code');
    const message = (probe as Extract<ProbeResult, { reachable: false }>).message;
    assert.match(message, /TLS certificate is not trusted/, message);
    assert.match(message, /http\.systemCertificates/, message);
  });
});
