/**
 * Large documents in a real extension host: a full scan of a document over 128 KB runs in slices (so it never
 * holds the extension host for long; `npm run bench` measures how long at most) and must still find everything a
 * single scan finds; a file made of secrets shows at most 1,000 of them plus one summary. Secrets here are fake
 * values made for these tests.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, eventually, vendazeDiagnostics } from './leakSupport';

const SECRET = 'Lq7Tz2Wm9Kx4Rb8Vn3Pc6Hd1'; // vendaze:allow (test data)

suite('leak detection in large documents', () => {
  teardown(closeAll);

  test('a 3 MB document is scanned in slices: secrets at its start, middle and end are all found, and edits rescan it', async () => {
    const filler = 'const total = items.reduce((sum, item) => sum + item.price, 0);\n'.repeat(16_000); // ~1 MB
    const line = (n: number) => `VENDAZE_CLIENT_SECRET_${n}=${SECRET}${n}\n`;
    const content = `${line(1)}${filler}${line(2)}${filler}${filler}${line(3)}`;
    const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content });
    const editor = await vscode.window.showTextDocument(document);
    const lines = await eventually('three diagnostics', () => {
      const found = vendazeDiagnostics(document.uri);
      return found.length === 3 && found.map((d) => d.range.start.line).sort((a, b) => a - b);
    });
    assert.deepEqual(lines, [0, 16_001, 48_002]);
    // An edit near the end of the document: the finding there goes, the others stay.
    const last = document.lineAt(48_002).range;
    await editor.edit((edit) => edit.delete(last));
    await eventually('the last finding to go', () => vendazeDiagnostics(document.uri).length === 2);
  });

  test('a document made of secrets shows the first 1,000 and one summary', async () => {
    const content = Array.from({ length: 1_200 }, (_, i) => `VENDAZE_CLIENT_SECRET_${i}=${SECRET}${i}\n`).join('');
    const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content });
    await vscode.window.showTextDocument(document);
    const found = await eventually('1,001 diagnostics', () => {
      const list = vendazeDiagnostics(document.uri);
      return list.length === 1_001 && list;
    });
    const summary = found.find((d) => /^200 more possible secrets/.test(d.message));
    assert.ok(summary, 'a summary diagnostic');
    assert.equal(summary.range.start.line, 1_000);
    assert.ok(found.every((d) => !d.message.includes(SECRET)));
  });
});
