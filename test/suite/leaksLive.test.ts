/**
 * "Check whether this secret is live" in a real editor, against a sandbox on loopback set as the user's
 * vendaze.apiBaseUrl: a client_secret found next to its client_id is checked over real HTTP, and the diagnostic
 * then says live (error) or dead (information) through the severity policy. Values are made by the sandbox.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { eventually } from './leakSupport';
import { VendazeClient } from '../../src/api/client';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';

const ROOMY = { limit: 10_000, windowSeconds: 60 };


const finding = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).find((d) => d.source === 'Vendaze' && d.code === 'vendaze/client-secret');

suite('leak detection: check whether a secret is live', () => {
  let sandbox: RunningSandbox;
  let clientId: string;
  let secret: string;

  suiteSetup(async () => {
    sandbox = await startSandbox({ port: 0, autoApprove: true, faults: { rateLimits: { token: ROOMY, register: { limit: 10_000, windowSeconds: 3600 } } } });
    await vscode.workspace.getConfiguration('vendaze').update('apiBaseUrl', sandbox.baseUrl, vscode.ConfigurationTarget.Global);
    const api = new VendazeClient({ baseUrl: sandbox.baseUrl });
    const email = `dev+${randomUUID().slice(0, 8)}@example.com`;
    const { data } = await api.registerApp({ app_name: `Live check ${email}`, email, redirect_uris: ['https://live-check.example.com/cb'], scopes: ['people:read'] });
    clientId = data.client_id;
    secret = sandbox.mailbox.secretFor(clientId)!;
    assert.ok(secret);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('vendaze').update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    await sandbox?.close();
  });

  async function check(document: vscode.TextDocument): Promise<{ state: string; why: string }> {
    const diagnostic = await eventually('the client_secret finding', () => finding(document.uri));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const action = actions.find((a) => a.title === 'Check whether this secret is live');
    assert.ok(action?.command, actions.map((a) => a.title).join(' | '));
    assert.ok(!JSON.stringify(action.command.arguments).includes(secret), 'the value never travels in command arguments');
    return vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  }

  test('a live client_secret becomes an error that says live; a wrong one for the same app becomes dead (information)', async () => {
    const live = await vscode.workspace.openTextDocument({ language: 'properties', content: `# vendaze app\nVENDAZE_CLIENT_ID=${clientId}\nVENDAZE_CLIENT_SECRET=${secret}\n` });
    await vscode.window.showTextDocument(live, { preview: false });
    const liveAnswer = await check(live);
    assert.equal(liveAnswer.state, 'live', liveAnswer.why);
    const liveDiagnostic = await eventually('the live rating', () => {
      const d = finding(live.uri);
      return d && /is live/.test(d.message) && d;
    });
    // Untitled: outside any repository, so one level below error even when live (docs/secret-scanning.md).
    assert.equal(liveDiagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.ok(!liveDiagnostic.message.includes(secret));

    const wrong = randomBytes(32).toString('base64url');
    const dead = await vscode.workspace.openTextDocument({ language: 'properties', content: `# vendaze app\nVENDAZE_CLIENT_ID=${clientId}\nVENDAZE_CLIENT_SECRET=${wrong}\n` });
    await vscode.window.showTextDocument(dead, { preview: false });
    const deadAnswer = await check(dead);
    assert.equal(deadAnswer.state, 'dead', deadAnswer.why);
    const deadDiagnostic = await eventually('the dead rating', () => {
      const d = finding(dead.uri);
      return d && /no longer works/.test(d.message) && d;
    });
    assert.equal(deadDiagnostic.severity, vscode.DiagnosticSeverity.Information);
  });
});
