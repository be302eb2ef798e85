import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePayload } from '../../src/payloads/parse';
import { parseFieldPath, problemsFromFields } from '../../src/payloads/ranges';
import { parseTree } from 'jsonc-parser';
import { registerTemplate, rotateTemplate, payloadFileName } from '../../src/payloads/templates';
import type { AppRecord } from '../../src/apps/registry';

const CLIENT_ID = '9a8b7c6d-5e4f-3a2b-1c0d-9e8f7a6b5c4d';

const rotate = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify(
    {
      $kind: 'rotate',
      client_id: CLIENT_ID,
      app_name: 'My Integration v2',
      redirect_uris: ['https://yourapp.com/oauth/callback'],
      scopes: ['people:read', 'deals:write'],
      ...overrides,
    },
    null,
    2,
  );

/** The text the problem's span covers, so tests say WHERE a problem is in terms a reader can check. */
function problemsAt(text: string) {
  const parsed = parsePayload(text);
  assert.equal(parsed.ok, false, 'expected problems');
  if (parsed.ok) return [];
  return parsed.problems.map((p) => ({ text: text.slice(p.offset, p.offset + p.length), message: p.message, path: p.path }));
}

describe('parsePayload: valid documents', () => {
  test('a rotate payload becomes a rotate request without $kind', () => {
    const parsed = parsePayload(rotate());
    assert.ok(parsed.ok);
    assert.equal(parsed.request.kind, 'rotate');
    assert.equal('$kind' in parsed.request.body, false);
    assert.equal(parsed.request.body.app_name, 'My Integration v2');
  });

  test('the register template is valid as generated, and so is a rotate template from an app record', () => {
    const reg = parsePayload(registerTemplate());
    assert.ok(reg.ok && reg.request.kind === 'register');
    const app: AppRecord = {
      clientId: CLIENT_ID,
      appName: 'Demo',
      email: 'dev@demo.test',
      description: 'd',
      redirectUris: ['http://localhost:3000/cb'],
      scopes: ['people:read'],
      apiBaseUrl: 'http://127.0.0.1:1',
      addedAt: '2026-01-01T00:00:00Z',
    };
    const rot = parsePayload(rotateTemplate(app));
    assert.ok(rot.ok && rot.request.kind === 'rotate');
    assert.deepEqual(rot.request.body, {
      client_id: CLIENT_ID,
      app_name: 'Demo',
      description: 'd',
      email: 'dev@demo.test',
      redirect_uris: ['http://localhost:3000/cb'],
      scopes: ['people:read'],
    });
  });

  test('file names are slugs with the payload suffix', () => {
    assert.equal(payloadFileName('My SaaS v2!', 'register'), 'my-saas-v2.vendaze-app.json');
    assert.equal(payloadFileName('My SaaS v2!', 'rotate'), 'my-saas-v2-rotate.vendaze-app.json');
    assert.equal(payloadFileName('***', 'register'), 'vendaze-app.vendaze-app.json');
  });
});

