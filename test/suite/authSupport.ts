/**
 * What the sign-in host suites (auth*.test.ts) share. Sign-in runs end to end in the real extension host, against an
 * in-process sandbox: the extension opens the consent page in the browser (code-server: a new tab of the same
 * headless Chromium), the page approves itself (autoApprove 'browser'), the redirect comes back through the
 * loopback listener, tokens land in SecretStorage. Where a test must act as the user (deny, or answer with a
 * forged/replayed state), it reads the pending consent request from the sandbox's own state file and answers the
 * consent form over HTTP exactly as the page would.
 *
 * What this host does not allow: VS Code's account-access consent (getSession from "another extension") is a modal
 * prompt, and the test workbench refuses prompts, so no extension - these tests included - can be granted a session
 * here. Token values therefore never reach the tests: authUserDataScan.test.ts looks for every JWT (both tokens are
 * JWTs) besides the exact secrets and codes the suites did see (`seen`, filled by every auth suite before it).
 *
 * A suite calls authSuiteHooks() once: its own sandbox, loopback port and (unless `app: false`) app, read through
 * the live bindings `env`, `loopbackPort`, `redirectUri` and `app` while that suite runs.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import * as vscode from 'vscode';
import { VendazeClient } from '../../src/api/client';
import { startSandbox } from '../../src/sandbox';
import type { FaultsPatch, RunningSandbox } from '../../src/sandbox/types';
import type { Scope } from '../../src/schemas/scopes';
import { quietPort } from '../unit/support/ports';
import { cmd, waitFor } from './support';

export type SignInResult = { ok: boolean; kind?: string; message: string; sessionId: string; workspace: string; scopes: string[]; redirectUri?: string; apiCode?: string; status?: number; retryAfterSeconds?: number; requestId?: string; account: { id: string; label: string } };
export type SignOutResult = { ok: boolean; revoked: boolean; pending: boolean; message: string };

export const ROOMY: FaultsPatch['rateLimits'] = {
  authorize: { limit: 10_000, windowSeconds: 60 },
  token: { limit: 10_000, windowSeconds: 60 },
  revoke: { limit: 10_000, windowSeconds: 60 },
  register: { limit: 10_000, windowSeconds: 3600 },
};

/** Every secret value the auth suites saw, for the final clear-text scan. */
export const seen = new Set<string>();
export const see = (value: string | undefined | null) => value && seen.add(value);

export const authConfig = () => vscode.workspace.getConfiguration('vendaze.auth');
export const vendazeConfig = () => vscode.workspace.getConfiguration('vendaze');
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Env {
  sandbox: RunningSandbox;
  stateFile: string;
  client: VendazeClient;
}

export async function startEnv(port = 0, stateFile?: string): Promise<Env> {
  const file = stateFile ?? join(mkdtempSync(join(tmpdir(), 'vendaze-auth-')), 'sandbox.json');
  const sandbox = await startSandbox({ port, autoApprove: 'browser', stateFile: file, faults: { rateLimits: ROOMY } });
  return { sandbox, stateFile: file, client: new VendazeClient({ baseUrl: sandbox.baseUrl, timeoutMs: 10_000 }) };
}

/** Registers an app on the sandbox and adds it to VS Code through the apps feature's own command. */
export async function addApp(env: Env, redirectUris: string[], scopes: Scope[] = ['people:read', 'people:write']) {
  await vendazeConfig().update('apiBaseUrl', env.sandbox.baseUrl, vscode.ConfigurationTarget.Global);
  const email = `auth-${Math.random().toString(36).slice(2, 10)}@example.com`;
  const appName = `Auth test ${email.slice(5, 13)}`;
  const registered = await env.client.registerApp({ app_name: appName, email, redirect_uris: redirectUris, scopes });
  const clientId = registered.data.client_id;
  const clientSecret = env.sandbox.mailbox.secretFor(clientId);
  assert.ok(clientSecret, 'the sandbox mailbox holds the secret');
  see(clientSecret);
  const added = await cmd<{ status: string }>('vendaze.addExistingApp', { clientId, clientSecret, appName, email, redirectUris, scopes });
  assert.equal(added.status, 'added');
  return { clientId, clientSecret, appName };
}

/** The pending consent request the browser tab is looking at (from the sandbox's state file). */
export async function pendingConsent(env: Env, known = new Set<string>()) {
  return waitFor('the consent request', () => {
    const state = JSON.parse(readFileSync(env.stateFile, 'utf8')) as { pending: Array<{ id: string; state: string }> };
    return state.pending.find((p) => !known.has(p.id));
  });
}

/** Presses Authorize or Deny on the consent form, as the page would; returns the redirect it answers with. */
export async function answerConsent(env: Env, requestId: string, action: 'approve' | 'deny', workspace = 'globex'): Promise<string> {
  const form = new URLSearchParams({ request: requestId, action, workspace });
  form.append('scope', 'people:read');
  const res = await request(`${env.sandbox.baseUrl}/oauth/consent`, { method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  await res.body.text();
  assert.equal(res.statusCode, 302, 'the consent form redirects back');
  const location = String(res.headers.location);
  see(new URL(location).searchParams.get('code'));
  return location;
}

export async function get(url: string) {
  const res = await request(url);
  return { status: res.statusCode, text: await res.body.text() };
}

export let env: Env;
export let loopbackPort: number;
export let redirectUri: string;
export let app: { clientId: string; clientSecret: string; appName: string };

/** Installs the suite's set-up and tear-down: call it at the top of the suite's callback. */
export function authSuiteHooks(options: { app?: boolean } = {}): void {
  suiteSetup(async () => {
    env = await startEnv();
    loopbackPort = await quietPort();
    await authConfig().update('loopbackPort', loopbackPort, vscode.ConfigurationTarget.Global);
    // The exact string the extension will send: what this host makes of the loopback URL (code-server: its proxy).
    redirectUri = (await vscode.env.asExternalUri(vscode.Uri.parse(`http://127.0.0.1:${loopbackPort}/callback`))).toString(true);
    if (options.app !== false) app = await addApp(env, [redirectUri]);
  });

  suiteTeardown(async () => {
    await env?.sandbox.close();
    await authConfig().update('loopbackPort', undefined, vscode.ConfigurationTarget.Global);
    await vendazeConfig().update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
  });
}
