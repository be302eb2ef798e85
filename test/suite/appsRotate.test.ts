/** Rotating an app through its payload: sessions kept or revoked, the preview, the typed app name (shared set-up and helpers: appsSupport.ts). */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { request } from 'undici';
import { buildAuthorizeUrl } from '../../src/api/authorizeUrl';
import { createPkcePair, createState } from '../../src/auth/pkce';
import type { SubmitResult } from '../../src/apps/commands/submitPayload';
import type { OpenedPayload } from '../../src/apps/commands/registerApp';
import { quietPort } from '../unit/support/ports';
import { api, appNode, appsSuiteHooks, authRequests, documentFor, exec, existingApp, openRotatePayload, REDIRECT, sandbox, secretFromMailbox, setValue, submit, unique } from './appsSupport';

/** A real user grant on the sandbox: authorize (auto-approved) -> code -> token exchange, like a signed-in user. */
async function grantSession(clientId: string, scopes: string[]): Promise<void> {
  const pkce = createPkcePair();
  const state = createState();
  const url = buildAuthorizeUrl({ baseUrl: sandbox.baseUrl, clientId, redirectUri: REDIRECT, scopes, state, codeChallenge: pkce.challenge });
  const res = await request(url, { method: 'GET' });
  await res.body.dump();
  const location = new URL(String(res.headers.location));
  const code = location.searchParams.get('code');
  assert.ok(code, `no code in ${location.toString()}`);
  await api.exchangeCode({ clientId, clientSecret: secretFromMailbox(clientId)!, code, redirectUri: REDIRECT, codeVerifier: pkce.verifier });
}

