/**
 * Secret-leak detection inside a real extension host: typing a secret produces the Vendaze diagnostic, each quick
 * fix does what it says, and "Scan Workspace for Secrets" reports the fixtures under test/fixtures/workspace/leaks
 * while honouring .gitignore. Secrets here are fake values made for these tests.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { applyFix, closeAll, eventually, quickFixes, vendazeDiagnostics } from './leakSupport';

const SECRET = 'fx9Tq4Lm2Wz7Kp1Rn8Vc3Bd6'; // vendaze:allow (test data)
function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the host opened no workspace folder');
  return folder;
}

suite('leak detection', () => {
  teardown(closeAll);

  test('typing a secret into an open file produces a redacted Vendaze diagnostic', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'typescript', content: '// Vendaze client\nconst clientSecret = "";\n' });
    const editor = await vscode.window.showTextDocument(document);
    // Type it a few characters at a time: each keystroke goes through the incremental rescan.
    let at = new vscode.Position(1, 22);
    for (const chunk of SECRET.match(/.{1,4}/g)!) {
      await editor.edit((edit) => edit.insert(at, chunk));
      at = at.translate(0, chunk.length);
    }
    // Earlier keystrokes may already have produced a diagnostic on a prefix: wait for the one on the whole value.
    const [diagnostic] = await eventually('the Vendaze diagnostic on the whole value', () => {
      const found = vendazeDiagnostics(document.uri);
      return found.length === 1 && document.getText(found[0]!.range) === SECRET && found;
    });
    assert.equal(diagnostic!.code, 'vendaze/client-secret');
    assert.ok(!diagnostic!.message.includes(SECRET), diagnostic!.message);
    assert.ok(diagnostic!.message.includes('client_secret (\u20263Bd6)'), diagnostic!.message);
    // An untitled document is not tracked by git: one step below the detector's "error".
    assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Warning);

    // Deleting it clears the diagnostic.
    await editor.edit((edit) => edit.delete(diagnostic!.range));
    await eventually('the diagnostic to clear', () => vendazeDiagnostics(document.uri).length === 0);
  });

  test('quick fix: replace the literal with an environment variable reference (TypeScript)', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'typescript', content: `// Vendaze\nexport const client = new VendazeClient({ clientSecret: '${SECRET}' });\n` });
    await vscode.window.showTextDocument(document);
    const [diagnostic] = await eventually('the diagnostic', () => vendazeDiagnostics(document.uri).length > 0 && vendazeDiagnostics(document.uri));
    await applyFix(document.uri, diagnostic!.range, /environment variable VENDAZE_CLIENT_SECRET/);
    assert.equal(document.lineAt(1).text, 'export const client = new VendazeClient({ clientSecret: process.env.VENDAZE_CLIENT_SECRET });');
    await eventually('the diagnostic to clear', () => vendazeDiagnostics(document.uri).length === 0);
  });

  test('quick fix: environment variable reference in Python adds the import', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: `VENDAZE_CLIENT_SECRET = "${SECRET}"\n` });
    await vscode.window.showTextDocument(document);
    const [diagnostic] = await eventually('the diagnostic', () => vendazeDiagnostics(document.uri).length > 0 && vendazeDiagnostics(document.uri));
    await applyFix(document.uri, diagnostic!.range, /environment variable/);
    assert.equal(document.getText(), 'import os\nVENDAZE_CLIENT_SECRET = os.environ["VENDAZE_CLIENT_SECRET"]\n');
  });

  test('quick fix: the vendaze:allow comment suppresses the finding', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: `vendaze:\n  client_secret: ${SECRET}\n` });
    await vscode.window.showTextDocument(document);
    const [diagnostic] = await eventually('the diagnostic', () => vendazeDiagnostics(document.uri).length > 0 && vendazeDiagnostics(document.uri));
    await applyFix(document.uri, diagnostic!.range, /vendaze:allow/);
    assert.equal(document.getText(), `vendaze:\n  # vendaze:allow\n  client_secret: ${SECRET}\n`);
    await eventually('the diagnostic to clear', () => vendazeDiagnostics(document.uri).length === 0);
  });

  test('quick fix: add a .env file to .gitignore', async () => {
    const folder = workspaceFolder();
    const gitignore = vscode.Uri.joinPath(folder.uri, '.gitignore');
    let existed = true;
    try {
      await vscode.workspace.fs.stat(gitignore);
    } catch {
      existed = false;
    }
    const envFile = vscode.Uri.joinPath(folder.uri, 'leaks', '.env');
    const document = await vscode.workspace.openTextDocument(envFile);
    await vscode.window.showTextDocument(document);
    const [diagnostic] = await eventually('the .env diagnostic', () => vendazeDiagnostics(envFile).length > 0 && vendazeDiagnostics(envFile));
    // In a .env file there is no reference to write: the variable is defined there. Keep the file out of git instead.
    const titles = (await quickFixes(envFile, diagnostic!.range)).map((a) => a.title);
    assert.ok(!titles.some((t) => /environment variable/.test(t)), titles.join(' | '));
    try {
      await applyFix(envFile, diagnostic!.range, /Add leaks\/\.env to \.gitignore/);
      const edited = await vscode.workspace.openTextDocument(gitignore);
      assert.ok(edited.getText().split('\n').includes('leaks/.env'), edited.getText());
    } finally {
      // Leave the fixture workspace as it was.
      const edited = vscode.workspace.textDocuments.find((d) => d.uri.toString() === gitignore.toString());
      if (edited) {
        await vscode.window.showTextDocument(edited);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
      if (!existed) await vscode.workspace.fs.delete(gitignore).then(undefined, () => undefined);
    }
  });

  test('a client_secret stored in VS Code is found anywhere (tier 1), offers rotation and incident response, and is forgotten with its app', async () => {
    const clientId = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const added = await vscode.commands.executeCommand<{ status: string }>('vendaze.addExistingApp', {
      clientId,
      clientSecret: secret,
      appName: 'Tier One Test',
      redirectUris: ['https://tier-one.example.com/callback'],
      scopes: ['people:read'],
    });
    assert.equal(added.status, 'added');
    // No Vendaze context at all: only the exact match of a held secret can find this.
    const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: `note: ${secret}\n` });
    await vscode.window.showTextDocument(document);
    try {
      const [diagnostic] = await eventually('the known-secret diagnostic', () => {
        const found = vendazeDiagnostics(document.uri).filter((d) => d.code === 'vendaze/known-secret');
        return found.length > 0 && found;
      });
      assert.ok(!diagnostic!.message.includes(secret), 'the message never quotes the secret');
      assert.match(diagnostic!.message, /Tier One Test/);
      const titles = (await quickFixes(document.uri, diagnostic!.range)).map((a) => a.title);
      assert.ok(titles.some((t) => /Rotate/.test(t)), titles.join(' | '));
      assert.ok(titles.some((t) => /Incident Response/.test(t)), titles.join(' | '));
    } finally {
      await vscode.commands.executeCommand('vendaze.removeApp', { clientId, confirm: true });
    }
    await eventually('the finding to go once the app (and its secret) is removed', () => vendazeDiagnostics(document.uri).length === 0);
  });

  test('without the extension holding the value, no rotate/revoke fix is offered, and the commands say why', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'typescript', content: `const vendazeSecret = "${SECRET}";\n` });
    await vscode.window.showTextDocument(document);
    const [diagnostic] = await eventually('the diagnostic', () => vendazeDiagnostics(document.uri).length > 0 && vendazeDiagnostics(document.uri));
    const titles = (await quickFixes(document.uri, diagnostic!.range)).map((a) => a.title);
    assert.ok(titles.length >= 2, titles.join(' | '));
    assert.ok(!titles.some((t) => /Rotate|Revoke/.test(t)), titles.join(' | '));
    const result = await vscode.commands.executeCommand<{ done: boolean; reason?: string }>('vendaze.rotateLeakedSecret', { clientId: 'x', fingerprints: [] });
    assert.equal(result.done, false);
    // Remediation is wired (incident steps), so the command's answer is that it needs a real finding.
    assert.equal(result.reason, 'bad-arguments');
  });

  test("a new untitled document that takes a closing one's name keeps its findings", async () => {
    // VS Code reuses untitled names ("Untitled-1"): the old document's close can arrive after the new one opened.
    for (let round = 0; round < 5; round++) {
      const document = await vscode.workspace.openTextDocument({ language: 'typescript', content: `const vendazeSecret = "${SECRET}";\n` });
      await vscode.window.showTextDocument(document);
      await eventually(`the diagnostic in ${document.uri.toString()} (round ${round + 1})`, () => vendazeDiagnostics(document.uri).length > 0);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  test('Scan Workspace for Secrets reports the leak fixtures, skips decoys, suppressed and git-ignored files', async () => {
    const folder = workspaceFolder();
    const ignored = vscode.Uri.joinPath(folder.uri, 'leaks', 'ignored.env');
    await vscode.workspace.fs.writeFile(ignored, new TextEncoder().encode(`VENDAZE_CLIENT_SECRET=${SECRET}\n`));
    let inGit = true;
    try {
      execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: folder.uri.fsPath, stdio: 'ignore' });
    } catch {
      inGit = false;
    }
    // Open in an editor, the git-ignored file shows its finding live; the scan skips it and must say both.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(ignored), { preview: false });
    await eventually('the live diagnostic in the open git-ignored file', () => vendazeDiagnostics(ignored).length === 1);
    try {
      const summary = await vscode.commands.executeCommand<{
        filesScanned: number;
        findings: number;
        skipped: { gitIgnored: number };
        openSkippedFindings: number;
        cancelled: boolean;
        files: Array<{ path: string; findings: Array<{ ruleId: string; line: number }> }>;
      }>('vendaze.scanWorkspace', { include: 'leaks/**' });
      assert.equal(summary.cancelled, false);
      const byFile = Object.fromEntries(summary.files.map((f) => [f.path.replace(/^.*?leaks\//, 'leaks/'), f.findings.map((x) => `${x.ruleId}@${x.line + 1}`)]));
      assert.deepEqual(byFile['leaks/.env'], ['vendaze/client-secret@3']);
      assert.deepEqual(byFile['leaks/client.ts'], ['vendaze/client-secret@6']);
      assert.deepEqual(byFile['leaks/call.sh'], ['vendaze/jwt@3']);
      assert.equal(byFile['leaks/decoys.md'], undefined);
      assert.equal(byFile['leaks/suppressed.yaml'], undefined);
      if (inGit) {
        assert.equal(byFile['leaks/ignored.env'], undefined, 'a git-ignored file was scanned');
        assert.ok(summary.skipped.gitIgnored >= 1, 'the summary counts the git-ignored file');
        assert.equal(summary.openSkippedFindings, 1, 'the summary counts the finding the open ignored file shows');
      }
      assert.ok(!JSON.stringify(summary).includes(SECRET));
      // The results are in the Problems view, for files that are not open.
      const clientTs = vscode.Uri.joinPath(folder.uri, 'leaks', 'client.ts');
      assert.deepEqual(vendazeDiagnostics(clientTs).map((d) => [d.code, d.range.start.line]), [['vendaze/client-secret', 5]]);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(ignored);
    }
  });
});
