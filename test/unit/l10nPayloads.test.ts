/**
 * The payload editor's diagnostics, advice and submit preview, and the network advice, in Brazilian Portuguese: with the pt-br bundle installed
 * as the translator (what activate() does with vscode.l10n.t), the words the user reads while typing come out in
 * Portuguese, including the zod issues we word ourselves; without a translator they stay English (the other tests).
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatMessage, installTranslator } from '../../src/common/l10n';
import { parsePayload } from '../../src/payloads/parse';
import { leastPrivilegeAdvice } from '../../src/payloads/advice';
import { formatPreview, previewPayload } from '../../src/payloads/preview';
import { redirectUriProblem } from '../../src/schemas/appRules';
import { describeNetworkFailure } from '../../src/api/networkErrors';
import { classifyFailure } from '../../src/api/responses';
import { SecretRedactor } from '../../src/common/redact';

const root = join(__dirname, '..', '..', '..');
const bundlePt = JSON.parse(readFileSync(join(root, 'l10n/bundle.l10n.pt-br.json'), 'utf8')) as Record<string, string>;

const messages = (text: string) => {
  const parsed = parsePayload(text);
  assert.equal(parsed.ok, false, 'expected problems');
  return parsed.ok ? [] : parsed.problems.map((p) => p.message);
};
const register = (overrides: Record<string, unknown>) =>
  JSON.stringify({ $kind: 'register', app_name: 'CRM Sync', email: 'dev@acme.test', redirect_uris: ['https://acme.test/cb'], scopes: ['people:read'], ...overrides });

describe('payload words in pt-br', () => {
  before(() => installTranslator((message, ...args) => formatMessage(bundlePt[message] ?? message, args), 'pt-br'));
  after(() => installTranslator(undefined));

  test('JSON syntax errors', () => {
    assert.deepEqual(messages('{"$kind": "register",}').slice(0, 1), ['JSON inválido: Esperado um nome de propriedade (entre aspas duplas).']);
    assert.deepEqual(messages(''), ['O payload está vazio.']);
  });

  test('the zod issues we word: missing, wrong type, empty, too long, bad email, duplicates, unknown keys, $kind', () => {
    const { app_name: _drop, ...noName } = JSON.parse(register({})) as Record<string, unknown>;
    assert.deepEqual(messages(JSON.stringify(noName)), ['app_name é obrigatório.']);
    assert.deepEqual(messages(register({ scopes: 'people:read' })), ['scopes precisa ser uma lista de nomes de escopo.']);
    assert.deepEqual(messages(register({ redirect_uris: [] })), ['redirect_uris precisa conter pelo menos uma URI.']);
    assert.deepEqual(messages(register({ app_name: 'x'.repeat(101) })), ['app_name pode ter no máximo 100 caracteres.']);
    assert.deepEqual(messages(register({ email: 'nope' })), ['email precisa ser um endereço de email válido (por exemplo, dev@yourapp.com).']);
    assert.deepEqual(messages(register({ scopes: ['people:read', 'people:read'] })), ['Escopo "people:read" repetido.']);
    assert.deepEqual(messages(register({ scope: ['people:read'] })), ['Campo desconhecido "scope": ele não faz parte desta requisição.']);
    assert.match(messages(register({ $kind: 'update' }))[0]!, /^\$kind precisa ser "register"/);
    assert.match(messages('[]')[0]!, /^Um payload de aplicativo da Vendaze precisa ser um objeto JSON/);
  });

  test('the redirect URI and avatar rules in Portuguese in the editor, English in the schema (the sandbox 422s)', () => {
    assert.deepEqual(messages(register({ redirect_uris: ['https://acme.test/*'] })), ['A URI de redirecionamento "https://acme.test/*" contém um curinga (*): registre cada URI exata.']);
    assert.deepEqual(messages(register({ avatar_url: 'https://acme.test/logo.png' })), ['avatar_url precisa apontar para uma imagem WebP (um caminho terminado em .webp), de no máximo 400x400 px.']);
    assert.equal(redirectUriProblem('https://acme.test/*'), 'Redirect URI "https://acme.test/*" contains a wildcard (*): register each exact URI instead.');
  });

  test('least-privilege advice, with the scope description in Portuguese', () => {
    const [advice] = leastPrivilegeAdvice(['people:write']);
    assert.equal(advice?.message.startsWith('people:write permite ao aplicativo: criar, atualizar e excluir pessoas (contatos). Se ele só lê esses dados, people:read basta.'), true, advice?.message);
  });

  test('the submit preview', () => {
    const parsed = parsePayload(register({}));
    assert.ok(parsed.ok);
    const text = formatPreview(previewPayload(parsed.request, { sessionCount: 0, apiBaseUrl: 'http://127.0.0.1:1', advice: [] }));
    assert.match(text, /^Aplicativo:/m);
    assert.match(text, /^O que acontece:/m);
    assert.match(text, /A Vendaze envia o client_secret por email para dev@acme\.test\./);
  });
});

describe('network advice in pt-br', () => {
  before(() => installTranslator((message, ...args) => formatMessage(bundlePt[message] ?? message, args), 'pt-br'));
  after(() => installTranslator(undefined));
  const fetchFailed = (cause: object) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('x'), cause) });

  test('the person reads Portuguese; the log (detail, advice) stays English', () => {
    const proxy407 = fetchFailed({ message: 'Proxy response (407) !== 200 when HTTP Tunneling', code: 'UND_ERR_ABORTED' });
    const failure = describeNetworkFailure(proxy407, { host: 'api.vendaze.com', proxy: 'http://proxy:3128', settings: 'vscode' })!;
    assert.equal(failure.detail, 'the proxy http://proxy:3128 requires authentication (HTTP 407)');
    assert.equal(failure.userDetail, 'o proxy http://proxy:3128 exige autenticação (HTTP 407)');
    assert.match(failure.advice, /^Give the proxy your credentials/);
    assert.match(failure.userAdvice, /^Informe suas credenciais ao proxy/);
  });

  test('ECONNREFUSED, ENOTFOUND and an untrusted certificate through the API error the user sees', () => {
    const call = { method: 'GET', path: '/v1/people', host: '127.0.0.1:9', timeoutMs: 1000, redactor: new SecretRedactor(), cancelled: false, timedOut: false, settings: 'vscode' as const };
    const refused = classifyFailure(fetchFailed({ code: 'ECONNREFUSED' }), call);
    assert.equal(refused.message.includes('nothing accepts connections there (ECONNREFUSED)'), true, refused.message);
    assert.match(refused.userMessage(), /^Não foi possível alcançar 127\.0\.0\.1:9: nada aceita conexões ali \(ECONNREFUSED\)\. Verifique vendaze\.apiBaseUrl/);
    assert.match(classifyFailure(fetchFailed({ code: 'ENOTFOUND' }), call).userMessage(), /não foi possível resolver o nome do host \(ENOTFOUND\)/);
    const tls = classifyFailure(fetchFailed({ code: 'SELF_SIGNED_CERT_IN_CHAIN' }), { ...call, proxy: 'http://proxy:3128' });
    assert.match(tls.userMessage(), /o certificado TLS não é confiável \(SELF_SIGNED_CERT_IN_CHAIN\) \(pelo proxy http:\/\/proxy:3128\)\. Se um proxy ou firewall/);
  });
});
