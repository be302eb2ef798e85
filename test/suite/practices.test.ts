/**
 * The security-guide practice review inside a real extension host: typing each mistake into a file produces its
 * diagnostic (source "Vendaze", rule id vendaze/practice/<name>), each quick fix does what it says, and "Review
 * Integration Security" lists the workspace's findings. Files are written under practices-tmp/ and removed after.
 */
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually as eventuallyWithin } from './support';
import * as vscode from 'vscode';

const WAIT_MS = 20_000;
const eventually = <T>(what: string, check: () => T | undefined | false) => eventuallyWithin(what, check, WAIT_MS);

function folder(): string {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the host opened no workspace folder');
  return f.uri.fsPath;
}

const tmp = () => join(folder(), 'practices-tmp');

function practiceDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Vendaze' && typeof d.code === 'object' && String(d.code.value).startsWith('vendaze/practice/'));
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));


let counter = 0;
/** Opens a new file holding `initial`, then types `typed` at its end (one edit, as a paste or a burst of keys). */
async function typeInto(name: string, initial: string, typed: string): Promise<vscode.TextDocument> {
  const path = join(tmp(), `${counter++}-${name}`);
  mkdirSync(tmp(), { recursive: true });
  writeFileSync(path, initial);
  const document = await vscode.workspace.openTextDocument(path);
  await vscode.window.showTextDocument(document);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(document.uri, document.positionAt(document.getText().length), typed);
  assert.ok(await vscode.workspace.applyEdit(edit));
  return document;
}

async function diagnosticFor(document: vscode.TextDocument, rule: string): Promise<vscode.Diagnostic> {
  return eventually(`${rule} on ${document.fileName}`, () => practiceDiagnostics(document.uri).find((d) => codeOf(d) === `vendaze/practice/${rule}`));
}

