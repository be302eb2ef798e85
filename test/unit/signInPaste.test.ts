import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import type { VendazeClient } from '../../src/api/client';
import { SignInAttempts } from '../../src/auth/attempts';
import { SignInError } from '../../src/auth/errors';
import { parsePastedCallback } from '../../src/auth/pastedCallback';
import type { RedirectPlan } from '../../src/auth/redirect';
import { SessionStore } from '../../src/auth/sessionStore';
import { runSignIn } from '../../src/auth/signInFlow';
import { Logger, type LogSink } from '../../src/common/logger';
import { SecretRedactor } from '../../src/common/redact';
import type { RunningSandbox } from '../../src/sandbox/types';
import { MemorySecretStore } from '../../src/storage/memory';
import { clientFor, REDIRECT_URI, registerTestApp, type RegisteredApp, startApiSandbox } from './support/apiSandbox';

/**
 * The paste route end to end over real HTTP: VS Code cannot open a browser, the user opens the copied link in
 * another one, approves, and that browser cannot reach VS Code (it stops at the redirect). The address it ended on
 * is pasted, parsed, and delivered like any callback: same state check, same error handling.
 */

let sandbox: RunningSandbox;
let app: RegisteredApp;
let client: VendazeClient;
// A redirect nothing listens on here (the uriHandler route): only the paste can bring the code back.
const plan: RedirectPlan = { kind: 'uriHandler', via: 'uriHandler', redirectUri: REDIRECT_URI };

before(async () => {
  sandbox = await startApiSandbox();
  client = clientFor(sandbox).client;
  app = await registerTestApp(client, sandbox);
  sandbox.setAutoApprove(false); // the consent page waits for the user, as in a real browser
});
after(() => sandbox.close());

/** The other browser: follows the link, answers the consent form, and stops at the redirect back (returns it). */
async function approveElsewhere(link: string, action: 'approve' | 'deny' = 'approve'): Promise<string> {
  const first = await request(link);
  await first.body.text();
  const consent = new URL(String(first.headers.location), link).toString();
  const page = await (await request(consent)).body.text();
  const requestId = /name="request" value="([^"]+)"/.exec(page)![1]!;
  const form = new URLSearchParams({ request: requestId, action, workspace: 'acme-corp', scope: 'people:read' }).toString();
  const answer = await request(new URL('/oauth/consent', consent).toString(), { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  await answer.body.text();
  assert.equal(answer.statusCode, 302);
  return String(answer.headers.location);
}

function setup() {
  const redactor = new SecretRedactor();
  const lines: string[] = [];
  const sink: LogSink = { trace: (m) => lines.push(m), debug: (m) => lines.push(m), info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
  const attempts = new SignInAttempts();
  const sessions = new SessionStore(new MemorySecretStore(), (s) => redactor.add(s));
  let waiting!: (link: string) => void;
  const link = new Promise<string>((resolve) => (waiting = resolve));
  const deps = {
    attempts,
    sessions,
    client,
    openBrowser: async () => false, // blocked pop-up, remote machine: VS Code cannot open a browser
    onWaiting: (url: string, opened: boolean) => {
      assert.equal(opened, false);
      waiting(url);
    },
    onSecret: (s: string) => redactor.add(s),
    log: new Logger(sink, redactor),
  };
  const run = runSignIn(deps, { clientId: app.clientId, clientSecret: app.clientSecret, scopes: ['people:read'], plan, timeoutMs: 10_000 });
  run.catch(() => undefined);
  return { attempts, link, run, lines };
}

const paste = (attempts: SignInAttempts, text: string) => {
  const parsed = parsePastedCallback(text);
  assert.ok(parsed.ok, !parsed.ok ? parsed.message : '');
  return attempts.deliver(parsed.params);
};

describe('sign-in: paste the URL the browser ended on', () => {
  test('a pasted redirect completes the sign-in; a forged state before it is refused and changes nothing', async () => {
    const { attempts, link, run } = setup();
    const ended = await approveElsewhere(await link);
    const forged = new URL(ended);
    forged.searchParams.set('state', 'forged-state');
    const refused = paste(attempts, forged.toString());
    assert.equal(!refused.ok && refused.kind, 'unknown_state');
    assert.deepEqual(paste(attempts, `  "${ended}"  `), { ok: true, kind: 'code' });
    const outcome = await run;
    assert.equal(outcome.session.workspaceSlug, 'acme-corp');
    // Pasting the same address again: the state is spent.
    const again = paste(attempts, ended);
    assert.equal(!again.ok && again.kind, 'reused_state');
  });

  test('a pasted denial ends the sign-in with the fixed access_denied message', async () => {
    const { attempts, link, run } = setup();
    const ended = await approveElsewhere(await link, 'deny');
    assert.deepEqual(paste(attempts, ended), { ok: true, kind: 'denied' });
    const error = await run.then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof SignInError);
    assert.equal(error.kind, 'access_denied');
  });

  test('a pasted error with hostile text shows our message; the text goes to logDetail only', async () => {
    const { attempts, link, run } = setup();
    const state = new URL(await link).searchParams.get('state')!;
    paste(attempts, `${REDIRECT_URI}?error=temporarily_unavailable&error_description=${encodeURIComponent('Call +1 555 0100')}&state=${state}`);
    const error = await run.then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof SignInError);
    assert.equal(error.kind, 'callback_error');
    assert.ok(!error.message.includes('555'));
    assert.match(error.logDetail ?? '', /555/);
  });
});
