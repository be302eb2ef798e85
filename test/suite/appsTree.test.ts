/** The apps tree and its node commands (copy, remove), and the payload CodeLens (shared set-up and helpers: appsSupport.ts). */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SCOPE_DESCRIPTIONS } from '../../src/schemas';
import { appNode, appsSuiteHooks, exec, existingApp, openRotatePayload, REDIRECT, sandbox } from './appsSupport';

suite('apps tree and payloads: tree, copy, remove', () => {
  appsSuiteHooks();

  test('the tree shows the app, its scopes with what they grant, its redirect URIs and its tokens', async () => {
    const { clientId, appName } = await existingApp(['people:read', 'deals:write']);
    const node = await appNode(clientId);
    assert.ok(node);
    assert.equal(node.label, appName);
    assert.equal(node.contextValue, 'app');
    assert.match(node.description ?? '', new RegExp(`^${clientId.slice(0, 8)}… · secret stored today$`));
    assert.deepEqual(node.children.map((c) => c.label), ['Scopes', 'Redirect URIs', 'Tokens']);
    const [scopes, uris, tokens] = node.children;
    assert.deepEqual(
      scopes.children.map((c) => [c.label, c.description, c.contextValue]),
      [
        ['people:read', SCOPE_DESCRIPTIONS['people:read'], 'scope'],
        ['deals:write', SCOPE_DESCRIPTIONS['deals:write'], 'scope'],
      ],
    );
    assert.deepEqual(uris.children.map((c) => [c.label, c.contextValue]), [[REDIRECT, 'redirectUri']]);
    assert.equal(tokens.description, 'not signed in');
    assert.deepEqual(tokens.children.map((c) => c.contextValue), ['notSignedIn']);
  });

  test('copy client_id and redirect URI from tree nodes', async () => {
    const { clientId } = await existingApp();
    assert.deepEqual(await exec('vendaze.copyClientId', { type: 'app', clientId }), { clientId });
    assert.equal(await vscode.env.clipboard.readText(), clientId);
    assert.deepEqual(await exec('vendaze.copyRedirectUri', { type: 'redirectUri', clientId, uri: REDIRECT }), { uri: REDIRECT });
    assert.equal(await vscode.env.clipboard.readText(), REDIRECT);
  });

  test('remove app: cancel keeps it; confirmed forgets it (the app stays registered at Vendaze)', async () => {
    const { clientId } = await existingApp();
    assert.deepEqual(await exec('vendaze.removeApp', { clientId, confirm: false }), { status: 'cancelled' });
    assert.ok(await appNode(clientId));
    const removed = await exec<{ status: string }>('vendaze.removeApp', { clientId, confirm: true });
    assert.equal(removed.status, 'removed');
    assert.equal(await appNode(clientId), undefined);
    assert.ok(sandbox.apps().some((a) => a.client_id === clientId), 'the app stays registered at Vendaze');
  });

  test('the payload document shows the "Submit to Vendaze" CodeLens', async () => {
    const { clientId } = await existingApp();
    const document = await openRotatePayload(clientId);
    const lenses = await exec<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.some((t) => /Submit to Vendaze \(rotate this app\)/.test(t)), titles.join(' | '));
  });
});
