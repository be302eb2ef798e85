/**
 * The sandbox's consent page follows the browser's language (Accept-Language: Portuguese -> pt-BR, else English),
 * over real HTTP; its API errors stay English whatever the browser asks for (they emulate Vendaze's).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { consentLanguage } from '../../src/sandbox/consentText';
import { assertError, authorizeParams, authorizePath, call, pkce, register, type TestApp } from './support/sandboxHttp';

const roomy = { authorize: { limit: 1000, windowSeconds: 60 }, token: { limit: 1000, windowSeconds: 60 }, revoke: { limit: 1000, windowSeconds: 60 }, register: { limit: 1000, windowSeconds: 3600 } };

describe('consentLanguage(Accept-Language)', () => {
  const cases: Array<[string | undefined, 'en' | 'pt-br']> = [
    ['pt-BR,pt;q=0.9,en;q=0.8', 'pt-br'],
    ['pt', 'pt-br'],
    ['pt-PT', 'pt-br'],
    ['PT-br', 'pt-br'],
    ['en-US,pt;q=0.5', 'en'],
    ['en;q=0.4, pt-BR;q=0.8', 'pt-br'],
    ['fr-FR,pt-BR;q=0.7', 'pt-br'],
    ['fr-FR,de;q=0.7', 'en'],
    ['pt;q=0, en', 'en'],
    ['*', 'en'],
    ['', 'en'],
    [undefined, 'en'],
    [';;;,,,q=', 'en'],
  ];
  for (const [header, expected] of cases) test(`${JSON.stringify(header)} -> ${expected}`, () => assert.equal(consentLanguage(header), expected));

  test('a hostile header is read only so far (bounded), and answers English', () => {
    assert.equal(consentLanguage(`${'x-'.repeat(500_000)},pt-BR`), 'en');
    assert.equal(consentLanguage(`${'fr,'.repeat(100)}pt-BR`), 'en', 'only the first entries count');
  });
});

describe('sandbox: consent page language', () => {
  let sb: RunningSandbox;
  let app: TestApp;
  before(async () => {
    sb = await startSandbox({ autoApprove: false, faults: { rateLimits: roomy } });
    app = await register(sb, ['people:read', 'people:write']);
  });
  after(() => sb.close());

  async function consent(acceptLanguage?: string) {
    const headers = acceptLanguage ? { 'accept-language': acceptLanguage } : undefined;
    const reply = await call(sb, 'GET', authorizePath(authorizeParams(app, pkce().challenge)), { headers });
    assert.equal(reply.status, 302);
    const location = new URL(reply.headers.location!);
    const page = await call(sb, 'GET', `${location.pathname}${location.search}`, { headers });
    assert.equal(page.status, 200);
    return { html: page.text, requestId: location.searchParams.get('request')! };
  }

  test('Portuguese browser: Portuguese page (lang, buttons, scope descriptions); the form is unchanged', async () => {
    const { html } = await consent('pt-BR,pt;q=0.9,en;q=0.8');
    assert.match(html, /<html lang="pt-BR">/);
    assert.match(html, /id="authorize" class="primary">Autorizar</);
    assert.match(html, /id="deny">Negar</);
    assert.match(html, /quer acessar seu workspace do Vendaze/);
    assert.match(html, /Ler pessoas \(contatos\) do workspace\./);
    assert.match(html, /name="action" value="approve"/, 'the submitted values stay the protocol values');
    assert.doesNotMatch(html, />Authorize</);
  });

  test('English or no preference: English page', async () => {
    for (const header of ['en-US,pt;q=0.5', undefined]) {
      const { html } = await consent(header);
      assert.match(html, /<html lang="en">/);
      assert.match(html, /id="authorize" class="primary">Authorize</);
      assert.match(html, /wants to access your Vendaze workspace/);
    }
  });

  test('a consent answer re-rendered with an error keeps the browser language', async () => {
    const { requestId } = await consent('pt-BR');
    const reply = await call(sb, 'POST', '/oauth/consent', { body: `request=${requestId}&action=approve`, contentType: 'application/x-www-form-urlencoded', headers: { 'accept-language': 'pt-BR' } });
    assert.equal(reply.status, 400);
    assert.match(reply.text, /Escolha um workspace\./);
  });

  test('API errors stay English for a Portuguese browser (they emulate Vendaze)', async () => {
    const reply = await call(sb, 'GET', authorizePath(authorizeParams(app, pkce().challenge, { state: undefined })), { headers: { 'accept-language': 'pt-BR' } });
    assertError(reply, 400, 'invalid_request', /Missing required parameter: state\./);
  });
});
