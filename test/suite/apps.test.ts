/**
 * The apps tree and the register / rotate payloads, end to end in a real extension host against an in-process
 * sandbox (real HTTP on 127.0.0.1). Test hosts leave input boxes unanswered and refuse modal dialogs, so the commands get their
 * answers as arguments: the emailed secret (read from the sandbox mailbox), the app name typed to confirm, and
 * `confirm: true | false` for the preview dialog's Confirm / Cancel.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { modify, applyEdits } from 'jsonc-parser';
import { freePort } from './support';
import { request } from 'undici';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { VendazeClient } from '../../src/api/client';
import { buildAuthorizeUrl } from '../../src/api/authorizeUrl';
import { createPkcePair, createState } from '../../src/auth/pkce';
import { SCOPE_DESCRIPTIONS } from '../../src/schemas';
import type { SubmitResult } from '../../src/apps/commands/submitPayload';
import type { OpenedPayload } from '../../src/apps/commands/registerApp';
import type { AddExistingAppResult } from '../../src/apps/commands/addExistingApp';
import type { RenderedNode } from '../../src/tree/appsTreeProvider';

const REDIRECT = 'http://127.0.0.1:53682/callback';
// The documented 10/hour per IP on register and rotate would end this suite early; the 429 test lowers it again.
const GENEROUS_LIMITS = { register: { limit: 1000, windowSeconds: 3600 }, rotate: { limit: 1000, windowSeconds: 3600 } };
let counter = 0;
const unique = (what: string) => `${what}-${Date.now().toString(36)}-${++counter}`;

suite('apps tree and payloads', () => {
  let sandbox: RunningSandbox;
  let api: VendazeClient;
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

  // ---------------------------------------------------------------- helpers

  const exec = <T>(command: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(command, ...args);
  const submit = (document: vscode.TextDocument, options: Record<string, unknown> = {}) =>
    exec<SubmitResult>('vendaze.submitPayload', { uri: document.uri.toString(), confirm: true, signInAgain: false, ...options });
  const authRequests = () => sandbox.requestLog().filter((e) => e.path.startsWith('/v1/auth/'));
  const secretFromMailbox = (clientId: string) => sandbox.mailbox.secretFor(clientId);
  const documentFor = (uri: string) => {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    assert.ok(document, `no open document ${uri}`);
    return document;
  };
  const tree = async () => (await exec<{ apps: RenderedNode[] }>('vendaze.refreshApps')).apps;
  const appNode = async (clientId: string) => (await tree()).find((n) => n.node.clientId === clientId && n.node.type === 'app');
  const vendazeErrors = (document: vscode.TextDocument) =>
    vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Vendaze' && d.severity === vscode.DiagnosticSeverity.Error);
  const textAt = (document: vscode.TextDocument, range: vscode.Range) => document.getText(range);

  async function replaceText(document: vscode.TextDocument, text: string): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
    assert.equal(await vscode.workspace.applyEdit(edit), true);
  }

  async function setValue(document: vscode.TextDocument, path: Array<string | number>, value: unknown): Promise<void> {
    const text = document.getText();
    await replaceText(document, applyEdits(text, modify(text, path, value, { formattingOptions: { insertSpaces: true, tabSize: 2 } })));
  }

  /** Registers straight on the sandbox (not through the extension) and adds the app with its emailed secret. */
  async function existingApp(scopes: string[] = ['people:read'], redirectUris = [REDIRECT]): Promise<{ clientId: string; appName: string; email: string }> {
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

  async function openRotatePayload(clientId: string): Promise<vscode.TextDocument> {
    const opened = await exec<OpenedPayload>('vendaze.rotateApp', clientId);
    assert.equal(opened.kind, 'rotate');
    return documentFor(opened.uri);
  }

  // ---------------------------------------------------------------- register / add existing

  test('register: a prefilled payload, submitted, stores the emailed secret and becomes a rotate payload', async () => {
    const appName = unique('Registered');
    const email = `${appName.toLowerCase()}@company.test`;
    const opened = await exec<OpenedPayload>('vendaze.registerApp', { appName, email, redirectUris: [REDIRECT], scopes: ['people:read'] });
    const document = documentFor(opened.uri);
    assert.equal(opened.kind, 'register');
    assert.match(document.uri.path, /\.vendaze-app\.json$/);
    assert.equal(JSON.parse(document.getText()).$kind, 'register');

    const before = authRequests().length;
    const result = await submit(document, { clientSecret: secretFromMailbox });
    assert.equal(result?.status, 'registered', JSON.stringify(result));
    if (result?.status !== 'registered') return;
    assert.equal(authRequests().length, before + 1);
    assert.equal(result.secretStored, true);
    const onSandbox = sandbox.apps().find((a) => a.email === email);
    assert.equal(onSandbox?.client_id, result.clientId);
    assert.match(result.requestId ?? '', /^[0-9a-f-]{36}$/);

    const payload = JSON.parse(document.getText());
    assert.equal(payload.$kind, 'rotate');
    assert.equal(payload.client_id, result.clientId);
    const node = await appNode(result.clientId);
    assert.equal(node?.label, appName);
    assert.match(node?.description ?? '', /secret stored today/);
  });

  test('register: without the secret the app is still added, marked "no secret stored"; Add Existing App stores it later', async () => {
    const appName = unique('Later');
    const email = `${appName.toLowerCase()}@company.test`;
    const document = documentFor((await exec<OpenedPayload>('vendaze.registerApp', { appName, email })).uri);
    const result = await submit(document, { clientSecret: '' }); // "" = the user will enter it later
    assert.equal(result?.status, 'registered');
    if (result?.status !== 'registered') return;
    assert.equal(result.secretStored, false);
    assert.match((await appNode(result.clientId))?.description ?? '', /no secret stored/);

    const added = await exec<AddExistingAppResult>('vendaze.addExistingApp', { clientId: result.clientId, clientSecret: secretFromMailbox(result.clientId) });
    assert.equal(added.status, 'updated');
    assert.match((await appNode(result.clientId))?.description ?? '', /secret stored today/);
  });

  test('add existing: validated client_id and secret; bad input is refused with the reason', async () => {
    const { clientId, appName } = await existingApp(['people:read', 'deals:write']);
    assert.equal((await appNode(clientId))?.label, appName);

    const invalid = await exec<AddExistingAppResult>('vendaze.addExistingApp', { clientId: 'not-a-uuid', clientSecret: ' ', appName: 'x' });
    assert.equal(invalid.status, 'invalid');
    if (invalid.status !== 'invalid') return;
    assert.match(invalid.problems.join(' '), /UUID/);
    assert.match(invalid.problems.join(' '), /must not be empty/);
  });

  test('register: an email already used answers 409; the field is marked and the document kept', async () => {
    const { email } = await existingApp();
    const document = documentFor((await exec<OpenedPayload>('vendaze.registerApp', { appName: unique('Dup'), email })).uri);
    const text = document.getText();
    const result = await submit(document);
    assert.equal(result?.status, 'failed');
    if (result?.status !== 'failed') return;
    assert.equal(result.httpStatus, 409);
    assert.ok(result.requestId && result.message.includes(result.requestId), result.message);
    assert.equal(document.getText(), text);
    const [marked] = vendazeErrors(document);
    assert.equal(textAt(document, marked.range), JSON.stringify(email));
  });

  // ---------------------------------------------------------------- rotate

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
    const port = await freePort();
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

  // ---------------------------------------------------------------- invalid payloads

  test('invalid payloads: each documented rule is a diagnostic on the offending value, and nothing is sent', async () => {
    const { clientId } = await existingApp();
    const document = await openRotatePayload(clientId);
    const valid = JSON.parse(document.getText());
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['name over 100 characters', { app_name: 'n'.repeat(101) }, JSON.stringify('n'.repeat(101))],
      ['description over 500 characters', { description: 'd'.repeat(501) }, JSON.stringify('d'.repeat(501))],
      ['http redirect URI off loopback', { redirect_uris: ['http://yourapp.test/cb'] }, '"http://yourapp.test/cb"'],
      ['wildcard redirect URI', { redirect_uris: ['https://*.yourapp.test/cb'] }, '"https://*.yourapp.test/cb"'],
      ['duplicate redirect URI', { redirect_uris: [REDIRECT, REDIRECT] }, JSON.stringify(REDIRECT)],
      ['no redirect URI', { redirect_uris: [] }, '[]'],
      ['unknown scope', { scopes: ['people:read', 'people:admin'] }, '"people:admin"'],
      ['no scope', { scopes: [] }, '[]'],
      ['avatar that is not WebP', { avatar_url: 'https://yourapp.test/logo.png' }, '"https://yourapp.test/logo.png"'],
      ['client_id that is not a UUID', { client_id: 'abc' }, '"abc"'],
      ['unknown field', { client_secret: 'never put it here' }, '"client_secret"'],
    ];
    const before = authRequests().length;
    for (const [name, overrides, offending] of cases) {
      await replaceText(document, JSON.stringify({ ...valid, ...overrides }, null, 2));
      const result = await submit(document);
      assert.equal(result?.status, 'invalid', name);
      const errors = vendazeErrors(document);
      assert.equal(errors.length, 1, `${name}: ${errors.map((e) => e.message).join(' | ')}`);
      const range = errors[0].range;
      // The duplicate is flagged on the SECOND occurrence.
      const expectedOffset = name.startsWith('duplicate') ? document.getText().lastIndexOf(offending) : document.getText().indexOf(offending);
      assert.equal(textAt(document, range), offending, name);
      assert.equal(document.offsetAt(range.start), expectedOffset, name);
    }
    assert.equal(authRequests().length, before, 'no invalid payload reached the sandbox');
  });

  test('invalid JSON: the syntax error is marked once, nothing is sent', async () => {
    const { clientId } = await existingApp();
    const document = await openRotatePayload(clientId);
    await replaceText(document, document.getText().replace('"scopes"', '"scopes" "oops"'));
    const before = authRequests().length;
    const result = await submit(document);
    assert.equal(result?.status, 'invalid');
    assert.ok(result?.status === 'invalid' && /Not valid JSON/.test(result.problems[0].message));
    // The JSON language service marks syntax errors itself (as errors); ours would be a second entry.
    const expectedSource = vscode.extensions.getExtension('vscode.json-language-features') ? (d: vscode.Diagnostic) => d.source !== 'Vendaze' : (d: vscode.Diagnostic) => d.source === 'Vendaze';
    let errors: vscode.Diagnostic[] = [];
    for (let i = 0; i < 100 && errors.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      errors = vscode.languages.getDiagnostics(document.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    }
    assert.ok(errors.length > 0 && errors.every(expectedSource), errors.map((e) => `${e.source}: ${e.message}`).join(' | '));
    assert.equal(authRequests().length, before);
  });

  test('least-privilege advice: a write scope without its read twin gets an information hint on that scope', async () => {
    const { clientId } = await existingApp();
    const document = await openRotatePayload(clientId);
    await setValue(document, ['scopes'], ['people:write']);
    let hints: vscode.Diagnostic[] = [];
    for (let i = 0; i < 50 && hints.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      // Only this kind: whether the fixtures' code calls /v1 paths (the "unused"/"missing" hints) is not this test's business.
      hints = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Vendaze' && d.code === 'least-privilege/read-would-do');
    }
    assert.equal(hints.length, 1);
    assert.equal(hints[0].severity, vscode.DiagnosticSeverity.Information);
    assert.equal(textAt(document, hints[0].range), '"people:write"');
    assert.match(hints[0].message, /people:read is enough/);
  });

  // ---------------------------------------------------------------- server errors

  test('a 422 from the sandbox ("Submit anyway" past the local rules): fields marked, document and edits kept, request id shown', async () => {
    const { clientId } = await existingApp();
    const document = await openRotatePayload(clientId);
    // The local rules follow the [P] docs (WebP avatars only); the user sends a PNG anyway and the server decides.
    await setValue(document, ['avatar_url'], 'https://yourapp.test/logo.png');
    const edited = document.getText();
    const result = await submit(document, { skipLocalValidation: true });
    assert.equal(result?.status, 'failed', JSON.stringify(result));
    if (result?.status !== 'failed') return;
    assert.equal(result.httpStatus, 422);
    assert.equal(result.code, 'validation_error');
    const logged = sandbox.requestLog().filter((e) => e.path === '/v1/auth/rotate-app').at(-1);
    assert.equal(result.requestId, logged?.requestId);
    assert.ok(result.message.includes(String(result.requestId)), result.message);
    assert.equal(result.fieldsMapped, 1);
    const serverMark = vendazeErrors(document).find((d) => d.message.startsWith('Vendaze:'));
    assert.ok(serverMark, 'the 422 field is marked');
    assert.equal(textAt(document, serverMark.range), '"https://yourapp.test/logo.png"');
    assert.equal(document.getText(), edited, 'the edits are kept');
    // A saved payload file (documents.ts): the edits are unsaved in the editor, or on disk, never reverted.
    assert.ok(document.isDirty || new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri)) === edited, 'the edits are neither lost nor reverted');
    assert.equal(sandbox.apps().find((a) => a.client_id === clientId)?.client_id, clientId, 'the app was not rotated');
  });

  test('a 429 with Retry-After: reported with the wait and the request id, nothing changed', async () => {
    const { clientId } = await existingApp();
    const document = await openRotatePayload(clientId);
    await setValue(document, ['description'], 'my unsaved edit');
    const edited = document.getText();
    sandbox.setFaults({ rateLimits: { rotate: { limit: 0, windowSeconds: 3600 } } });
    const result = await submit(document, { clientSecret: secretFromMailbox });
    assert.equal(result?.status, 'failed');
    if (result?.status !== 'failed') return;
    assert.equal(result.httpStatus, 429);
    assert.ok((result.retryAfterSeconds ?? 0) > 0);
    assert.match(result.message, new RegExp(`retry in ${result.retryAfterSeconds} s`));
    assert.ok(result.requestId && result.message.includes(result.requestId), result.message);
    assert.equal(document.getText(), edited);
    assert.ok(await appNode(clientId), 'the app keeps its client_id');
  });

  test('a 500 after Vendaze rotated: sent once, reported as outcome unknown (check the mailbox), document kept', async () => {
    const { clientId } = await existingApp();
    const document = await openRotatePayload(clientId);
    const text = document.getText();
    sandbox.setFaults({ fail500AfterNext: 1, faultPath: '/v1/auth/rotate-app' }); // processed, then the answer is a 500
    const before = sandbox.requestLog().filter((e) => e.path === '/v1/auth/rotate-app').length;
    const result = await submit(document, { clientSecret: secretFromMailbox });
    sandbox.setFaults({ fail500AfterNext: 0, faultPath: '' });
    assert.equal(result?.status, 'failed');
    if (result?.status !== 'failed') return;
    assert.equal(result.httpStatus, 500);
    assert.equal(result.outcomeUnknown, true);
    const attempts = sandbox.requestLog().filter((e) => e.path === '/v1/auth/rotate-app').slice(before);
    assert.deepEqual(attempts.map((e) => e.status), [500], 'never repeated: a second rotation would kill the emailed secret');
    assert.equal(result.requestId, attempts[0]?.requestId);
    assert.match(result.message, /may have gone through/);
    assert.match(result.message, /check the mailbox for a new client_secret; do not rotate again/);
    assert.doesNotMatch(result.message, /try again/i);
    assert.equal(document.getText(), text);
  });

  // ---------------------------------------------------------------- tree, copy, remove

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
