/**
 * Usage monitor, incident response and audit trail in the real extension host, against an in-process sandbox:
 *  - a second client using the same app (its own grant, 20 calls) makes the app's per-app rate-limit counter fall
 *    faster than this VS Code's calls explain: Check Usage raises the warning, which says what was seen;
 *  - the incident checklist runs end to end, interrupted and resumed: a revoke the network drops fails and is
 *    retried; a rotate-app whose answer is lost is not resent until the user says no email came; the rotation
 *    succeeds but the secret is not entered, and resuming (a fresh command call on the persisted state) only asks
 *    for the secret. The sandbox shows the tokens revoked and exactly one rotation;
 *  - every action left an audit entry; no secret in the audit files, the export or the user-data folder.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { request } from 'undici';
import * as vscode from 'vscode';
import { VendazeClient } from '../../src/api/client';
import { Logger } from '../../src/common/logger';
import { SecretRedactor } from '../../src/common/redact';
import { activateLeaks } from '../../src/leaks/activate';
import { InMemoryKnownSecrets } from '../../src/leaks/knownSecrets';
import { startSandbox } from '../../src/sandbox';
import type { FaultsPatch, RunningSandbox } from '../../src/sandbox/types';
import { authorize, REDIRECT_URI, type RegisteredApp } from '../unit/support/apiSandbox';
import { quietPort } from '../unit/support/ports';
import { clearTextSecrets, cmd, filesUnder, revertAndCloseActive } from './support';

type Finding = { kind: string; message: string; unexplained?: number; requestIds: string[] };
type CheckUsageResult = { apps: Array<{ clientId: string; probes: Array<{ status?: number; remaining?: number; limit?: number; requestId?: string }> }>; findings: Finding[] };
type StepSummary = { id: string; status: string; outcome?: string; attempts: number; requestIds: string[] };
type IncidentSummary = {
  incidentId: string;
  clientId: string;
  originalClientId: string;
  closed: boolean;
  steps: StepSummary[];
  ran: Array<{ step: string; status: string; outcome: string; needs?: string }>;
  email?: { to: string; subject: string; body: string; mailto: string };
  notice?: string;
};
type AuditEntry = { time: string; action: string; outcome: string; app?: string; workspace?: string; folder?: string; requestId?: string; detail?: string };

const LIMITS: FaultsPatch['rateLimits'] = {
  authorize: { limit: 10_000, windowSeconds: 60 },
  token: { limit: 10_000, windowSeconds: 60 },
  revoke: { limit: 10_000, windowSeconds: 60 },
  register: { limit: 10_000, windowSeconds: 3600 },
  rotate: { limit: 10_000, windowSeconds: 3600 },
  // Small and long: 20 foreign calls are half the limit, and the window cannot roll over mid-test.
  apiGet: { limit: 40, windowSeconds: 3600 },
};

const seen = new Set<string>();
const see = (value: string | undefined | null) => value && seen.add(value);
const step = (summary: IncidentSummary, id: string) => summary.steps.find((s) => s.id === id)!;

suite('incident: usage monitor, incident response and audit trail against the sandbox', function () {
  this.timeout(120_000);
  let sandbox: RunningSandbox;
  let stateDir: string;
  let client: VendazeClient;
  let app: RegisteredApp;
  let incident: IncidentSummary;
  /** rotate-app requests the sandbox answered with success (a dropped one is logged with status 0). */
  const rotations = () => sandbox.requestLog().filter((r) => r.method === 'POST' && r.path === '/v1/auth/rotate-app' && r.status >= 200 && r.status < 300);
  const exportAudit = async (): Promise<AuditEntry[]> => {
    const file = join(stateDir, `audit-${Date.now()}.json`);
    const result = await cmd<{ path: string; entries: number }>('vendaze.exportAuditLog', file);
    const body = JSON.parse(readFileSync(result.path, 'utf8')) as { entries: AuditEntry[]; count: number };
    assert.equal(body.count, result.entries);
    return body.entries;
  };

  suiteSetup(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'vendaze-incident-'));
    sandbox = await startSandbox({ autoApprove: 'browser', stateFile: join(stateDir, 'sandbox.json'), faults: { rateLimits: LIMITS } });
    client = new VendazeClient({ baseUrl: sandbox.baseUrl, timeoutMs: 10_000 });
    const loopbackPort = await quietPort();
    await vscode.workspace.getConfiguration('vendaze.auth').update('loopbackPort', loopbackPort, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('vendaze').update('apiBaseUrl', sandbox.baseUrl, vscode.ConfigurationTarget.Global);
    const redirectUri = (await vscode.env.asExternalUri(vscode.Uri.parse(`http://127.0.0.1:${loopbackPort}/callback`))).toString(true);

    const email = `incident-${Math.random().toString(36).slice(2, 10)}@example.com`;
    const appName = `Incident test ${email.slice(9, 17)}`;
    // The extension's redirect, and the plain loopback one the "second client" below uses.
    const redirectUris = [redirectUri, REDIRECT_URI];
    const registered = await client.registerApp({ app_name: appName, email, redirect_uris: redirectUris, scopes: ['people:read', 'people:write'] });
    const clientSecret = sandbox.mailbox.secretFor(registered.data.client_id)!;
    see(clientSecret);
    app = { clientId: registered.data.client_id, clientSecret, email, appName, scopes: ['people:read', 'people:write'], redirectUris };
    const added = await cmd<{ status: string }>('vendaze.addExistingApp', { clientId: app.clientId, clientSecret, appName, email, redirectUris, scopes: app.scopes });
    assert.equal(added.status, 'added');
    const signedIn = await cmd<{ ok: boolean; workspace: string; message?: string }>('vendaze.signIn', app.clientId, { timeoutSeconds: 60 });
    assert.equal(signedIn.ok, true, signedIn.message);
    assert.equal(sandbox.activeTokens(app.clientId).grants, 1);
  });

  suiteTeardown(async () => {
    await sandbox?.close();
    await vscode.workspace.getConfiguration('vendaze.auth').update('loopbackPort', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('vendaze').update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  test('traffic from a second client on the same app raises the usage warning, saying what was seen', async () => {
    const first = await cmd<CheckUsageResult>('vendaze.checkUsage', app.clientId);
    const probe = first.apps[0]!.probes[0]!;
    assert.equal(probe.status, 200);
    assert.equal(probe.limit, 40);
    assert.deepEqual(first.findings, [], 'our own call alone is not a spike');

    // Someone else holding a token of the same app (its own grant): 20 calls against the app's per-app counter.
    sandbox.setAutoApprove(true);
    const { code, verifier, redirectUri } = await authorize(sandbox, app);
    sandbox.setAutoApprove('browser');
    const stolen = await client.exchangeCode({ clientId: app.clientId, clientSecret: app.clientSecret, code, redirectUri, codeVerifier: verifier });
    see(stolen.data.access_token);
    see(stolen.data.refresh_token);
    for (let i = 0; i < 20; i++) {
      const res = await request(`${sandbox.baseUrl}/v1/people`, { headers: { authorization: `Bearer ${stolen.data.access_token}` } });
      await res.body.text();
      assert.equal(res.statusCode, 200);
    }

    const second = await cmd<CheckUsageResult>('vendaze.checkUsage', app.clientId);
    assert.equal(second.findings.length, 1, 'one warning');
    const finding = second.findings[0]!;
    assert.equal(finding.kind, 'unexplained-usage');
    assert.equal(finding.unexplained, 20);
    const remaining = second.apps[0]!.probes[0]!.remaining!;
    assert.match(finding.message, new RegExp(`^X-RateLimit-Remaining for GET /v1/\\* fell from ${probe.remaining} to ${remaining} \\(limit 40, window resets .+\\) while this VS Code made 1 of those requests: 20 came from elsewhere \\(warning threshold 10\\)\\.$`));
    assert.ok(finding.requestIds.includes(second.apps[0]!.probes[0]!.requestId!), 'names the request ids');

    // Once per window: another check does not warn again.
    assert.deepEqual((await cmd<CheckUsageResult>('vendaze.checkUsage', app.clientId)).findings, []);
    const warnings = (await exportAudit()).filter((e) => e.action === 'usage-warning' && e.app === app.clientId);
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0]!.detail, finding.message);

    // The "other client" is not the extension's to revoke: end its grant here so the counts below are the extension's.
    await client.revokeToken({ token: stolen.data.access_token, clientId: app.clientId, clientSecret: app.clientSecret });
    assert.equal(sandbox.activeTokens(app.clientId).grants, 1);
  });

  test('revoke step: a dropped revoke fails (tokens kept queued, nothing lost), the retry revokes them on the server', async () => {
    // The revoke and the immediate retry of the queue, each retried once by the transport (revoke is idempotent).
    sandbox.setFaults({ faultPath: '/oauth/revoke', dropNext: 4 });
    try {
      const failed = await cmd<IncidentSummary>('vendaze.incidentResponse', { clientId: app.clientId, reason: 'host test: usage spike', steps: ['revoke'] });
      assert.equal(step(failed, 'revoke').status, 'failed');
      assert.match(step(failed, 'revoke').outcome!, /acme-corp: NOT revoked yet/);
      assert.equal(sandbox.activeTokens(app.clientId).grants, 1, 'not revoked on the server yet');
    } finally {
      sandbox.setFaults({ faultPath: '', dropNext: 0 });
    }
    incident = await cmd<IncidentSummary>('vendaze.incidentResponse', app.clientId, { steps: ['revoke'] });
    assert.equal(step(incident, 'revoke').status, 'done', step(incident, 'revoke').outcome);
    assert.equal(step(incident, 'revoke').attempts, 2);
    assert.equal(step(incident, 'revoke').outcome, '1 queued revoke(s) sent: revoked on the server.');
    assert.deepEqual(sandbox.activeTokens(app.clientId), { grants: 0, accessTokens: 0, refreshTokens: 0 });
    const sessions = await cmd<Array<{ clientId: string }>>('vendaze.showSessions', { pick: false });
    assert.ok(!sessions.some((s) => s.clientId === app.clientId), 'no session of the app left in VS Code');
  });

  test('rotate step: a lost answer is not resent blindly; rotated once; resuming asks only for the secret', async () => {
    // The rotate-app request is dropped before Vendaze handles it: the outcome is unknown to the extension.
    sandbox.setFaults({ faultPath: '/v1/auth/rotate-app', dropNext: 1 });
    let result: IncidentSummary;
    try {
      result = await cmd<IncidentSummary>('vendaze.incidentResponse', app.clientId, { steps: ['rotate'], confirm: true, clientSecret: () => undefined });
    } finally {
      sandbox.setFaults({ faultPath: '', dropNext: 0 });
    }
    assert.equal(step(result, 'rotate').status, 'failed');
    assert.match(step(result, 'rotate').outcome!, /may or may not have reached Vendaze/);
    assert.equal(sandbox.requestLog().filter((r) => r.path === '/v1/auth/rotate-app' && r.status === 0).length, 1, 'the sandbox dropped it');
    // Retrying without saying whether the email came sends nothing.
    const asked = await cmd<IncidentSummary>('vendaze.incidentResponse', app.clientId, { steps: ['rotate'], confirm: true });
    assert.equal(asked.ran[0]!.needs, 'rotation-outcome');
    assert.equal(rotations().length, 0);

    // No email came: send it again. It succeeds, but the new secret is not entered yet (the email has not been read).
    const waiting = await cmd<IncidentSummary>('vendaze.incidentResponse', app.clientId, {
      steps: ['rotate'],
      confirm: true,
      rotationOutcome: { received: false },
      clientSecret: () => undefined,
    });
    assert.equal(step(waiting, 'rotate').status, 'waiting', step(waiting, 'rotate').outcome);
    const answered = rotations();
    assert.equal(answered.length, 1, 'one rotate-app answered');
    const newClientId = waiting.clientId;
    assert.deepEqual(step(waiting, 'rotate').requestIds, [answered[0]!.requestId]);

    // Resume (a fresh call on the persisted checklist, by the app's OLD client_id): only the secret is asked for.
    const resumed = await cmd<IncidentSummary>('vendaze.incidentResponse', app.clientId, {
      steps: ['rotate'],
      confirm: true,
      clientSecret: (id: string) => {
        const secret = sandbox.mailbox.secretFor(id);
        see(secret);
        return secret;
      },
    });
    assert.equal(step(resumed, 'rotate').status, 'done', step(resumed, 'rotate').outcome);
    assert.equal(resumed.incidentId, incident.incidentId, 'the same incident');
    assert.equal(resumed.clientId, newClientId);
    assert.equal(rotations().length, 1, 'rotated exactly once');
    const onServer = sandbox.apps().find((a) => a.client_id === newClientId || a.retired_client_ids.includes(app.clientId))!;
    assert.equal(onServer.retired_client_ids.length, newClientId === app.clientId ? 0 : 1);
    assert.deepEqual(onServer.scopes, app.scopes, 'same scopes');
    incident = resumed;
  });

  test('email, notice and sign-in steps finish the checklist; the report names client_id and request ids, never a secret', async () => {
    await vscode.env.clipboard.writeText('clipboard-sentinel');
    const done = await cmd<IncidentSummary>('vendaze.incidentResponse', incident.clientId, { steps: ['email', 'notice', 'signIn'], mail: 'copy', signIn: { timeoutSeconds: 60 } });
    for (const id of ['email', 'notice', 'signIn']) assert.equal(step(done, id).status, 'done', `${id}: ${step(done, id).outcome}`);
    assert.equal(done.closed, true, 'every step done: closed');
    await revertAndCloseActive(); // the untitled notice

    const email = done.email!;
    assert.equal(email.to, 'security@vendaze.com');
    assert.ok(email.mailto.startsWith('mailto:security@vendaze.com?subject='));
    assert.match(email.body, new RegExp(`client_id: ${app.clientId}`));
    assert.ok(email.body.includes(step(done, 'rotate').requestIds[0]!), 'the rotation request id');
    assert.match(email.body, /20 came from elsewhere/, 'what the monitor saw');
    assert.match(await vscode.env.clipboard.readText(), /^To: security@vendaze\.com\nSubject: Suspected credential compromise/);
    assert.match(done.notice!, /^# Security notice: /);
    for (const text of [email.body, email.mailto, done.notice!, await vscode.env.clipboard.readText()]) {
      for (const secret of seen) assert.ok(!text.includes(secret), 'no secret in the report or notice');
    }
    // Signed in again, with the rotated app and its new secret.
    assert.equal(sandbox.activeTokens(done.clientId).grants, 1);
  });

  test('a leak finding of a value the extension holds offers the incident response for its app (never the value)', async () => {
    const held = 'hx4Nc8Wq2Zr6Lt1Ym9Pb3Kd7'; // vendaze:allow (test data)
    const known = new InMemoryKnownSecrets();
    known.set([{ value: held, kind: 'client_secret', clientId: incident.clientId, label: 'Incident app' }]);
    const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };
    // The same leak-detection code the extension runs, with a held value (the extension's own instance holds none here).
    const leaks = activateLeaks({ log: new Logger(quiet, new SecretRedactor()), knownSecrets: known });
    try {
      const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: `12:00:01 request failed with ${held}\n` });
      await vscode.window.showTextDocument(document);
      let diagnostic: vscode.Diagnostic | undefined;
      for (let i = 0; i < 100 && !diagnostic; i++, await new Promise((r) => setTimeout(r, 50))) {
        diagnostic = vscode.languages.getDiagnostics(document.uri).find((d) => d.source === 'Vendaze' && /Incident app/.test(d.message));
      }
      assert.ok(diagnostic, 'the held value is found');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const action = actions.find((a) => /^Incident Response for "Incident app"…$/.test(a.title));
      assert.ok(action?.command, actions.map((a) => a.title).join(' | '));
      assert.equal(action.command.command, 'vendaze.incidentResponse');
      assert.ok(!JSON.stringify(action.command.arguments).includes(held), 'the value is not in the arguments');
      const args = action.command.arguments![0] as { clientId: string; reason: string };
      assert.equal(args.clientId, incident.clientId);
      // Opened (then closed at once: no prompt can be answered here) as a new incident with the finding as its reason.
      const opened = await cmd<IncidentSummary>('vendaze.incidentResponse', { ...args, skip: [], close: true });
      assert.notEqual(opened.incidentId, incident.incidentId, 'the previous incident was complete: a new one');
      assert.ok(opened.steps.every((s) => s.status === 'pending'));
      const entries = await exportAudit();
      assert.ok(entries.some((e) => e.action === 'incident-step' && e.detail === `Incident response opened: ${args.reason}`));
      assert.match(args.reason, /^A client secret of the app was found in /);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      leaks.disposable.dispose();
      known.dispose();
    }
  });

  test('an audit entry for each action, none with a secret; none in the user-data folder either', async () => {
    const entries = (await exportAudit()).filter((e) => e.app === app.clientId || e.app === incident.clientId);
    const has = (action: string, outcome: string, detail?: RegExp) => entries.some((e) => e.action === action && e.outcome === outcome && (!detail || detail.test(e.detail ?? '')));
    assert.ok(has('store-secret', 'ok', /added/), 'app added with its secret');
    assert.ok(has('sign-in', 'ok'), 'sign-in');
    assert.ok(has('usage-warning', 'warning'), 'usage warning');
    assert.ok(has('revoke', 'pending'), 'the dropped revoke');
    assert.ok(has('revoke', 'ok'), 'the revoke');
    assert.ok(has('rotate', 'pending'), 'the rotation with a lost answer');
    const rotated = entries.find((e) => e.action === 'rotate' && e.outcome === 'ok')!;
    assert.equal(rotated.requestId, rotations()[0]!.requestId);
    assert.ok(has('store-secret', 'ok', /after rotation/), 'new secret stored');
    for (const title of ['Revoke every token', 'Rotate the client_secret', 'Report the incident', 'Notify affected users', 'Sign in again']) {
      assert.ok(has('incident-step', 'started', new RegExp(`^${title}`)), `${title} started`);
      assert.ok(has('incident-step', 'ok', new RegExp(`^${title}`)), `${title} finished`);
    }
    assert.ok(entries.every((e) => !Number.isNaN(Date.parse(e.time)) && e.folder === vscode.workspace.name), 'time and VS Code workspace on every entry');
    assert.ok(entries.some((e) => e.action === 'sign-in' && e.workspace === 'acme-corp'), 'the Vendaze workspace of session actions');

    const shown = await cmd<{ file: string; entries: number }>('vendaze.showAuditLog');
    assert.ok(shown.entries >= entries.length);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const root = process.env.VENDAZE_TEST_USER_DATA_DIR;
    const files = [shown.file, ...filesUnder(stateDir).filter((f) => f.includes('audit-')), ...(root ? filesUnder(dirname(root)) : [])];
    assert.ok(seen.size >= 4, 'the suite saw secrets to look for');
    assert.deepEqual(clearTextSecrets(files, seen), []);
  });
});
