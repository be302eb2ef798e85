/**
 * Rotate / revoke from a finding, in a real extension host. The composition root connects LeakRemediation to the
 * apps and auth features; here a second leak-detection instance (the same code the extension runs) gets known
 * secrets and a remediation that records what it is asked, which is exactly the contract the root wires against.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Logger } from '../../src/common/logger';
import { SecretRedactor } from '../../src/common/redact';
import { activateLeaks } from '../../src/leaks/activate';
import { InMemoryKnownSecrets } from '../../src/leaks/knownSecrets';
import { closeAll, eventually, quickFixes } from './leakSupport';

suite('leak detection: rotate and revoke a value the extension holds', () => {
  const CLIENT_ID = '6d1f0c52-3b8e-4a7d-9f21-c4e8a0b5d713';
  const HELD_SECRET = 'hx4Nc8Wq2Zr6Lt1Ym9Pb3Kd7'; // vendaze:allow (test data)
  const HELD_TOKEN = 'ht7Fs3Jk9Qw1Vx5Mn2Rc8Gb4'; // vendaze:allow (test data)
  let instance: ReturnType<typeof activateLeaks>;
  let known: InMemoryKnownSecrets;
  const calls: string[] = [];

  setup(() => {
    known = new InMemoryKnownSecrets();
    known.set([
      { value: HELD_SECRET, kind: 'client_secret', clientId: CLIENT_ID, label: 'Fixture app' },
      { value: HELD_TOKEN, kind: 'access_token', clientId: CLIENT_ID, label: 'Fixture app' },
    ]);
    const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };
    instance = activateLeaks({
      log: new Logger(quiet, new SecretRedactor()),
      knownSecrets: known,
      remediation: {
        rotate: async (clientId) => (calls.push(`rotate ${clientId}`), true),
        revoke: async (clientId) => (calls.push(`revoke ${clientId}`), true),
      },
    });
  });

  teardown(async () => {
    instance.disposable.dispose();
    known.dispose();
    calls.length = 0;
    await closeAll();
  });

  const heldDiagnostic = (uri: vscode.Uri, pattern: RegExp) =>
    eventually(`a diagnostic matching ${pattern}`, () => vscode.languages.getDiagnostics(uri).find((d) => d.source === 'Vendaze' && pattern.test(d.message)));

  for (const [name, value, title, command, call, cause] of [
    ['client_secret: rotate', HELD_SECRET, /Rotate this app's secret now \("Fixture app"\)/, 'vendaze.rotateLeakedSecret', 'rotate', 'rotated'],
    ['access token: revoke', HELD_TOKEN, /Revoke the tokens \("Fixture app"\)/, 'vendaze.revokeLeakedTokens', 'revoke', 'revoked'],
  ] as const) {
    test(`${name}, then the finding says the value is dead`, async () => {
      // A log line: no key, no Vendaze word. Only the exact match of a held value finds it.
      const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: `12:00:01 request failed with ${value}\n` });
      await vscode.window.showTextDocument(document);
      const live = await heldDiagnostic(document.uri, /Fixture app/);
      assert.equal(live.code, 'vendaze/known-secret');
      assert.ok(!live.message.includes(value));

      const action = (await quickFixes(document.uri, live.range)).find((a) => title.test(a.title));
      assert.ok(action?.command, 'no rotate/revoke quick fix');
      assert.equal(action.command.command, command);
      assert.ok(!JSON.stringify(action.command.arguments).includes(value), 'the value travels in command arguments');
      const result = await instance.commands[command](action.command.arguments![0]);
      assert.deepEqual(result, { done: true });
      assert.deepEqual(calls, [`${call} ${CLIENT_ID}`]);

      // The extension no longer holds the old value; the finding stays, and says it is dead.
      known.set([]);
      const dead = await heldDiagnostic(document.uri, new RegExp(`Dead Vendaze .*${cause}`));
      assert.equal(dead.severity, vscode.DiagnosticSeverity.Information);
      assert.ok(!dead.message.includes(value));
      const after = (await quickFixes(document.uri, dead.range)).map((a) => a.title);
      assert.ok(!after.some((t) => /Rotate|Revoke/.test(t)), after.join(' | '));
    });
  }
});
