/** Registering an app through its payload, and adding an app registered elsewhere (shared set-up and helpers: appsSupport.ts). */
import assert from 'node:assert/strict';
import type { OpenedPayload } from '../../src/apps/commands/registerApp';
import type { AddExistingAppResult } from '../../src/apps/commands/addExistingApp';
import { appNode, appsSuiteHooks, authRequests, documentFor, exec, existingApp, REDIRECT, sandbox, secretFromMailbox, submit, textAt, unique, vendazeErrors } from './appsSupport';

suite('apps tree and payloads: register and add existing', () => {
  appsSuiteHooks();

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
});
