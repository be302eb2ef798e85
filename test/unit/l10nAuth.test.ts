/**
 * Sign-in failures in the display language (docs/localization.md): with the pt-br bundle installed as the translator
 * (vscode.l10n.t's lookup), the real failures come out in Portuguese, while `english` (the log and the audit record)
 * and everything without a translator stay the English text, byte for byte.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { VendazeApiError } from '../../src/api/errors';
import { callbackError, SignInAttempts } from '../../src/auth/attempts';
import { SignInError } from '../../src/auth/errors';
import { startLoopbackServer } from '../../src/auth/loopbackServer';
import { planRedirect } from '../../src/auth/redirect';
import { endedText, withheldError, withheldText } from '../../src/auth/refreshUnknown';
import { exchangeError } from '../../src/auth/signInFlow';
import { english, l10n } from '../../src/common/l10n';
import type { RunningSandbox } from '../../src/sandbox/types';
import { clientFor, registerTestApp, REDIRECT_URI, startApiSandbox } from './support/apiSandbox';
import { inPortuguese } from './support/portuguese';

/** A real invalid_grant: a made-up code sent to the sandbox's /oauth/token. */
async function invalidGrant(sandbox: RunningSandbox): Promise<VendazeApiError> {
  const { client } = clientFor(sandbox);
  const app = await registerTestApp(client, sandbox);
  const params = { clientId: app.clientId, clientSecret: app.clientSecret, code: 'not-a-code', redirectUri: REDIRECT_URI, codeVerifier: 'v'.repeat(64) };
  const error = await client.exchangeCode(params).then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof VendazeApiError && error.code === 'invalid_grant', `expected invalid_grant, got ${String(error)}`);
  return error;
}

