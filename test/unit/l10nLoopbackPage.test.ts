/**
 * The loopback listener's browser page in the display language (docs/localization.md): a real listener on
 * 127.0.0.1, fetched over HTTP, with the pt-br bundle installed as the translator and without one (English). The
 * callback query is hostile: none of it reaches the page, and the security headers stay whatever the language.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { SignInAttempts } from '../../src/auth/attempts';
import { startLoopbackServer, type LoopbackServer } from '../../src/auth/loopbackServer';
import { inPortuguese } from './support/portuguese';

const secrets = { verifier: 'v'.repeat(43), redirectUri: 'http://127.0.0.1/callback', clientId: 'c1' };
const HOSTILE = '<script>alert(1)</script> Call support at +1 555 0100 "now" & \'here\'';

/** One live attempt and a listener that delivers to it; `visit` fetches one address and closes everything after. */
async function visit(query: (state: string) => string, path = '/callback') {
  const attempts = new SignInAttempts();
  const attempt = attempts.start(secrets, 60_000);
  attempt.result.catch(() => undefined);
  const server: LoopbackServer = await startLoopbackServer({ port: 0, path: '/callback', onCallback: (p) => attempts.deliver(p) });
  try {
    const res = await request(`http://127.0.0.1:${server.port}${path}?${query(attempt.state)}`);
    return { status: res.statusCode, headers: res.headers, html: await res.body.text() };
  } finally {
    attempt.cancel();
    await server.close();
  }
}

/** The page's language, title and paragraphs, read back from the HTML (entities decoded, as a browser shows them). */
function read(html: string) {
  const decode = (text: string) => text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
  return {
    lang: /<html lang="([^"]*)">/.exec(html)?.[1],
    title: decode(/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? ''),
    h1: decode(/<h1>([^<]*)<\/h1>/.exec(html)?.[1] ?? ''),
    paragraphs: [...html.matchAll(/<p>([^<]*)<\/p>/g)].map((m) => decode(m[1]!)),
  };
}

