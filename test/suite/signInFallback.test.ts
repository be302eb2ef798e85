/**
 * The paste route of sign-in in the real extension host: the consent page opens in the browser (code-server: a tab
 * of the same headless Chromium) and waits; the test plays a user whose browser cannot reach VS Code: it answers
 * the consent form over HTTP, stops at the redirect, and pastes that address through vendaze.pasteSignInUrl
 * (commands take their input as an argument in tests). A forged state pasted first is refused and changes nothing.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import * as vscode from 'vscode';
import { VendazeClient } from '../../src/api/client';
import { startSandbox } from '../../src/sandbox';
import type { RunningSandbox } from '../../src/sandbox/types';
import { quietPort } from '../unit/support/ports';
import { cmd } from './support';

type SignInResult = { ok: boolean; kind?: string; message: string; workspace: string; sessionId: string };
type PasteResult = { ok: boolean; kind: string; message?: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

suite('auth: paste the URL the browser ended on', function () {
  this.timeout(90_000);
  let sandbox: RunningSandbox;
  let stateFile: string;
  let clientId: string;

  suiteSetup(async () => {
    stateFile = join(mkdtempSync(join(tmpdir(), 'vendaze-paste-')), 'sandbox.json');
    sandbox = await startSandbox({ autoApprove: false, stateFile });
    const port = await quietPort();
    await vscode.workspace.getConfiguration('vendaze.auth').update('loopbackPort', port, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('vendaze').update('apiBaseUrl', sandbox.baseUrl, vscode.ConfigurationTarget.Global);
    const redirectUri = (await vscode.env.asExternalUri(vscode.Uri.parse(`http://127.0.0.1:${port}/callback`))).toString(true);
    const client = new VendazeClient({ baseUrl: sandbox.baseUrl, timeoutMs: 10_000 });
    const email = `paste-${Date.now()}@example.com`;
    const registered = await client.registerApp({ app_name: 'Paste route', email, redirect_uris: [redirectUri], scopes: ['people:read'] });
    clientId = registered.data.client_id;
    const clientSecret = sandbox.mailbox.secretFor(clientId)!;
    const added = await cmd<{ status: string }>('vendaze.addExistingApp', { clientId, clientSecret, appName: 'Paste route', email, redirectUris: [redirectUri], scopes: ['people:read'] });
    assert.equal(added.status, 'added');
  });

  suiteTeardown(async () => {
    await sandbox?.close();
    await vscode.workspace.getConfiguration('vendaze.auth').update('loopbackPort', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('vendaze').update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
  });

  test('a pasted redirect completes the sign-in; a forged state pasted before it is refused', async () => {
    const signIn = cmd<SignInResult>('vendaze.signIn', clientId, { timeoutSeconds: 60 });
    const pending = await waitFor('the consent request', () => {
      const state = JSON.parse(readFileSync(stateFile, 'utf8')) as { pending: Array<{ id: string }> };
      return state.pending[0];
    });
    // The user presses Authorize in a browser that cannot reach VS Code: it ends on the redirect, unanswered.
    const form = new URLSearchParams({ request: pending.id, action: 'approve', workspace: 'acme-corp', scope: 'people:read' });
    const res = await request(`${sandbox.baseUrl}/oauth/consent`, { method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    await res.body.text();
    assert.equal(res.statusCode, 302);
    const ended = String(res.headers.location);

    const forged = new URL(ended);
    forged.searchParams.set('state', 'forged');
    const refused = await cmd<PasteResult>('vendaze.pasteSignInUrl', forged.toString());
    assert.deepEqual([refused.ok, refused.kind], [false, 'unknown_state']);
    const junk = await cmd<PasteResult>('vendaze.pasteSignInUrl', 'I pressed Authorize');
    assert.deepEqual([junk.ok, junk.kind], [false, 'not_a_callback']);

    const pasted = await cmd<PasteResult>('vendaze.pasteSignInUrl', `  ${ended}\n`);
    assert.deepEqual(pasted, { ok: true, kind: 'code' });
    const result = await signIn;
    assert.equal(result.ok, true, result.message);
    assert.equal(result.workspace, 'acme-corp');
    assert.equal(sandbox.activeTokens(clientId).grants, 1);

    const again = await cmd<PasteResult>('vendaze.pasteSignInUrl', ended);
    assert.deepEqual([again.ok, again.kind], [false, 'reused_state']);
  });

  test('Copy Sign-in Link says so when no sign-in is waiting', async () => {
    const result = await cmd<{ copied: boolean; message?: string }>('vendaze.copySignInLink');
    assert.equal(result.copied, false);
    assert.match(result.message ?? '', /No Vendaze sign-in is waiting/);
  });
});
