import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import type { VendazeClient } from '../../src/api/client';
import type { RunningSandbox } from '../../src/sandbox/types';
import { clientFor, registerTestApp, startApiSandbox } from './support/apiSandbox';
import { forEachGeneration, isLatest } from './support/generations';

/** How a new client_secret reaches the developer, in each generation the sandbox speaks. */

forEachGeneration((g) => {
  let sandbox: RunningSandbox;
  let client: VendazeClient;
  before(async () => {
    sandbox = await startApiSandbox({ api: g.api, latest: g.latest });
    client = clientFor(sandbox).client;
  });
  after(() => sandbox.close());
  const newApp = () => registerTestApp(client, sandbox);

  test('secret delivery: the email itself (2026-05) or a one-time link valid 15 minutes (2026-07)', async () => {
    const app = await newApp();
    const mail = sandbox.mailbox.latestFor(app.email)!;
    const listed = await request(`${sandbox.baseUrl}/_sandbox/mailbox?client_id=${app.clientId}&format=json`);
    const view = (await listed.body.json()) as { data: Array<{ client_secret?: string; secret_link?: string }> };
    if (!isLatest(g)) {
      assert.ok(mail.text.includes(app.clientSecret));
      assert.equal(view.data[0]!.client_secret, app.clientSecret);
      return;
    }
    assert.equal(mail.text.includes(app.clientSecret), false, 'the email carries a link, not the secret');
    assert.equal(view.data[0]!.client_secret, undefined);
    const link = view.data[0]!.secret_link!;
    assert.match(mail.text, /expires in 15 minutes/);
    const first = await request(link);
    assert.equal(first.statusCode, 200);
    assert.ok((await first.body.text()).includes(app.clientSecret), 'shown once');
    const second = await request(link);
    await second.body.text();
    assert.equal(second.statusCode, 410, 'invalid after the first view');
    // A link nobody opened dies after 15 minutes.
    await client.rotateApp({ client_id: app.clientId, email: app.email });
    const rotatedLink = sandbox.mailbox.latestFor(app.email)!.secret_link!;
    sandbox.advanceClock(15 * 60 + 1);
    const late = await request(rotatedLink);
    await late.body.text();
    assert.equal(late.statusCode, 410);
  });
});