suite('apps tree and payloads: rotate', () => {
  appsSuiteHooks();

  test('rotate without a scope change: sessions kept on the sandbox, new client_id everywhere, new secret stored', async () => {
    const { clientId } = await existingApp(['people:read']);
    await grantSession(clientId, ['people:read']);
    assert.equal(sandbox.activeTokens(clientId).grants, 1);

    const document = await openRotatePayload(clientId);
    await setValue(document, ['app_name'], unique('Renamed'));
    const result = await submit(document, { clientSecret: secretFromMailbox });
    assert.equal(result?.status, 'rotated', JSON.stringify(result));
    if (result?.status !== 'rotated') return;
    assert.equal(result.scopesChanged, false);
    assert.equal(result.previousClientId, clientId);
    assert.equal(result.clientIdChanged, true);
    assert.equal(result.secretStored, true);
    assert.equal(sandbox.activeTokens(result.clientId).grants, 1, 'the grant survives a rotation that keeps the scopes');
    assert.ok(result.preview.consequences.some((c) => /client_secret stops working immediately/.test(c)));
    assert.ok(result.preview.consequences.some((c) => /unchanged: active user sessions keep working/.test(c)));

    assert.equal(JSON.parse(document.getText()).client_id, result.clientId, 'the payload now targets the new client_id');
    assert.equal(await appNode(clientId), undefined);
    assert.ok(await appNode(result.clientId));
  });

  test('rotate with a scope change: the app name must be typed; then every session is revoked', async () => {
    const { clientId, appName } = await existingApp(['people:read']);
    await grantSession(clientId, ['people:read']);
    const document = await openRotatePayload(clientId);
    await setValue(document, ['scopes'], ['people:read', 'deals:read']);
    const before = authRequests().length;

    const wrongName = await submit(document, { confirmName: `${appName} (typo)` });
    assert.equal(wrongName?.status === 'cancelled' && wrongName.reason, 'name');
    assert.equal(authRequests().length, before, 'nothing was sent');
    assert.equal(sandbox.activeTokens(clientId).grants, 1);

    const result = await submit(document, { confirmName: appName, clientSecret: secretFromMailbox });
    assert.equal(result?.status, 'rotated', JSON.stringify(result));
    if (result?.status !== 'rotated') return;
    assert.equal(result.scopesChanged, true);
    assert.deepEqual(result.preview.scopes.added, ['deals:read']);
    assert.equal(result.preview.confirmName, appName);
    assert.equal(sandbox.activeTokens(result.clientId).grants, 0, 'a scope change revokes every session');
    const scopes = (await appNode(result.clientId))?.children.find((c) => c.label === 'Scopes')?.children.map((c) => c.label);
    assert.deepEqual(scopes, ['people:read', 'deals:read']);
  });

  test('signed-in workspaces: listed under Tokens; moved by a same-scopes rotation, dropped by a scope change, revoked by Remove', async function () {
    this.timeout(180_000);
    // A real sign-in through the sign-in feature (browser tab -> sandbox -> loopback listener), as a user would.
    const authConfig = vscode.workspace.getConfiguration('vendaze.auth');
    const port = await quietPort();
    await authConfig.update('loopbackPort', port, vscode.ConfigurationTarget.Global);
    try {
      const redirect = (await vscode.env.asExternalUri(vscode.Uri.parse(`http://127.0.0.1:${port}/callback`))).toString();
      const { clientId, appName } = await existingApp(['people:read'], [redirect]);
      const signIn = async (id: string) => {
        const result = await exec<{ ok: boolean; message: string; workspace: string }>('vendaze.signIn', id, { timeoutSeconds: 60 });
        assert.equal(result.ok, true, result.message);
        return result;
      };
      const tokensOf = async (id: string) => (await appNode(id))?.children.find((c) => c.label === 'Tokens');

      const first = await signIn(clientId);
      const tokens = await tokensOf(clientId);
      assert.deepEqual(tokens?.children.map((c) => [c.label, c.contextValue]), [[first.workspace, 'token']]);
      assert.match(tokens?.children[0].description ?? '', /^expires in (59 min|1 h 00 min) · people:read$/);

      let document = await openRotatePayload(clientId);
      await setValue(document, ['description'], 'same scopes');
      const kept = await submit(document, { clientSecret: secretFromMailbox });
      assert.equal(kept?.status, 'rotated', JSON.stringify(kept));
      if (kept?.status !== 'rotated') return;
      assert.equal(kept.sessionsMoved, 1);
      assert.deepEqual((await tokensOf(kept.clientId))?.children.map((c) => c.label), [first.workspace]);
      assert.equal(sandbox.activeTokens(kept.clientId).grants, 1);

      document = documentFor(document.uri.toString());
      await setValue(document, ['scopes'], ['people:read', 'tags:read']);
      const changed = await submit(document, { clientSecret: secretFromMailbox, confirmName: appName });
      assert.equal(changed?.status, 'rotated', JSON.stringify(changed));
      if (changed?.status !== 'rotated') return;
      assert.equal(changed.scopesChanged, true);
      assert.equal(changed.sessionsDropped, 1);
      assert.equal((await tokensOf(changed.clientId))?.description, 'not signed in');
      assert.equal(sandbox.activeTokens(changed.clientId).grants, 0);

      await signIn(changed.clientId);
      assert.equal(sandbox.activeTokens(changed.clientId).grants, 1);
      const removed = await exec<{ status: string; sessionsRemoved: number; tokensRevoked: number }>('vendaze.removeApp', { clientId: changed.clientId, confirm: true });
      assert.deepEqual([removed.status, removed.sessionsRemoved, removed.tokensRevoked], ['removed', 1, 2]);
      assert.equal(sandbox.activeTokens(changed.clientId).grants, 0, 'Remove App revoked the tokens it forgot');
    } finally {
      await authConfig.update('loopbackPort', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('cancel at the preview: nothing is sent and nothing changes', async () => {
    const { clientId } = await existingApp();
    const document = await openRotatePayload(clientId);
    const before = authRequests().length;
    const result = await submit(document, { confirm: false });
    assert.equal(result?.status === 'cancelled' && result.reason, 'preview');
    assert.equal(authRequests().length, before);
    assert.ok(await appNode(clientId));
    assert.equal(sandbox.apps().find((a) => a.client_id === clientId)?.client_id, clientId);
  });

  test('a preview dialog that is dismissed (or cannot be shown) counts as Cancel: nothing is sent', async () => {
    const { clientId } = await existingApp();
    const document = await openRotatePayload(clientId);
    const before = authRequests().length;
    // No `confirm` answer: the real modal is asked for, and this host refuses dialogs.
    const result = await exec<SubmitResult>('vendaze.submitPayload', { uri: document.uri.toString() });
    assert.equal(result?.status === 'cancelled' && result.reason, 'preview');
    assert.equal(authRequests().length, before);
  });

  test('Rotate App from anywhere: with one argument it opens that app; Open Payload finds the open payload again', async () => {
    const { clientId } = await existingApp();
    const document = await openRotatePayload(clientId);
    await setValue(document, ['description'], 'edited but not submitted');
    const again = await exec<OpenedPayload & { source: string }>('vendaze.openPayload', { type: 'app', clientId });
    assert.equal(again.uri, document.uri.toString());
    assert.equal(again.source, 'open');
    const rotateAgain = await exec<OpenedPayload>('vendaze.rotateApp', clientId);
    assert.equal(rotateAgain.reused, true, 'a second Rotate keeps the half-edited payload');
    assert.match(documentFor(rotateAgain.uri).getText(), /edited but not submitted/);
  });
});
