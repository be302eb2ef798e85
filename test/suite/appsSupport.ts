/**
 * What the apps host suites (apps*.test.ts) share: the apps tree and the register / rotate payloads, end to end in
 * a real extension host against an in-process sandbox (real HTTP on 127.0.0.1). Test hosts leave input boxes
 * unanswered and refuse modal dialogs, so the commands get their answers as arguments: the emailed secret (read
 * from the sandbox mailbox), the app name typed to confirm, and `confirm: true | false` for the preview dialog's
 * Confirm / Cancel.
 *
 * Each suite calls appsSuiteHooks() once: it gets its own sandbox (`sandbox`, `api` below are live bindings, set
 * for the suite that is running) and leaves the registry and the settings as it found them.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { modify, applyEdits } from 'jsonc-parser';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { VendazeClient } from '../../src/api/client';
import type { SubmitResult } from '../../src/apps/commands/submitPayload';
import type { OpenedPayload } from '../../src/apps/commands/registerApp';
import type { AddExistingAppResult } from '../../src/apps/commands/addExistingApp';
import type { RenderedNode } from '../../src/tree/appsTreeProvider';

export const REDIRECT = 'http://127.0.0.1:53682/callback';
// The documented 10/hour per IP on register and rotate would end a suite early; the 429 test lowers it again.
const GENEROUS_LIMITS = { register: { limit: 1000, windowSeconds: 3600 }, rotate: { limit: 1000, windowSeconds: 3600 } };
let counter = 0;
export const unique = (what: string) => `${what}-${Date.now().toString(36)}-${++counter}`;

export let sandbox: RunningSandbox;
export let api: VendazeClient;

/** Installs the suite's set-up and tear-down: call it at the top of the suite's callback. */
export function appsSuiteHooks(): void {
  let appsBefore: Set<string>;

  suiteSetup(async () => {
    appsBefore = new Set((await tree()).map((n) => n.node.clientId));
    sandbox = await startSandbox({ port: 0, autoApprove: true, faults: { rateLimits: GENEROUS_LIMITS } });
    api = new VendazeClient({ baseUrl: sandbox.baseUrl });
    await vscode.workspace.getConfiguration('vendaze').update('apiBaseUrl', sandbox.baseUrl, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    // Leave the registry as this suite found it, for the suites that run after it in the same host.
    for (const node of await tree()) {
      if (!appsBefore.has(node.node.clientId)) await exec('vendaze.removeApp', { clientId: node.node.clientId, confirm: true });
    }
    await vscode.workspace.getConfiguration('vendaze').update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    await sandbox?.close();
  });

  teardown(async () => {
    sandbox.setFaults({ fail500Next: 0, faultPath: '', rateLimits: GENEROUS_LIMITS });
    // Untitled payloads would otherwise ask to be saved; revert and close every editor this test opened.
    for (const document of vscode.workspace.textDocuments.filter((d) => d.uri.path.endsWith('.vendaze-app.json'))) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
}

export const exec = <T>(command: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(command, ...args);
export const submit = (document: vscode.TextDocument, options: Record<string, unknown> = {}) =>
  exec<SubmitResult>('vendaze.submitPayload', { uri: document.uri.toString(), confirm: true, signInAgain: false, ...options });
export const authRequests = () => sandbox.requestLog().filter((e) => e.path.startsWith('/v1/auth/'));
export const secretFromMailbox = (clientId: string) => sandbox.mailbox.secretFor(clientId);
export const documentFor = (uri: string) => {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
  assert.ok(document, `no open document ${uri}`);
  return document;
};
const tree = async () => (await exec<{ apps: RenderedNode[] }>('vendaze.refreshApps')).apps;
export const appNode = async (clientId: string) => (await tree()).find((n) => n.node.clientId === clientId && n.node.type === 'app');
export const vendazeErrors = (document: vscode.TextDocument) =>
  vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Vendaze' && d.severity === vscode.DiagnosticSeverity.Error);
export const textAt = (document: vscode.TextDocument, range: vscode.Range) => document.getText(range);

export async function replaceText(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
  assert.equal(await vscode.workspace.applyEdit(edit), true);
}

export async function setValue(document: vscode.TextDocument, path: Array<string | number>, value: unknown): Promise<void> {
  const text = document.getText();
  await replaceText(document, applyEdits(text, modify(text, path, value, { formattingOptions: { insertSpaces: true, tabSize: 2 } })));
}

/** Registers straight on the sandbox (not through the extension) and adds the app with its emailed secret. */
export async function existingApp(scopes: string[] = ['people:read'], redirectUris = [REDIRECT]): Promise<{ clientId: string; appName: string; email: string }> {
  const appName = unique('Existing');
  const email = `${appName.toLowerCase()}@company.test`;
  const { data } = await api.registerApp({ app_name: appName, email, redirect_uris: redirectUris, scopes: scopes as never });
  const added = await exec<AddExistingAppResult>('vendaze.addExistingApp', {
    clientId: data.client_id,
    clientSecret: secretFromMailbox(data.client_id),
    appName,
    email,
    redirectUris,
    scopes,
  });
  assert.equal(added.status, 'added');
  return { clientId: data.client_id, appName, email };
}

export async function openRotatePayload(clientId: string): Promise<vscode.TextDocument> {
  const opened = await exec<OpenedPayload>('vendaze.rotateApp', clientId);
  assert.equal(opened.kind, 'rotate');
  return documentFor(opened.uri);
}
