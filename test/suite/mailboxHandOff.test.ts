/**
 * Issue 13: after a rotation in a local sandbox, the paste prompt's mail button hands the new client_secret over
 * from the sandbox's /_sandbox/mailbox. Test hosts cannot click a quick-input button, so the command gets
 * `clientSecret: { sandboxMailbox: true }`, which runs what the button runs.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { VendazeClient } from '../../src/api/client';
import type { SubmitResult } from '../../src/apps/commands/submitPayload';
import type { OpenedPayload } from '../../src/apps/commands/registerApp';
import type { AddExistingAppResult } from '../../src/apps/commands/addExistingApp';
import type { RenderedNode } from '../../src/tree/appsTreeProvider';
import { cmd } from './support';

const REDIRECT = 'http://127.0.0.1:53682/callback';

suite('rotation in the sandbox: the mailbox hand-off', () => {
  let sandbox: RunningSandbox;
  const added: string[] = [];

  suiteSetup(async () => {
    sandbox = await startSandbox({ port: 0, autoApprove: true });
    await vscode.workspace.getConfiguration('vendaze').update('apiBaseUrl', sandbox.baseUrl, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    for (const document of vscode.workspace.textDocuments.filter((d) => d.uri.path.endsWith('.vendaze-app.json'))) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    for (const clientId of added) await cmd('vendaze.removeApp', { clientId, confirm: true });
    await vscode.workspace.getConfiguration('vendaze').update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    await sandbox?.close();
  });

  test('the new client_secret comes from the sandbox mailbox in one step and is stored', async () => {
    const appName = `Mailbox-${Date.now().toString(36)}`;
    const email = `${appName.toLowerCase()}@company.test`;
    const { data } = await new VendazeClient({ baseUrl: sandbox.baseUrl }).registerApp({ app_name: appName, email, redirect_uris: [REDIRECT], scopes: ['people:read'] });
    const registered = await cmd<AddExistingAppResult>('vendaze.addExistingApp', { clientId: data.client_id, clientSecret: sandbox.mailbox.secretFor(data.client_id), appName, email, redirectUris: [REDIRECT], scopes: ['people:read'] });
    assert.equal(registered.status, 'added');
    added.push(data.client_id);

    const opened = await cmd<OpenedPayload>('vendaze.rotateApp', data.client_id);
    // Payload documents are saved files in the extension's storage: opened clean, they never ask to be saved on close.
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === opened.uri);
    assert.ok(document);
    assert.equal(document.uri.scheme, 'file');
    assert.match(document.uri.path, /\/payloads\/[^/]+\.vendaze-app\.json$/);
    assert.equal(document.isDirty, false, 'a fresh payload is not dirty');
    const before = sandbox.mailbox.secretFor(data.client_id);
    const result = await cmd<SubmitResult>('vendaze.submitPayload', { uri: opened.uri, confirm: true, signInAgain: false, clientSecret: { sandboxMailbox: true } });
    assert.equal(result.status, 'rotated', JSON.stringify(result));
    if (result.status !== 'rotated') return;
    added.push(result.clientId);
    assert.equal(result.secretStored, true, 'the mailbox message filled the secret');
    assert.notEqual(sandbox.mailbox.secretFor(result.clientId), before, 'a new secret was emailed');
    assert.equal(JSON.parse(document.getText()).client_id, result.clientId);
    assert.equal(document.isDirty, false, 'the new client_id written after the rotation is saved, not left dirty');

    const apps = (await cmd<{ apps: RenderedNode[] }>('vendaze.refreshApps')).apps;
    const node = apps.find((n) => n.node.clientId === result.clientId && n.node.type === 'app');
    assert.ok(node, 'the rotated app is in the tree');
    assert.doesNotMatch(JSON.stringify(node), /no secret stored/i);
  });
});