/** The same headers in every language: no cache, no Referer, nothing loaded, no framing. */
function assertLockedDown(headers: Record<string, unknown>): void {
  assert.equal(headers['content-type'], 'text/html; charset=utf-8');
  assert.equal(headers['cache-control'], 'no-store');
  assert.equal(headers['referrer-policy'], 'no-referrer');
  assert.equal(headers['content-security-policy'], "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  assert.equal(headers['x-frame-options'], 'DENY');
}

/** The page holds our markup only: the one tag set the page is built from, and no text of the query. */
function assertNothingEchoed(html: string, ...values: string[]): void {
  assert.deepEqual([...new Set(html.match(/<\/?[a-z0-9!]+/gi))].sort(), ['<!doctype', '</body', '</h1', '</head', '</html', '</p', '</style', '</title', '<body', '<h1', '<head', '<html', '<meta', '<p', '<style', '<title']);
  for (const value of values) assert.equal(html.includes(value), false, `the page echoes ${JSON.stringify(value)}`);
}

describe('loopback page in Brazilian Portuguese', () => {
  test('signed in: lang pt-BR, Portuguese title and text, no code or state, same security headers', () =>
    inPortuguese(async () => {
      let state = '';
      const res = await visit((s) => `code=secret-code-123&state=${(state = s)}`);
      assert.equal(res.status, 200);
      assertLockedDown(res.headers);
      assert.deepEqual(read(res.html), { lang: 'pt-BR', title: 'Você entrou no Vendaze', h1: 'Você entrou no Vendaze', paragraphs: ['Você pode fechar esta aba e voltar ao VS Code.'] });
      assertNothingEchoed(res.html, 'secret-code-123', state);
    }));

  test('an OAuth error with a hostile error_description: our Portuguese sentence for the code, nothing of the description', () =>
    inPortuguese(async () => {
      const res = await visit((s) => new URLSearchParams({ error: 'server_error', error_description: HOSTILE, state: s }).toString());
      assert.equal(res.status, 200);
      assertLockedDown(res.headers);
      assert.deepEqual(read(res.html), {
        lang: 'pt-BR',
        title: 'Entrada não concluída',
        h1: 'Entrada não concluída',
        paragraphs: ['O Vendaze teve um erro interno durante a entrada. Entre de novo daqui a pouco.', 'Você pode fechar esta aba.'],
      });
      assertNothingEchoed(res.html, 'alert', '555', 'support', 'server_error');
    }));

  test('a hostile error code itself gets the generic sentence, unechoed', () =>
    inPortuguese(async () => {
      const res = await visit((s) => new URLSearchParams({ error: HOSTILE, state: s }).toString());
      assert.equal(read(res.html).paragraphs[0], 'O navegador voltou com um erro em vez de um código de entrada. Execute Vendaze: Entrar de novo; o log tem os detalhes.');
      assertNothingEchoed(res.html, 'alert', '555');
    }));

  test('a denial', () =>
    inPortuguese(async () => {
      const res = await visit((s) => `error=access_denied&error_description=${encodeURIComponent(HOSTILE)}&state=${s}`);
      assert.deepEqual(read(res.html), {
        lang: 'pt-BR',
        title: 'Entrada negada',
        h1: 'Entrada negada',
        paragraphs: ['A autorização foi negada, então o VS Code não recebeu nenhum token.', 'Você pode fechar esta aba.'],
      });
      assertNothingEchoed(res.html, 'alert', '555');
    }));

  test('refused callbacks: the Portuguese refusal, its quotes HTML-escaped', () =>
    inPortuguese(async () => {
      const missing = await visit(() => 'foo=bar');
      assert.equal(missing.status, 400);
      assertLockedDown(missing.headers);
      assert.match(missing.html, /<p>Falta &#34;state&#34; ou &#34;code&#34; neste callback de entrada: /);
      const stray = await visit(() => `code=c&state=${encodeURIComponent(HOSTILE)}`);
      assert.equal(stray.status, 400);
      assert.deepEqual(read(stray.html).paragraphs, ['Este callback de entrada não pertence a uma entrada iniciada nesta janela do VS Code (state desconhecido), então foi ignorado.']);
      assertNothingEchoed(stray.html, 'alert', '555');
    }));

  test('another path: 404 in Portuguese', () =>
    inPortuguese(async () => {
      const res = await visit(() => 'x=1', '/favicon.ico');
      assert.equal(res.status, 404);
      assertLockedDown(res.headers);
      assert.deepEqual(read(res.html), { lang: 'pt-BR', title: 'Não encontrado', h1: 'Não encontrado', paragraphs: ['Este endereço só recebe o redirecionamento de entrada do Vendaze.'] });
    }));
});

describe('loopback page in English (no translator: any other display language)', () => {
  test('signed in, an OAuth error and a refusal', async () => {
    const signedIn = await visit((s) => `code=c&state=${s}`);
    assert.deepEqual(read(signedIn.html), { lang: 'en', title: 'Signed in to Vendaze', h1: 'Signed in to Vendaze', paragraphs: ['You can close this tab and return to VS Code.'] });
    const error = await visit((s) => new URLSearchParams({ error: 'temporarily_unavailable', error_description: HOSTILE, state: s }).toString());
    assertLockedDown(error.headers);
    assert.deepEqual(read(error.html).paragraphs, ['Vendaze is temporarily unavailable. Sign in again in a moment.', 'You can close this tab.']);
    assertNothingEchoed(error.html, 'alert', '555');
    const stray = await visit(() => 'code=c&state=not-ours');
    assert.deepEqual(read(stray.html), {
      lang: 'en',
      title: 'Sign-in not completed',
      h1: 'Sign-in not completed',
      paragraphs: ['This sign-in callback does not belong to a sign-in started in this VS Code window (unknown state), so it was ignored.'],
    });
  });
});
