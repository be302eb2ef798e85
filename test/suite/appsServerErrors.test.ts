/** The sandbox's answers to a submitted payload: 422 fields marked, 429 with its wait, a 500 after the rotation (shared set-up and helpers: appsSupport.ts). */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { appNode, appsSuiteHooks, existingApp, openRotatePayload, sandbox, secretFromMailbox, setValue, submit, textAt, vendazeErrors } from './appsSupport';

suite('apps tree and payloads: server errors', () => {
  appsSuiteHooks();

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
});
