import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Commands } from '../../src/commands/ids';
import { LEAK_SCHEMES } from '../../src/leaks/schemes';
import { english } from '../../src/common/l10n';
import { TRUST_REASONS, untrustedMessage } from '../../src/trust/trustedCommands';
import { bundlePt, portuguese } from './support/portuguese';

describe('Restricted Mode rules', () => {
  const ids = new Set<string>(Object.values(Commands));

  test('every trust-only command exists and has a reason', () => {
    for (const [id, reason] of Object.entries(TRUST_REASONS)) {
      assert.ok(ids.has(id), `${id} is not a command`);
      assert.ok((reason?.(english) ?? '').length > 10, `${id} has no reason`);
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
    assert.equal(
      text,
      "Vendaze waits until you trust this folder: signing in sends the app's client_secret and a sign-in code to Vendaze. " +
        'Restricted Mode protects you from a repository you have not checked; leak warnings in open files keep working.',
    );
  });

  test('in Brazilian Portuguese: one whole translated sentence per command, then what Restricted Mode is for', () => {
    assert.equal(
      untrustedMessage(TRUST_REASONS[Commands.scanWorkspace]!, portuguese),
      'O Vendaze aguarda até você confiar nesta pasta: a varredura do workspace executa o git para respeitar o .gitignore. ' +
        'O Modo Restrito protege você de um repositório que você ainda não verificou; os avisos de vazamento em arquivos abertos continuam funcionando.',
    );
    for (const [id, reason] of Object.entries(TRUST_REASONS)) {
      const en = reason!(english);
      // The whole English sentence is the bundle key: a fragment would leave English inside the Portuguese.
      assert.ok(bundlePt[en], `${id}: no pt-br text for ${JSON.stringify(en)}`);
      assert.match(reason!(portuguese), /^O Vendaze aguarda até você confiar nesta pasta: \p{Ll}.+\.$/u, id);
      assert.match(untrustedMessage(reason!, portuguese), /\. O Modo Restrito protege você /, id);
    }
  });

  test('quick fixes and diagnostics share one scheme list, virtual workspaces included', () => {
    assert.ok(LEAK_SCHEMES.includes('vscode-vfs'));
    assert.ok(LEAK_SCHEMES.includes('file'));
  });
});
