import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  REDIRECT_URI_PATTERN,
  RegisterAppRequestSchema,
  RegisterAppResponseSchema,
  RotateAppRequestSchema,
  RotateAppResponseSchema,
  SCOPES,
  SCOPE_DESCRIPTIONS,
  redirectUriProblem,
} from '../../src/schemas';
import { fieldsOf } from './support/schemaFields';

const validRegister = {
  app_name: 'My SaaS',
  email: 'dev@mysaas.com',
  description: 'Syncs contacts.',
  redirect_uris: ['https://mysaas.com/callback/vendaze', 'http://127.0.0.1:53682/callback'],
  scopes: ['people:read', 'deals:write'],
  avatar_url: 'https://mysaas.com/assets/logo.webp',
};
const validRotate = {
  client_id: '9a8b7c6d-5e4f-3a2b-1c0d-9e8f7a6b5c4d',
  app_name: 'My Integration v2',
  description: 'Updated description for My Integration',
  avatar_url: 'https://yourapp.com/assets/vendaze-avatar-v2.webp',
  redirect_uris: ['https://yourapp.com/oauth/callback'],
  scopes: ['people:read', 'people:write', 'deals:read', 'deals:write'],
};

describe('RegisterAppRequestSchema', () => {
  test('accepts the documented example with every optional field', () => {
    assert.deepEqual(fieldsOf(RegisterAppRequestSchema, validRegister), {});
  });
  test('accepts the minimal body (optional fields left out)', () => {
    const { description: _d, avatar_url: _a, ...minimal } = validRegister;
    assert.deepEqual(fieldsOf(RegisterAppRequestSchema, minimal), {});
  });

  // [override, field key, message pattern]
  const invalid: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['missing app_name', { app_name: undefined }, 'app_name', /app_name is required/],
    ['empty app_name', { app_name: '' }, 'app_name', /must not be empty/],
    ['blank app_name', { app_name: '   ' }, 'app_name', /must not be blank/],
    ['101-char app_name', { app_name: 'a'.repeat(101) }, 'app_name', /at most 100 characters/],
    ['numeric app_name', { app_name: 42 }, 'app_name', /must be a string/],
    ['missing email', { email: undefined }, 'email', /email is required/],
    ['bad email', { email: 'dev-at-mysaas.com' }, 'email', /valid email address/],
    ['501-char description', { description: 'd'.repeat(501) }, 'description', /at most 500 characters/],
    ['missing redirect_uris', { redirect_uris: undefined }, 'redirect_uris', /redirect_uris is required/],
    ['redirect_uris not an array', { redirect_uris: 'https://a.com/cb' }, 'redirect_uris', /must be an array/],
    ['empty redirect_uris', { redirect_uris: [] }, 'redirect_uris', /at least one URI/],
    ['http to a public host', { redirect_uris: ['http://mysaas.com/cb'] }, 'redirect_uris[0]', /only https is allowed/],
    ['http to ::1', { redirect_uris: ['http://[::1]:8080/cb'] }, 'redirect_uris[0]', /only https is allowed/],
    ['http to localhost.evil.com', { redirect_uris: ['http://localhost.evil.com/cb'] }, 'redirect_uris[0]', /only https/],
    ['ftp scheme', { redirect_uris: ['ftp://mysaas.com/cb'] }, 'redirect_uris[0]', /must use https/],
    ['custom scheme', { redirect_uris: ['vscode://vendaze/cb'] }, 'redirect_uris[0]', /must use https/],
    ['wildcard host', { redirect_uris: ['https://*.mysaas.com/cb'] }, 'redirect_uris[0]', /wildcard/],
    ['wildcard path', { redirect_uris: ['https://mysaas.com/cb/*'] }, 'redirect_uris[0]', /wildcard/],
    ['template pattern', { redirect_uris: ['https://mysaas.com/{tenant}/cb'] }, 'redirect_uris[0]', /pattern/],
    ['fragment', { redirect_uris: ['https://mysaas.com/cb#x'] }, 'redirect_uris[0]', /fragment/],
    ['relative URI', { redirect_uris: ['/callback'] }, 'redirect_uris[0]', /not an absolute URL/],
    ['spaces', { redirect_uris: ['https://mysaas.com/a b'] }, 'redirect_uris[0]', /spaces/],
    ['sloppy slashes', { redirect_uris: ['https:/mysaas.com/cb'] }, 'redirect_uris[0]', /exactly/],
    ['uppercase scheme', { redirect_uris: ['HTTPS://mysaas.com/cb'] }, 'redirect_uris[0]', /exactly/],
    // Found by the property test below: the URL parser turns https:///0 into host "0".
    ['empty authority', { redirect_uris: ['https:///0'] }, 'redirect_uris[0]', /exactly/],
    ['empty URI', { redirect_uris: [''] }, 'redirect_uris[0]', /must not be empty/],
    ['non-string URI', { redirect_uris: [7] }, 'redirect_uris[0]', /must be a string/],
    ['duplicate URI', { redirect_uris: ['https://a.com/cb', 'https://a.com/cb'] }, 'redirect_uris[1]', /Duplicate redirect URI/],
    ['missing scopes', { scopes: undefined }, 'scopes', /scopes is required/],
    ['empty scopes', { scopes: [] }, 'scopes', /at least one scope/],
    ['unknown scope', { scopes: ['people:delete'] }, 'scopes[0]', /Unknown scope "people:delete"/],
    ['scope string instead of list', { scopes: 'people:read' }, 'scopes', /must be an array/],
    ['duplicate scope', { scopes: ['people:read', 'people:read'] }, 'scopes[1]', /Duplicate scope/],
    ['avatar not https', { avatar_url: 'http://mysaas.com/logo.webp' }, 'avatar_url', /https/],
    ['avatar png', { avatar_url: 'https://mysaas.com/logo.png' }, 'avatar_url', /WebP/],
    ['avatar not a URL', { avatar_url: 'logo.webp' }, 'avatar_url', /not an absolute URL/],
    ['avatar data URI ([L] only)', { avatar_url: 'data:image/webp;base64,AAAA' }, 'avatar_url', /https/],
    ['unknown field', { scope: ['people:read'] }, 'body', /Unknown field\(s\) for register-app: scope/],
  ];
  for (const [name, override, key, message] of invalid) {
    test(`rejects ${name}`, () => {
      const fields = fieldsOf(RegisterAppRequestSchema, { ...validRegister, ...override });
      assert.match(fields[key] ?? `(no message for ${key}: ${JSON.stringify(fields)})`, message);
    });
  }

  for (const body of [null, [], 'x', 3]) {
    test(`rejects a non-object body ${JSON.stringify(body)}`, () => {
      assert.match(fieldsOf(RegisterAppRequestSchema, body).body ?? '', /must be a JSON object/);
    });
  }

  const acceptedUris = [
    'http://localhost/cb',
    'http://localhost:53682/callback',
    'http://127.0.0.1',
    'http://127.0.0.1:53682/callback?x=1',
    'https://mysaas.com',
    'https://mysaas.com:8443/a/b?c=d',
    'https://sub.mysaas.com/callback/vendaze',
  ];
  for (const uri of acceptedUris) {
    test(`accepts redirect URI ${uri}`, () => {
      assert.deepEqual(fieldsOf(RegisterAppRequestSchema, { ...validRegister, redirect_uris: [uri] }), {});
    });
  }

  test('every scope is accepted and described', () => {
    assert.deepEqual(fieldsOf(RegisterAppRequestSchema, { ...validRegister, scopes: [...SCOPES] }), {});
    for (const scope of SCOPES) assert.ok(SCOPE_DESCRIPTIONS[scope].length > 5, scope);
  });

  test('property: a redirect URI the refinement accepts also matches the JSON-schema pattern', () => {
    const pattern = new RegExp(REDIRECT_URI_PATTERN);
    const uris = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.constantFrom('http://', 'https://', 'http://localhost', 'http://127.0.0.1', 'HTTP://', 'https:/').chain((head) =>
        fc.string({ maxLength: 30 }).map((tail) => head + tail),
      ),
    );
    fc.assert(
      fc.property(uris, (uri) => {
        if (redirectUriProblem(uri) === undefined) assert.match(uri, pattern);
      }),
      { numRuns: 500 },
    );
  });

  test('property: https URLs without fragments are accepted, and adding a fragment or * rejects them', () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['https'], withQueryParameters: true }), (uri) => {
        fc.pre(!uri.includes('*') && !/[{}]/.test(uri));
        assert.equal(redirectUriProblem(uri), undefined, uri);
        assert.match(redirectUriProblem(`${uri}#frag`) ?? '', /fragment/);
        assert.match(redirectUriProblem(`${uri}*`) ?? '', /wildcard/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('RotateAppRequestSchema', () => {
  test('accepts the rotate guide example', () => {
    assert.deepEqual(fieldsOf(RotateAppRequestSchema, validRotate), {});
  });
  test('accepts the [L] email proof of ownership', () => {
    assert.deepEqual(fieldsOf(RotateAppRequestSchema, { ...validRotate, email: 'dev@yourapp.com' }), {});
  });
  const invalid: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['missing client_id', { client_id: undefined }, 'client_id', /client_id is required/],
    ['non-uuid client_id', { client_id: 'abc' }, 'client_id', /must be a UUID/],
    ['missing app_name', { app_name: undefined }, 'app_name', /required/],
    ['missing redirect_uris', { redirect_uris: undefined }, 'redirect_uris', /required/],
    ['missing scopes', { scopes: undefined }, 'scopes', /required/],
    ['http redirect', { redirect_uris: ['http://yourapp.com/cb'] }, 'redirect_uris[0]', /only https/],
    ['unknown scope', { scopes: ['everything'] }, 'scopes[0]', /Unknown scope/],
    ['bad [L] email', { email: 'x' }, 'email', /valid email/],
    ['avatar gif', { avatar_url: 'https://yourapp.com/a.gif' }, 'avatar_url', /WebP/],
    ['unknown field', { client_secret: 's3cret' }, 'body', /Unknown field\(s\) for rotate-app: client_secret/],
  ];
  for (const [name, override, key, message] of invalid) {
    test(`rejects ${name}`, () => {
      const fields = fieldsOf(RotateAppRequestSchema, { ...validRotate, ...override });
      assert.match(fields[key] ?? JSON.stringify(fields), message);
    });
  }
});

describe('app responses', () => {
  const variants: Array<[string, unknown]> = [
    ['[P] register', { data: { app_name: 'My SaaS', client_id: '9a8b7c6d-5e4f-3a2b-1c0d-9e8f7a6b5c4d', message: 'Credentials sent to dev@mysaas.com' } }],
    ['[L] register with avatar', { data: { app_name: 'My SaaS', client_id: '9a8b7c6d-5e4f-3a2b-1c0d-9e8f7a6b5c4d', avatar_url: 'https://storage.vendaze.com/a.jpg', message: 'Credentials sent by email.' } }],
    ['extra fields', { data: { app_name: 'x', client_id: 'id', message: 'm', created_at: 'now' }, meta: {} }],
  ];
  for (const [name, body] of variants) {
    test(`accepts ${name}`, () => {
      assert.ok(RegisterAppResponseSchema.safeParse(body).success);
      assert.ok(RotateAppResponseSchema.safeParse(body).success);
    });
  }
  for (const [name, body] of [
    ['no data', { app_name: 'x' }],
    ['no client_id', { data: { app_name: 'x', message: 'm' } }],
    ['error envelope', { error: { code: 'conflict', message: 'taken' } }],
  ] as const) {
    test(`rejects ${name}`, () => assert.equal(RegisterAppResponseSchema.safeParse(body).success, false));
  }
});
