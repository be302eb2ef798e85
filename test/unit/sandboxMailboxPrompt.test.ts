import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { VendazeClient } from '../../src/api/client';
import type { RunningSandbox } from '../../src/sandbox/types';
import { isLoopbackBaseUrl, isSandbox, latestSandboxMail } from '../../src/payloads/sandboxMailbox';
import { mailShownPrompt, pastePlaceholder, pastePrompt } from '../../src/payloads/secretPromptText';
import { clientFor, registerTestApp, startApiSandbox } from './support/apiSandbox';
import { forEachGeneration, isLatest } from './support/generations';

/**
 * The paste prompt's sandbox mailbox hand-off after a rotation, against the real sandbox over HTTP: the mail button
 * reads the newest message about the app; with a one-time link (2026-07) it shows the link and never opens it.
 */
forEachGeneration((g) => {
  let sandbox: RunningSandbox;
  let client: VendazeClient;
  before(async () => {
    sandbox = await startApiSandbox({ api: g.api, latest: g.latest });
    client = clientFor(sandbox).client;
  });
  after(() => sandbox.close());

  test('after a rotation the mailbox hands over the new secret, or the email with its link (never opened)', async () => {
    const app = await registerTestApp(client, sandbox);
    assert.equal(await isSandbox(sandbox.baseUrl), true);
    const rotated = isLatest(g)
      ? await client.rotateApp({ client_id: app.clientId, email: app.email })
      : await client.rotateApp({ client_id: app.clientId, app_name: app.appName, redirect_uris: app.redirectUris, scopes: app.scopes as never });
    const clientId = rotated.data.client_id;
    const mail = await latestSandboxMail(sandbox.baseUrl, clientId);
    assert.ok(mail, 'the newest message about the app');
    assert.match(mail.subject, /New credentials/);
    const context = { rotated: true, email: app.email, generation: g.api, sandbox: true };
    assert.match(pastePrompt(context), /mailbox/);
    assert.match(pastePrompt(context), /real Vendaze it comes by email to /);
    if (!isLatest(g)) {
      assert.equal(mail.clientSecret, sandbox.mailbox.secretFor(clientId), 'the secret of the rotation, not the registration');
      assert.notEqual(mail.clientSecret, app.clientSecret);
      assert.match(mailShownPrompt(mail, context), /Filled from the sandbox email/);
      return;
    }
    assert.equal(mail.clientSecret, undefined, 'the mailbox does not hand out what the link guards');
    assert.ok(mail.secretLink);
    const shown = mailShownPrompt(mail, context);
    assert.ok(shown.includes(mail.secretLink), 'the link is shown');
    assert.match(shown, /VS Code does not open it/);
    assert.match(pastePrompt(context), /VS Code never opens it for you/);
    const stored = sandbox.mailbox.list().find((m) => m.secret_link === mail.secretLink);
    assert.equal(stored?.link_opened_at, undefined, 'reading the mailbox did not spend the link');
  });
});

test('a base URL off this machine is never probed for a mailbox', async () => {
  assert.equal(isLoopbackBaseUrl('https://api.vendaze.example'), false);
  assert.equal(isLoopbackBaseUrl('http://127.0.0.1:7450'), true);
  assert.equal(await isSandbox('https://api.vendaze.example'), false);
  assert.equal(await latestSandboxMail('https://api.vendaze.example', 'x'), undefined);
});

test('the real API prompt says what the email looks like and what to do when it is lost', () => {
  const classic = pastePrompt({ rotated: true, email: 'dev@app.test', generation: '2026-05' });
  assert.match(classic, /dev@app\.test/);
  assert.match(classic, /"client_secret:" line/);
  assert.match(classic, /Email lost\? Rotate the app again/);
  assert.match(pastePlaceholder({ rotated: true, generation: '2026-05' }), /client_secret:/);
  const latest = pastePrompt({ rotated: true, email: 'dev@app.test', generation: '2026-07' });
  assert.match(latest, /one-time link/);
  assert.match(latest, /15 minutes/);
  assert.match(latest, /rotate the app again/);
});
