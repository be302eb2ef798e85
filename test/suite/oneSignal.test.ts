/**
 * Issue 13's "one signal per mistake": a payload mistake shows as exactly ONE diagnostic, at error severity, in
 * Vendaze's wording, while the user types (no Submit needed), and Submit does not add a second one. The JSON
 * language service runs for real here, so a warning from the contributed schema would show up in the count.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyEdits, modify } from 'jsonc-parser';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { VendazeClient } from '../../src/api/client';
import type { SubmitResult } from '../../src/apps/commands/submitPayload';
import type { OpenedPayload } from '../../src/apps/commands/registerApp';
import type { AddExistingAppResult } from '../../src/apps/commands/addExistingApp';
import { cmd } from './support';

const REDIRECT = 'http://127.0.0.1:53682/callback';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

suite('payload diagnostics: one per mistake, as you type', () => {
  let sandbox: RunningSandbox;
  let clientId: string;

  suiteSetup(async () => {
    sandbox = await startSandbox({ port: 0, autoApprove: true });
    await vscode.workspace.getConfiguration('vendaze').update('apiBaseUrl', sandbox.baseUrl, vscode.ConfigurationTarget.Global);
    const appName = `One-signal-${Date.now().toString(36)}`;
    const email = `${appName.toLowerCase()}@company.test`;
    const { data } = await new VendazeClient({ baseUrl: sandbox.baseUrl }).registerApp({ app_name: appName, email, redirect_uris: [REDIRECT], scopes: ['people:read'] });
    clientId = data.client_id;
    const added = await cmd<AddExistingAppResult>('vendaze.addExistingApp', { clientId, clientSecret: sandbox.mailbox.secretFor(clientId), appName, email, redirectUris: [REDIRECT], scopes: ['people:read'] });
    assert.equal(added.status, 'added');
  });

  suiteTeardown(async () => {
    for (const document of vscode.workspace.textDocuments.filter((d) => d.uri.path.endsWith('.vendaze-app.json'))) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    if (clientId) await cmd('vendaze.removeApp', { clientId, confirm: true });
    await vscode.workspace.getConfiguration('vendaze').update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    await sandbox?.close();
  });

  /** Every diagnostic on the document from any source (JSON service included), least-privilege hints aside. */
  const signals = (document: vscode.TextDocument) =>
    vscode.languages.getDiagnostics(document.uri).filter((d) => !(typeof d.code === 'string' && d.code.startsWith('least-privilege/')));

  /** Waits until `count` signals are shown, then a little longer: a late second signal would show up too. */
  async function settle(document: vscode.TextDocument, count: number): Promise<vscode.Diagnostic[]> {
    for (let i = 0; i < 100 && signals(document).length < count; i++) await sleep(100);
    await sleep(1500);
    return signals(document);
  }

  test('two mistakes typed: two errors in our wording, no schema warning; Submit adds nothing', async function () {
    if (!vscode.extensions.getExtension('vscode.json-language-features')) this.skip(); // the double-up needs the JSON service
    const opened = await cmd<OpenedPayload>('vendaze.rotateApp', clientId);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === opened.uri);
    assert.ok(document);
    await vscode.window.showTextDocument(document);
    assert.deepEqual(await settle(document, 0), [], 'a fresh rotate payload is clean');

    // The JSON service is alive on this document: it marks a syntax error itself, so ours stays silent on syntax.
    const good = document.getText();
    await replace(document, good.replace('"scopes"', '"scopes" "oops"'));
    const syntax = await settle(document, 1);
    assert.ok(syntax.length > 0, 'the JSON service marks syntax errors');
    assert.ok(syntax.every((d) => d.source !== 'Vendaze'), describe(syntax));

    // Typed, not submitted: an unknown scope and an http:// redirect URI off loopback.
    let text = applyEdits(good, modify(good, ['scopes'], ['people:read', 'people:admin'], { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
    text = applyEdits(text, modify(text, ['redirect_uris'], ['http://yourapp.test/cb'], { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
    await replace(document, text);
    const live = await settle(document, 2);
    assert.equal(live.length, 2, describe(live));
    for (const d of live) {
      assert.equal(d.source, 'Vendaze', describe(live));
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error, describe(live));
    }
    assert.deepEqual(live.map((d) => document.getText(d.range)).sort(), ['"http://yourapp.test/cb"', '"people:admin"']);

    const before = sandbox.requestLog().length;
    const result = await cmd<SubmitResult>('vendaze.submitPayload', { uri: document.uri.toString(), confirm: true });
    assert.equal(result.status, 'invalid');
    const after = await settle(document, 2);
    assert.equal(after.length, 2, `Submit added a signal: ${describe(after)}`);
    assert.equal(sandbox.requestLog().length, before, 'nothing was sent');

    // Fixing one mistake clears its diagnostic as you type.
    await replace(document, applyEdits(text, modify(text, ['redirect_uris'], [REDIRECT], { formattingOptions: { insertSpaces: true, tabSize: 2 } })));
    for (let i = 0; i < 50 && signals(document).length !== 1; i++) await sleep(100);
    assert.deepEqual(signals(document).map((d) => document.getText(d.range)), ['"people:admin"']);
  });
});

async function replace(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
  assert.equal(await vscode.workspace.applyEdit(edit), true);
}

function describe(diagnostics: readonly vscode.Diagnostic[]): string {
  return diagnostics.map((d) => `[${d.source}/${vscode.DiagnosticSeverity[d.severity]}] ${d.message}`).join(' | ') || 'none';
}