/** A port someone else holds. */
async function busyPort(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const NO_HANDLER = { loopbackPort: 53682 };

describe('sign-in failures in the display language', () => {
  let sandbox: RunningSandbox;
  before(async () => {
    sandbox = await startApiSandbox();
  });
  after(() => sandbox.close());

  test('no usable redirect URI: Portuguese for the person, English for the log', () => {
    const result = inPortuguese(() => planRedirect('uriHandler', NO_HANDLER, []));
    assert.ok(!result.ok);
    assert.equal(
      result.message,
      'Nenhuma URI de redirecionamento utilizável para a entrada: este VS Code não dá um endereço http(s) ao seu URI handler. ' +
        'Defina vendaze.auth.redirectStrategy como "loopback", ou defina vendaze.auth.redirectBounceUrl com uma página https que encaminhe ao VS Code.',
    );
    // The rule's own words (src/schemas/appRules.ts) follow the display language too.
    const http = inPortuguese(() => planRedirect('bounce', { ...NO_HANDLER, bounceUrl: 'http://example.com/bounce' }, []));
    assert.ok(!http.ok);
    assert.match(http.message, /^Nenhuma URI de redirecionamento utilizável para a entrada: A URI de redirecionamento "http:\/\/example\.com\/bounce" usa http/);
    const logged = inPortuguese(() => planRedirect('uriHandler', NO_HANDLER, [], english));
    assert.ok(!logged.ok);
    assert.equal(logged.message, planRedirectEnglish());
  });

  test('not registered, with a near miss: two Portuguese sentences', () => {
    const result = inPortuguese(() => planRedirect('loopback', NO_HANDLER, ['http://127.0.0.1:53682/callback/']));
    assert.ok(!result.ok);
    assert.equal(
      result.message,
      'Este aplicativo não tem URI de redirecionamento registrada que a entrada possa usar aqui. Registre exatamente http://127.0.0.1:53682/callback ' +
        '(faça a rotação do aplicativo com ela adicionada a redirect_uris) e depois entre de novo. http://127.0.0.1:53682/callback/ está registrada, ' +
        'mas o Vendaze compara as URIs de redirecionamento exatamente (barra final incluída).',
    );
  });

  test('an invalid_grant from the sandbox: Portuguese with the request id, English in `english`', async () => {
    const apiError = await invalidGrant(sandbox);
    assert.ok(apiError.requestId, 'the sandbox sends a request id');
    const error = inPortuguese(() => exchangeError(apiError));
    assert.equal(error.kind, 'exchange_failed');
    assert.equal(
      error.message,
      `O Vendaze recusou o código de autorização: ele expirou, já foi usado ou não corresponde a esta entrada (request id ${apiError.requestId}). ` +
        'Entre de novo (os códigos valem por poucos minutos e uma única vez).',
    );
    assert.equal(
      error.english,
      `Vendaze rejected the authorization code: it expired, was already used, or does not match this sign-in (request id ${apiError.requestId}). ` +
        'Sign in again (codes are valid for a few minutes and only once).',
    );
    assert.equal(exchangeError(apiError).message, error.english, 'without a translator the message is the English text');
    assert.equal(exchangeError(apiError).toResult().message, error.english);
  });

  test('a denial and an OAuth error code from the browser', () => {
    const denied = inPortuguese(() => callbackError('access_denied', 'call +1 555 0100'));
    assert.equal(denied.kind, 'access_denied');
    assert.equal(
      denied.message,
      'A autorização foi negada na página de consentimento do Vendaze, então nenhum token foi emitido. Entre de novo e clique em Autorizar para continuar.',
    );
    assert.ok(!denied.message.includes('555'));
    const other = inPortuguese(() => callbackError('made_up', undefined));
    assert.match(other.message, /^O navegador voltou com um erro em vez de um código de entrada\. Execute Vendaze: Entrar de novo/);
    const english = callbackError('access_denied', undefined);
    assert.equal(
      english.message,
      'Authorization was denied on the Vendaze consent page, so no tokens were issued. Sign in again and click Authorize to continue.',
    );
    assert.equal(english.english, english.message);
  });

  test('a timed-out attempt and a callback for it afterwards', async () => {
    const attempts = new SignInAttempts();
    const secrets = { verifier: 'v', redirectUri: REDIRECT_URI, clientId: 'c' };
    await inPortuguese(async () => {
      const handle = attempts.start(secrets, 5);
      const timedOut = await handle.result.then(() => assert.fail('no browser answered'), (e: unknown) => e as SignInError);
      assert.equal(timedOut.kind, 'timeout');
      assert.equal(timedOut.message, 'A entrada expirou após 0 s sem resposta do navegador. Execute Vendaze: Entrar de novo (o tempo limite é vendaze.auth.signInTimeoutSeconds).');
      assert.equal(timedOut.english, 'Sign-in timed out after 0 s without an answer from the browser. Run Vendaze: Sign In again (the timeout is vendaze.auth.signInTimeoutSeconds).');
      const late = attempts.deliver(new URLSearchParams({ state: handle.state, code: 'x' }));
      assert.ok(!late.ok);
      assert.equal(late.message, 'Esta tentativa de entrada expirou ou foi cancelada. Execute Vendaze: Entrar de novo.');
      assert.equal(late.english, 'This sign-in attempt has expired or was cancelled. Run Vendaze: Sign In again.');
    });
    const handle = attempts.start(secrets, 5);
    const timedOut = await handle.result.then(() => assert.fail('no browser answered'), (e: unknown) => e as SignInError);
    assert.equal(timedOut.message, timedOut.english);
    assert.match(timedOut.message, /^Sign-in timed out after 0 s without an answer from the browser\./);
  });

  test('Refresh Session words the ended and withheld refreshes again; the errors themselves stay English (log, MCP proxy)', () => {
    const until = '2026-12-02T11:00:00.000Z';
    const { ended, withheld, error } = inPortuguese(() => ({
      ended: endedText('invalid_grant', 'acme', l10n),
      withheld: withheldText('acme', until, l10n),
      error: withheldError({ id: 's1', workspaceSlug: 'acme' }, until),
    }));
    assert.match(ended, /^A sessão do Vendaze de acme terminou: o token de atualização dela não é mais válido/);
    assert.match(withheld, /^Não renovada: uma renovação anterior da sessão de acme ficou sem resposta.* até 2026-12-02T11:00:00\.000Z /);
    assert.equal(error.message, withheldText('acme', until));
    assert.match(error.message, /^Not refreshed: an earlier refresh of the acme session got no answer/);
    assert.equal(endedText('deleted', ''), 'This Vendaze session was signed out. Sign in again to get a new token.');
  });

  test('the loopback port is busy', async () => {
    const held = await busyPort();
    try {
      const start = () => startLoopbackServer({ port: held.port, path: '/callback', onCallback: () => ({ ok: true, kind: 'code' }) });
      await assert.rejects(inPortuguese(start), (e: unknown) => e instanceof SignInError && e.message.startsWith(`A porta ${held.port} em 127.0.0.1 está ocupada`));
      await assert.rejects(start(), (e: unknown) => e instanceof SignInError && e.message.startsWith(`Port ${held.port} on 127.0.0.1 is busy`));
    } finally {
      await held.close();
    }
  });
});

function planRedirectEnglish(): string {
  const result = planRedirect('uriHandler', NO_HANDLER, []);
  assert.ok(!result.ok);
  assert.equal(
    result.message,
    'No usable redirect URI for sign-in: this VS Code gives its URI handler no http(s) address. Set vendaze.auth.redirectStrategy to "loopback", or set vendaze.auth.redirectBounceUrl to an https page that forwards to VS Code.',
  );
  return result.message;
}