describe('parsePayload: every documented rule lands on the offending value', () => {
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['app_name over 100 characters', { app_name: 'x'.repeat(101) }, JSON.stringify('x'.repeat(101)), /at most 100/],
    ['empty app_name', { app_name: '' }, '""', /must not be empty/],
    ['description over 500 characters', { description: 'd'.repeat(501) }, JSON.stringify('d'.repeat(501)), /at most 500/],
    ['plain http redirect URI', { redirect_uris: ['http://yourapp.com/cb'] }, '"http://yourapp.com/cb"', /only https/],
    ['wildcard redirect URI', { redirect_uris: ['https://*.yourapp.com/cb'] }, '"https://*.yourapp.com/cb"', /wildcard/],
    ['pattern redirect URI', { redirect_uris: ['https://yourapp.com/{tenant}/cb'] }, '"https://yourapp.com/{tenant}/cb"', /pattern/],
    ['no redirect URI', { redirect_uris: [] }, '[]', /at least one/],
    ['unknown scope', { scopes: ['people:read', 'people:admin'] }, '"people:admin"', /Unknown scope "people:admin"/],
    ['no scope', { scopes: [] }, '[]', /at least one/],
    ['avatar that is not WebP', { avatar_url: 'https://yourapp.com/logo.png' }, '"https://yourapp.com/logo.png"', /WebP/],
    ['avatar over http', { avatar_url: 'http://yourapp.com/logo.webp' }, '"http://yourapp.com/logo.webp"', /https/],
    ['client_id that is not a UUID', { client_id: 'abc' }, '"abc"', /UUID/],
  ];
  for (const [name, overrides, expectedText, message] of cases) {
    test(name, () => {
      const problems = problemsAt(rotate(overrides));
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.equal(problems[0].text, expectedText);
      assert.match(problems[0].message, message);
    });
  }

  test('localhost and 127.0.0.1 may use http', () => {
    assert.ok(parsePayload(rotate({ redirect_uris: ['http://localhost:8080/cb', 'http://127.0.0.1/cb'] })).ok);
  });

  test('a duplicate redirect URI is flagged on the second occurrence', () => {
    const text = rotate({ redirect_uris: ['https://a.example/cb', 'https://b.example/cb', 'https://a.example/cb'] });
    const [problem] = problemsAt(text);
    assert.deepEqual(problem.path, ['redirect_uris', 2]);
    assert.match(problem.message, /Duplicate redirect URI/);
    // The span is the third element, not the first one with the same text.
    const parsed = parsePayload(text);
    assert.ok(!parsed.ok);
    assert.equal(parsed.problems[0].offset, text.lastIndexOf('"https://a.example/cb"'));
  });

  test('a duplicate scope is flagged', () => {
    const [problem] = problemsAt(rotate({ scopes: ['people:read', 'people:read'] }));
    assert.deepEqual(problem.path, ['scopes', 1]);
    assert.match(problem.message, /Duplicate scope/);
  });

  test('a missing required field points at the opening brace of the object', () => {
    const text = rotate({ app_name: undefined });
    const problems = problemsAt(text);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].text, '{');
    assert.match(problems[0].message, /app_name is required/);
  });

  test('an unknown field is flagged on its key', () => {
    const problems = problemsAt(rotate({ client_secret: 'oops' }));
    assert.equal(problems.length, 1);
    assert.equal(problems[0].text, '"client_secret"');
    assert.match(problems[0].message, /Unknown field "client_secret"/);
  });

  test('a missing or wrong $kind is explained', () => {
    assert.match(problemsAt(rotate({ $kind: 'update' }))[0].message, /"register".*"rotate"/);
    assert.equal(problemsAt(rotate({ $kind: 'update' }))[0].text, '"update"');
    assert.match(problemsAt('[]')[0].message, /JSON object/);
  });

  test('register needs an email and rejects a malformed one', () => {
    const text = JSON.stringify({ $kind: 'register', app_name: 'A', email: 'not-an-email', redirect_uris: ['https://a.example/cb'], scopes: ['people:read'] });
    const [problem] = problemsAt(text);
    assert.equal(problem.text, '"not-an-email"');
    assert.match(problem.message, /valid email/);
  });

  test('several problems are all reported', () => {
    const problems = problemsAt(rotate({ app_name: '', scopes: ['nope'], redirect_uris: ['ftp://x'] }));
    assert.deepEqual(
      problems.map((p) => p.path.join('.')),
      ['app_name', 'redirect_uris.0', 'scopes.0'],
    );
  });
});

describe('parsePayload: not JSON', () => {
  test('a syntax error is reported where it is, and nothing validates', () => {
    const text = '{\n  "$kind": "rotate",\n  "app_name": "x" "scopes": []\n}';
    const parsed = parsePayload(text);
    assert.ok(!parsed.ok);
    assert.match(parsed.problems[0].message, /Comma expected/);
    assert.equal(text.slice(parsed.problems[0].offset).startsWith('"scopes"'), true);
  });

  test('comments and trailing commas are refused (the body is sent as JSON)', () => {
    assert.match((parsePayload('{ // c\n "a": 1 }') as { problems: { message: string }[] }).problems[0].message, /Comments/);
    assert.equal(parsePayload('{ "a": 1, }').ok, false);
  });

  test('an empty document says so', () => {
    const parsed = parsePayload('   ');
    assert.ok(!parsed.ok);
    assert.match(parsed.problems[0].message, /empty/);
  });
});

describe('422 fields mapped onto the document', () => {
  test('field paths parse like the server writes them', () => {
    assert.deepEqual(parseFieldPath('redirect_uris[1]'), ['redirect_uris', 1]);
    assert.deepEqual(parseFieldPath('emails[0].email'), ['emails', 0, 'email']);
    assert.deepEqual(parseFieldPath('body'), []);
    assert.deepEqual(parseFieldPath('app_name'), ['app_name']);
  });

  test('each field lands on its value; unknown fields fall back to the nearest ancestor', () => {
    const text = rotate();
    const root = parseTree(text);
    const problems = problemsFromFields(root, { 'redirect_uris[0]': 'Not registered.', 'scopes[5]': 'Nope.', body: 'Bad.' });
    const covered = problems.map((p) => text.slice(p.offset, p.offset + p.length));
    assert.deepEqual(covered, ['"https://yourapp.com/oauth/callback"', '[', '{']);
    assert.match(problems[0].message, /^Vendaze: Not registered\./);
  });
});
