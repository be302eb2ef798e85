/**
 * The packaged extension in an untrusted folder, as a user who opens an unfamiliar repository gets it: leak
 * diagnostics work on open files without any git process, trust-only commands refuse and say why, and the
 * folder's own settings cannot redirect secrets. Run by test/host/restricted.mjs (see test/restricted/index.ts).
 * The folder is a copy of test/fixtures/workspace plus a hostile .vscode/settings.json.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';

const EXTENSION_ID = 'vendaze.vendaze-vscode';
const gitLog = process.env.VENDAZE_GIT_LOG ?? '';
const gitCalls = () => (existsSync(gitLog) ? readFileSync(gitLog, 'utf8').split('\n').filter(Boolean) : []);

async function eventually<T>(what: string, check: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function folder(): vscode.WorkspaceFolder {
  const first = vscode.workspace.workspaceFolders?.[0];
  assert.ok(first, 'no folder open');
  return first;
}

suite('Restricted Mode: the installed VSIX in an untrusted folder', function () {
  this.timeout(90_000);
  let extension: vscode.Extension<unknown>;
  let envFile: vscode.Uri;
  let diagnostics: vscode.Diagnostic[];

  suiteSetup(async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the harness must open the folder untrusted');
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is not installed`);
    extension = found;
    await extension.activate();
  });

  test('the extension is the installed build, and it is active in Restricted Mode', () => {
    assert.ok(extension.isActive);
    assert.ok(process.env.VENDAZE_TEST_EXTENSIONS_DIR && extension.extensionPath.startsWith(process.env.VENDAZE_TEST_EXTENSIONS_DIR), extension.extensionPath);
  });

  test('an open file with a leaked secret gets diagnostics, rated may-be-committed, saying .gitignore could not be checked', async () => {
    envFile = vscode.Uri.joinPath(folder().uri, 'leaks', '.env');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(envFile));
    diagnostics = await eventually('Vendaze diagnostics on leaks/.env', () => {
      const found = vscode.languages.getDiagnostics(envFile).filter((d) => d.source === 'Vendaze');
      return found.length > 0 && found;
    });
    for (const d of diagnostics) {
      assert.match(d.message, /Could not check \.gitignore in Restricted Mode/);
      assert.notEqual(d.message.includes('fx7Qm2Lw9Kp4Rz8Tn3Vb6Hd1'), true, 'the secret itself is never in the message'); // vendaze:allow (fixture)
    }
    // Rated as a file that may be committed: the client_secret finding keeps its full severity.
    assert.ok(diagnostics.some((d) => d.severity === vscode.DiagnosticSeverity.Error), diagnostics.map((d) => d.severity).join(','));
  });

  test('no git process was started for it (a PATH wrapper records every git call; it works: see the control call)', () => {
    assert.ok(gitLog, 'VENDAZE_GIT_LOG is not set');
    execFileSync('git', ['-c', 'vendaze.control=1', '--version']);
    const calls = gitCalls();
    assert.ok(calls.some((c) => c.includes('vendaze.control=1')), `the wrapper did not see the control call: ${calls.join(' | ')}`);
    assert.deepEqual(calls.filter((c) => c.includes('ls-files')), []);
  });

  test('the leak quick fixes are offered', async () => {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', envFile, diagnostics[0]!.range, vscode.CodeActionKind.QuickFix.value);
    assert.ok(actions.some((a) => /ignore|environment|comment|\.gitignore/i.test(a.title)), actions.map((a) => a.title).join(' | '));
  });

  const trustOnly: Array<[string, unknown[], RegExp]> = [
    ['vendaze.signIn', ['00000000-0000-0000-0000-000000000000'], /client_secret/],
    ['vendaze.rotateApp', [], /rotating/],
    ['vendaze.copyAccessToken', [], /refresh/],
    ['vendaze.startSandbox', [], /sandbox/],
    ['vendaze.scanWorkspace', [], /git/],
    ['vendaze.checkUsage', [], /access token/],
  ];
  for (const [id, args, reason] of trustOnly) {
    test(`${id} waits for trust and says why`, async () => {
      const result = await vscode.commands.executeCommand<{ ok: boolean; kind: string; message: string }>(id, ...args);
      assert.equal(result?.ok, false);
      assert.equal(result.kind, 'untrusted');
      assert.match(result.message, /trust this folder/);
      assert.match(result.message, reason);
    });
  }

  test('a command that needs no trust still works (Show Log)', async () => {
    await vscode.commands.executeCommand('vendaze.showLog');
  });

  test("the folder's settings cannot redirect secrets or mute warnings", () => {
    const config = vscode.workspace.getConfiguration('vendaze');
    // The folder's .vscode/settings.json sets all three; machine scope and restrictedConfigurations ignore them.
    assert.equal(config.get('apiBaseUrl'), 'https://api.vendaze.com');
    assert.equal(config.get('auth.redirectBounceUrl'), '');
    assert.equal(config.get('usage.spikeThresholdPercent'), 25);
  });
});
