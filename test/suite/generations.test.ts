/**
 * One smoke journey per API generation in the real extension host: sign in, rotate, sign out (and, on 2026-07,
 * delete the app), against an in-process sandbox speaking that generation. vendaze.apiGeneration stays `auto`: the
 * extension detects the generation itself (a side-effect-free probe at sign-in) and adapts every step.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { VendazeClient } from '../../src/api/client';
import type { ApiGeneration } from '../../src/api/generation';
import type { DeleteAppResult } from '../../src/apps/commands/deleteApp';
import type { OpenedPayload } from '../../src/apps/commands/registerApp';
import type { SubmitResult } from '../../src/apps/commands/submitPayload';
import { startSandbox } from '../../src/sandbox';
import type { FaultsPatch, RunningSandbox } from '../../src/sandbox/types';
import { quietPort } from '../unit/support/ports';
import { cmd } from './support';

const ROOMY: FaultsPatch['rateLimits'] = {
  authorize: { limit: 10_000, windowSeconds: 60 },
  token: { limit: 10_000, windowSeconds: 60 },
  revoke: { limit: 10_000, windowSeconds: 60 },
  register: { limit: 10_000, windowSeconds: 3600 },
  rotate: { limit: 10_000, windowSeconds: 3600 },
};

type SignInResult = { ok: boolean; message: string; sessionId: string; workspace: string; scopes: string[] };
type SignOutResult = { ok: boolean; revoked: boolean; pending: boolean; message: string };
type SessionSummary = { sessionId: string; clientId: string; workspace: string };

const config = (section = 'vendaze') => vscode.workspace.getConfiguration(section);

for (const api of ['2026-05', '2026-07'] as ApiGeneration[]) {
  suite(`generations: smoke journey on API ${api}`, function () {
    this.timeout(120_000);
    let sandbox: RunningSandbox;
    let clientId: string;
    let appName: string;

    suiteSetup(async () => {
      sandbox = await startSandbox({ api, autoApprove: 'browser', faults: { rateLimits: ROOMY } });
      const loopbackPort = await quietPort();
      await config('vendaze.auth').update('loopbackPort', loopbackPort, vscode.ConfigurationTarget.Global);
      await config().update('apiBaseUrl', sandbox.baseUrl, vscode.ConfigurationTarget.Global);
      const redirectUri = (await vscode.env.asExternalUri(vscode.Uri.parse(`http://127.0.0.1:${loopbackPort}/callback`))).toString(true);
      const email = `gen-${api}-${Math.random().toString(36).slice(2, 8)}@example.com`;
      appName = `Generations ${api} ${email.slice(-18, -12)}`;
      const client = new VendazeClient({ baseUrl: sandbox.baseUrl, timeoutMs: 10_000, generation: api });
      const registered = await client.registerApp({ app_name: appName, email, redirect_uris: [redirectUri], scopes: ['people:read', 'people:write'] });
      clientId = registered.data.client_id;
      const clientSecret = sandbox.mailbox.secretFor(clientId)!;
      const added = await cmd<{ status: string }>('vendaze.addExistingApp', { clientId, clientSecret, appName, email, redirectUris: [redirectUri], scopes: ['people:read', 'people:write'] });
      assert.equal(added.status, 'added');
    });

    suiteTeardown(async () => {
      await sandbox?.close();
      await config('vendaze.auth').update('loopbackPort', undefined, vscode.ConfigurationTarget.Global);
      await config().update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    });

    test('sign in (generation detected), rotate in its shape, sign out with nothing left pending', async () => {
      const signedIn = await cmd<SignInResult>('vendaze.signIn', clientId, { timeoutSeconds: 60 });
      assert.equal(signedIn.ok, true, signedIn.message);
      assert.equal(sandbox.activeTokens(clientId).grants, 1);
      const probes = sandbox.requestLog().filter((r) => r.method === 'DELETE' && r.path === '/v1/auth/delete-app');
      assert.equal(probes.length, 1, 'one side-effect-free probe told the generation');
      assert.equal(probes[0]!.status, api === '2026-07' ? 422 : 404);
      const authorize = sandbox.requestLog().find((r) => r.path === '/oauth/authorize');
      assert.equal(authorize?.status, 302, 'the authorize request had the shape this generation accepts');

      const opened = await cmd<OpenedPayload>('vendaze.rotateApp', clientId);
      assert.equal(opened.generation, api);
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === opened.uri)!;
      assert.equal(document.getText().includes('"email"'), true, 'the registered email is in the payload');
      assert.equal(document.getText().includes('"$api": "2026-07"'), api === '2026-07');
      const rotated = await cmd<SubmitResult>('vendaze.submitPayload', { uri: opened.uri, confirm: true, signInAgain: false, clientSecret: (id: string) => sandbox.mailbox.secretFor(id) });
      assert.equal(rotated?.status, 'rotated', JSON.stringify(rotated));
      if (rotated?.status !== 'rotated') return;
      assert.equal(rotated.clientIdChanged, api === '2026-05', '2026-07 keeps the client_id');
      assert.equal(rotated.secretStored, true);
      clientId = rotated.clientId;
      assert.equal(sandbox.activeTokens(clientId).grants, 1, 'same scopes: the session is kept');

      const session = (await cmd<SessionSummary[]>('vendaze.showSessions', { pick: false })).find((s) => s.clientId === clientId);
      assert.ok(session, 'the session follows the rotation');
      const revokesBefore = sandbox.requestLog().filter((r) => r.path === '/oauth/revoke').length;
      const out = await cmd<SignOutResult>('vendaze.signOut', session.sessionId);
      assert.equal(out.revoked, true, out.message);
      assert.equal(out.pending, false);
      const revokes = sandbox.requestLog().filter((r) => r.path === '/oauth/revoke').slice(revokesBefore);
      assert.deepEqual(revokes.map((r) => r.status), api === '2026-07' ? [200] : [200, 200], '2026-07: the access token only');
      assert.equal(sandbox.activeTokens(clientId).grants, 0);
    });

    test('the practice review follows the detected generation (revoking a refresh token)', async () => {
      const folder = vscode.workspace.workspaceFolders![0]!.uri;
      const uri = vscode.Uri.joinPath(folder, 'practices-tmp', `generation-${api}.js`);
      const text = "// vendaze\nconst state = Math.random().toString(36).slice(2);\nawait fetch(`${base}/oauth/revoke`, { method: 'POST', body: new URLSearchParams({ token: user.refresh_token }) });\n";
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      try {
        const document = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(document);
        const practice = () => vscode.languages.getDiagnostics(uri).filter((d) => typeof d.code === 'object' && String(d.code.value).startsWith('vendaze/practice/'));
        const deadline = Date.now() + 20_000;
        while (!practice().some((d) => String((d.code as { value: string }).value).endsWith('/state')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        if (api === '2026-07') while (!practice().some((d) => /refuses refresh tokens/.test(d.message)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        assert.ok(practice().some((d) => String((d.code as { value: string }).value).endsWith('/state')), 'the file was reviewed');
        assert.equal(practice().some((d) => /refuses refresh tokens/.test(d.message)), api === '2026-07', practice().map((d) => d.message).join(' | '));
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        await vscode.workspace.fs.delete(uri);
      }
    });

    test('incident response rotates in this generation\'s shape, exactly once', async () => {
      type Step = { id: string; status: string; outcome?: string };
      const rotateCalls = () => sandbox.requestLog().filter((r) => r.method === 'POST' && r.path === '/v1/auth/rotate-app');
      const before = rotateCalls().length;
      const result = await cmd<{ clientId: string; steps: Step[] }>('vendaze.incidentResponse', clientId, { steps: ['rotate'], confirm: true, clientSecret: (id: string) => sandbox.mailbox.secretFor(id) });
      const rotate = result.steps.find((s) => s.id === 'rotate')!;
      assert.equal(rotate.status, 'done', rotate.outcome);
      const sent = rotateCalls().slice(before);
      assert.deepEqual(sent.map((r) => r.status), [api === '2026-07' ? 200 : 201], 'one rotate-app, accepted in this generation\'s shape');
      assert.equal(result.clientId === clientId, api === '2026-07', '2026-07 keeps the client_id');
      clientId = result.clientId;
    });

    test(api === '2026-07' ? 'Delete App removes it at Vendaze and in VS Code' : 'Delete App says this API has no delete', async () => {
      const result = await cmd<DeleteAppResult>('vendaze.deleteApp', { clientId, confirmName: appName });
      if (api === '2026-05') {
        assert.equal(result.status, 'unsupported');
        assert.ok(sandbox.apps().some((a) => a.client_id === clientId));
        return;
      }
      assert.equal(result.status, 'deleted', JSON.stringify(result));
      assert.equal(sandbox.apps().some((a) => a.client_id === clientId), false);
      const left = await cmd<SessionSummary[]>('vendaze.showSessions', { pick: false });
      assert.equal(left.some((s) => s.clientId === clientId), false);
    });
  });
}
