/**
 * Configuration and refresh problems in the display language (docs/localization.md, "Two texts for one event"): a
 * bad vendaze.apiBaseUrl, a host the person refused secrets to, a session whose app lost its client_secret. With
 * the pt-br bundle installed the person reads Portuguese; `message` (the log, the MCP proxy's answers) stays English.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBaseUrl } from '../../src/api/baseUrl';
import { VendazeClient } from '../../src/api/client';
import { userFacingMessage, VendazeApiError } from '../../src/api/errors';
import { makeRefreshFn } from '../../src/auth/refreshFn';
import type { StoredSession } from '../../src/auth/sessionStore';
import { inPortuguese } from './support/portuguese';

describe('configuration problems in the display language', () => {
  test('vendaze.apiBaseUrl over plain http off loopback: Portuguese for the person, English for the log', () => {
    const result = inPortuguese(() => parseBaseUrl('http://vendaze.example.com'));
    assert.ok(!result.ok);
    assert.equal(
      result.userMessage,
      'Recusando http simples para vendaze.example.com: segredos de cliente e tokens trafegariam pela rede sem criptografia. Use https, ou http apenas para 127.0.0.1/localhost (o sandbox local).',
    );
    assert.match(result.message, /^Refusing plain http to vendaze\.example\.com: /);
    const english = parseBaseUrl('ftp://x.example');
    assert.ok(!english.ok);
    assert.equal(english.userMessage, english.message, 'without a translator both are English');
  });

  test('a call with a bad base URL fails as a config error the person reads in Portuguese', async () => {
    await inPortuguese(async () => {
      const client = new VendazeClient({ baseUrl: 'https://user:pw@vendaze.example.com' });
      const error = await client.me('token').then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof VendazeApiError && error.kind === 'config');
      assert.equal(error.userMessage(), 'vendaze.apiBaseUrl não pode conter credenciais.');
      assert.match(error.message, /vendaze\.apiBaseUrl must not contain credentials\./);
    });
  });

  test('a host the person refused secrets to', async () => {
    await inPortuguese(async () => {
      const client = new VendazeClient({ baseUrl: 'https://vendaze.attacker.example', confirmSecretHost: async () => false });
      const error = await client.me('token').then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof VendazeApiError && error.kind === 'config');
      assert.match(error.userMessage(), /^Nada foi enviado: você não permitiu o envio de segredos do Vendaze para vendaze\.attacker\.example\. /);
      assert.match(error.message, /Nothing was sent: you did not allow sending Vendaze secrets to vendaze\.attacker\.example\./);
    });
  });

  test('a refresh whose app has no client_secret: Portuguese through userFacingMessage, English message', async () => {
    const session = { id: 's1', clientId: 'vz_app', workspaceSlug: 'acme', apiBaseUrl: 'http://127.0.0.1:1', refreshToken: 'r' } as StoredSession;
    const refresh = makeRefreshFn(async () => undefined, () => assert.fail('no request without a secret'));
    const error = await inPortuguese(() => refresh(session).then(() => undefined, (e: unknown) => e));
    assert.equal(userFacingMessage(error), 'Não é possível renovar a sessão de acme: o client_secret de vz_app não está armazenado. Defina-o (visão Aplicativos) e tente de novo.');
    assert.equal((error as Error).message, 'Cannot refresh the acme session: the client_secret of vz_app is not stored. Set it (Apps view) and try again.');
  });
});
