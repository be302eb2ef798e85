/**
 * Issue 13's "Scan Workspace tells the truth": the summary counts what it skipped and why, the findings open
 * git-ignored files already show, and the findings open files outside the scan show, instead of "no secrets found"
 * beside a Problems view that lists some.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { summaryText, type WorkspaceScanSummary } from '../../src/leaks/scanPlan';

const SECRET = 'Qm4Tz8Wn2Lc6Vr1Xp9Hb3Kd7'; // vendaze:allow (test data)

suite('Scan Workspace summary', () => {
  test('counts skipped files with reasons, and the findings open files show that the scan did not cover', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the host opened no workspace folder');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const ignored = vscode.Uri.joinPath(folder.uri, 'leaks', 'ignored.env'); // listed in leaks/.gitignore
    const outside = vscode.Uri.joinPath(folder.uri, 'scan-summary-outside.env'); // outside the scan's include glob
    let inGit = true;
    try {
      execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: folder.uri.fsPath, stdio: 'ignore' });
    } catch {
      inGit = false;
    }
    try {
      const live = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Vendaze').length;
      const open = async (uri: vscode.Uri) => {
        await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`VENDAZE_CLIENT_SECRET=${SECRET}\n`));
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
        for (let i = 0; i < 300 && live(uri) === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      };
      const scan = () => vscode.commands.executeCommand<WorkspaceScanSummary>('vendaze.scanWorkspace', { include: 'leaks/**' });
      await open(ignored);
      // Other tests of this host run may leave documents open outside leaks/**: count relative to a first scan.
      const before = await scan();
      await open(outside);
      assert.equal(live(outside), 1, 'the open file outside the scan shows its finding live');

      const summary = await scan();
      assert.equal(summary.cancelled, false);
      assert.equal(summary.filesSkipped, Object.values(summary.skipped).reduce((a, b) => a + b, 0), 'every skipped file has a reason');
      assert.equal(summary.openUnlistedFindings, before.openUnlistedFindings + 1, 'the finding of the open file outside the scan is counted');
      const text = summaryText(summary);
      assert.match(text, new RegExp(`${summary.openUnlistedFindings} more finding\\(s\\) are shown in open files outside the scan`));
      if (inGit) {
        assert.ok(summary.skipped.gitIgnored >= 1);
        assert.ok(summary.openSkippedFindings >= 1, 'the finding the open git-ignored file shows is counted');
        assert.match(text, /Not scanned: \d+ files? \([^)]*git-ignored/);
        assert.match(text, new RegExp(`${summary.openSkippedFindings} more finding\\(s\\) are shown in open files the scan skips`));
      }
      assert.ok(!JSON.stringify(summary).includes(SECRET));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      for (const uri of [ignored, outside]) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
  });
});
