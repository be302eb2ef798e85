/**
 * The severity policy (src/scanPolicy/severity.ts, docs/secret-scanning.md "Severity policy") in a real editor: a
 * value the extension holds (so live), in an untracked `.env` that no .gitignore excludes, is an error that says
 * why (`git add .` would commit it); the same value in a git-ignored file stays a warning. Values are made here.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { eventually, vendazeDiagnostics as vendaze } from './leakSupport';




suite('leak severity policy', () => {
  test('a live value in an unignored .env is an error that says why; in a git-ignored file it stays a warning', async function () {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the host opened no workspace folder');
    try {
      execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: folder.uri.fsPath, stdio: 'ignore' });
    } catch {
      this.skip(); // the fixtures are not in a git work tree here: there is no ignored/unignored to compare
    }
    const clientId = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const added = await vscode.commands.executeCommand<{ status: string }>('vendaze.addExistingApp', {
      clientId,
      clientSecret: secret,
      appName: 'Severity Policy Test',
      redirectUris: ['https://severity.example.com/callback'],
      scopes: ['people:read'],
    });
    assert.equal(added.status, 'added');
    const unignored = vscode.Uri.joinPath(folder.uri, 'leaks', 'severity-unignored.env');
    const ignored = vscode.Uri.joinPath(folder.uri, 'leaks', 'ignored.env'); // leaks/.gitignore lists it
    const content = new TextEncoder().encode(`VENDAZE_CLIENT_ID=${clientId}\nVENDAZE_CLIENT_SECRET=${secret}\n`);
    try {
      await vscode.workspace.fs.writeFile(unignored, content);
      await vscode.workspace.fs.writeFile(ignored, content);
      const checkIgnore = (name: string) => {
        try {
          execFileSync('git', ['check-ignore', '-q', '--', name], { cwd: vscode.Uri.joinPath(folder.uri, 'leaks').fsPath, stdio: 'ignore' });
          return true;
        } catch {
          return false;
        }
      };
      assert.equal(checkIgnore('severity-unignored.env'), false, 'the unignored file must not be git-ignored');
      assert.equal(checkIgnore('ignored.env'), true, 'leaks/.gitignore must ignore ignored.env');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(unignored), { preview: false });
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(ignored), { preview: false });

      const error = await eventually('an error in the unignored .env', () =>
        vendaze(unignored).find((d) => d.code === 'vendaze/known-secret' && d.severity === vscode.DiagnosticSeverity.Error),
      );
      assert.match(error.message, /not git-ignored/);
      assert.match(error.message, /git add \./);
      assert.match(error.message, /live/);
      assert.ok(!error.message.includes(secret), 'the message never quotes the secret');

      const warning = await eventually('a git-ignored warning', () =>
        vendaze(ignored).find((d) => d.code === 'vendaze/known-secret' && /git-ignored/.test(d.message)),
      );
      assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
      assert.doesNotMatch(warning.message, /git add \./);
      // Each file shows the finding once, at the rating above (no second, differently rated entry).
      assert.equal(vendaze(unignored).filter((d) => d.range.isEqual(error.range)).length, 1);
      assert.equal(vendaze(ignored).filter((d) => d.range.isEqual(warning.range)).length, 1);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(unignored).then(undefined, () => undefined);
      await vscode.workspace.fs.delete(ignored).then(undefined, () => undefined);
      await vscode.commands.executeCommand('vendaze.removeApp', { clientId, confirm: true });
    }
  });
});
