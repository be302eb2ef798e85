import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Commands } from '../../src/commands/ids';
import { LEAK_SCHEMES } from '../../src/leaks/schemes';
import { TRUST_REASONS, untrustedMessage } from '../../src/trust/trustedCommands';

describe('Restricted Mode rules', () => {
  const ids = new Set<string>(Object.values(Commands));

  test('every trust-only command exists and has a reason', () => {
    for (const [id, reason] of Object.entries(TRUST_REASONS)) {
      assert.ok(ids.has(id), `${id} is not a command`);
      assert.ok((reason ?? '').length > 10, `${id} has no reason`);
    }
  });

  test('everything that sends a secret waits for trust; leak warnings and read-only views do not', () => {
    for (const id of [Commands.signIn, Commands.signOut, Commands.rotateApp, Commands.revokeToken, Commands.refreshSession, Commands.copyAccessToken, Commands.rotateLeakedSecret, Commands.revokeLeakedTokens]) {
      assert.ok(TRUST_REASONS[id], `${id} must wait for trust`);
    }
    for (const id of [Commands.showLog, Commands.copyClientId, Commands.openPayload, Commands.showAuditLog, Commands.stopSandbox]) {
      assert.equal(TRUST_REASONS[id], undefined, `${id} must work in Restricted Mode`);
    }
  });

  test('the message names what waits and what keeps working', () => {
    const text = untrustedMessage(TRUST_REASONS[Commands.signIn]!);
    assert.match(text, /trust this folder: signing in sends the app's client_secret/);
    assert.match(text, /leak warnings in open files keep working/);
  });

  test('quick fixes and diagnostics share one scheme list, virtual workspaces included', () => {
    assert.ok(LEAK_SCHEMES.includes('vscode-vfs'));
    assert.ok(LEAK_SCHEMES.includes('file'));
  });
});