async function applyFix(document: vscode.TextDocument, rule: string, title: RegExp): Promise<string> {
  const diagnostic = await diagnosticFor(document, rule);
  const version = document.version;
  const list = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  const action = list.find((a) => title.test(a.title));
  assert.ok(action?.edit, `no quick fix ${title} among: ${list.map((a) => a.title).join(' | ')} (version ${version})`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
  return document.getText();
}

const MISTAKES: Array<[rule: string, file: string, typed: string, severity: vscode.DiagnosticSeverity]> = [
  ['client-secret-in-client', 'env.local.env', 'NEXT_PUBLIC_VENDAZE_CLIENT_SECRET=from-the-vault\n', vscode.DiagnosticSeverity.Error],
  ['token-in-browser-storage', 'cookie.js', "res.cookie('vendaze_access_token', tokens.access_token);\n", vscode.DiagnosticSeverity.Error],
  ['refresh-rotation', 'refresh.js', "async function refresh(u) {\n  const r = await fetch(URL, { method: 'POST', body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: u.refresh_token }) });\n  const data = await r.json();\n  u.access_token = data.access_token;\n}\n", vscode.DiagnosticSeverity.Warning],
  ['revoke-on-disconnect', 'logout.js', "app.post('/logout', async (req, res) => {\n  await db.vendazeTokens.delete(req.user.id);\n  res.redirect('/');\n});\n", vscode.DiagnosticSeverity.Information],
  ['https-redirect', 'redirect.js', "const redirect_uri = 'http://crm.example.com/vendaze/callback';\n", vscode.DiagnosticSeverity.Warning],
  ['state', 'state.js', 'const state = Math.random().toString(36).slice(2);\n', vscode.DiagnosticSeverity.Warning],
  ['pkce', 'pkce.js', "const params = { code_challenge: verifier, code_challenge_method: 'plain' };\n", vscode.DiagnosticSeverity.Error],
  ['least-privilege', 'scopes.js', "const scope = 'people:read deals:write';\nfetch(`${base}/v1/people`, { headers });\n", vscode.DiagnosticSeverity.Information],
  ['secrets-in-logs', 'logs.js', "console.log('vendaze tokens', tokens);\n", vscode.DiagnosticSeverity.Warning],
  ['monitoring', 'monitoring.js', "const people = await fetch('https://api.vendaze.com/v1/people', { headers });\n", vscode.DiagnosticSeverity.Information],
];

suite('practice review', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  suiteTeardown(() => rmSync(tmp(), { recursive: true, force: true }));

  for (const [rule, file, typed, severity] of MISTAKES) {
    test(`typing a ${rule} mistake produces vendaze/practice/${rule}`, async () => {
      const document = await typeInto(file, '// vendaze client\n', typed);
      const diagnostic = await diagnosticFor(document, rule);
      assert.equal(diagnostic.severity, severity);
      assert.equal(diagnostic.source, 'Vendaze');
      assert.match(String((diagnostic.code as { target: vscode.Uri }).target), new RegExp(`docs/practices\\.md#${rule}$`));
    });
  }

  test('quick fix: httpOnly and secure are added to the cookie', async () => {
    const document = await typeInto('fix-cookie.js', '// vendaze\n', "res.cookie('vendaze_access_token', tokens.access_token, { maxAge: 3600 });\n");
    const text = await applyFix(document, 'token-in-browser-storage', /httpOnly/);
    assert.match(text, /\{ httpOnly: true, secure: true, maxAge: 3600 \}/);
    await eventually('the cookie finding to clear', () => !practiceDiagnostics(document.uri).some((d) => codeOf(d).endsWith('token-in-browser-storage')));
  });

  test('quick fix: plain becomes S256 with a computed challenge', async () => {
    const document = await typeInto('fix-pkce.js', "// vendaze\nconst crypto = require('node:crypto');\n", "const params = { state, code_challenge: verifier, code_challenge_method: 'plain' };\n");
    const text = await applyFix(document, 'pkce', /S256/);
    assert.match(text, /code_challenge: crypto\.createHash\('sha256'\)\.update\(verifier\)\.digest\('base64url'\), code_challenge_method: 'S256'/);
  });

  test('quick fix: state is generated with crypto', async () => {
    const document = await typeInto('fix-state.js', '// vendaze\n', 'const state = Math.random().toString(36).slice(2);\n');
    assert.match(await applyFix(document, 'state', /cryptographic/), /const state = crypto\.randomUUID\(\);/);
  });

  test('quick fix: a NEXT_PUBLIC_ secret moves to a server-only name', async () => {
    const document = await typeInto('fix.env', '# vendaze\n', 'NEXT_PUBLIC_VENDAZE_CLIENT_SECRET=from-the-vault\n');
    assert.match(await applyFix(document, 'client-secret-in-client', /server-only/), /^VENDAZE_CLIENT_SECRET=from-the-vault$/m);
  });

  test('quick fix: the scope list is narrowed to the calls made', async () => {
    const document = await typeInto('fix-scopes.js', '// vendaze\n', "const scope = 'people:read deals:write';\nfetch(`${base}/v1/people`, { headers });\n");
    assert.match(await applyFix(document, 'least-privilege', /Narrow/), /const scope = 'people:read';/);
  });

  test('quick fix: suppress with vendaze:allow <rule>, and the diagnostic goes', async () => {
    const document = await typeInto('fix-suppress.js', '// vendaze\n', "const redirect_uri = 'http://crm.example.com/cb';\n");
    assert.match(await applyFix(document, 'https-redirect', /Suppress/), /\/\/ vendaze:allow vendaze\/practice\/https-redirect/);
    await eventually('the suppressed finding to clear', () => practiceDiagnostics(document.uri).length === 0);
  });

  test('the rules follow the API generation the extension speaks (vendaze.apiGeneration or detected)', async () => {
    const config = vscode.workspace.getConfiguration('vendaze');
    const revokeRefresh = "await fetch(`${base}/oauth/revoke`, { method: 'POST', body: new URLSearchParams({ token: user.refresh_token }) });\n";
    const refusesRefresh = (d: vscode.Diagnostic) => codeOf(d).endsWith('revoke-on-disconnect') && /refuses refresh tokens/.test(d.message);
    await config.update('apiGeneration', '2026-07', vscode.ConfigurationTarget.Global);
    try {
      const document = await typeInto('revoke-generation.js', '// vendaze\n', revokeRefresh);
      await eventually('the 2026-07 revoke finding', () => practiceDiagnostics(document.uri).find(refusesRefresh));
      // Back to the PKCE era, whose /oauth/revoke takes a refresh token: the same file is reviewed again, finding gone.
      await config.update('apiGeneration', '2026-05', vscode.ConfigurationTarget.Global);
      await eventually('the finding to go under the PKCE-era API', () => !practiceDiagnostics(document.uri).some(refusesRefresh));
    } finally {
      await config.update('apiGeneration', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('Review Integration Security lists the workspace findings by practice with a score', async () => {
    const markdown = await vscode.commands.executeCommand<string>('vendaze.reviewIntegrationSecurity');
    assert.match(markdown, /Checklist score: \d+\/10 practices followed/);
    assert.match(markdown, /## 2\. Keep tokens out of browser storage[\s\S]*\[practices\/server\.js:10\]\(file:\/\/[^)]*server\.js#L10\)/);
    assert.match(markdown, /## 6\. Validate the state parameter[\s\S]*practices\/server\.js:7/);
    const shown = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'vendaze-review');
    assert.ok(shown, 'the report document is open');
    assert.equal(shown.getText(), markdown);
  });
});
