import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { z } from 'zod';
import {
  AccessTokenClaimsSchema,
  AuthorizeParamsSchema,
  ErrorEnvelopeSchema,
  LEAST_PRIVILEGE,
  MeResponseSchema,
  PeopleListResponseSchema,
  PersonCreateSchema,
  REDIRECT_URI_PATTERN,
  RegisterAppRequestSchema,
  RegisterAppResponseSchema,
  RevokeResponseSchema,
  RotateAppRequestSchema,
  RotateAppResponseSchema,
  SCOPES,
  SCOPE_DESCRIPTIONS,
  TokenRequestSchema,
  TokenResponseSchema,
  fieldPath,
  fieldsFromZodError,
  isScope,
  redirectUriProblem,
  splitScopeParam,
} from '../../src/schemas';

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

/** Parses and returns the 422-style fields map ({} when valid). */
function fieldsOf(schema: z.ZodType, value: unknown): Record<string, string> {
  const result = schema.safeParse(value);
  return result.success ? {} : fieldsFromZodError(result.error);
}

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

describe('OAuth schemas', () => {
  const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
  const authorize = {
    client_id: '9a8b7c6d-5e4f-3a2b-1c0d-9e8f7a6b5c4d',
    redirect_uri: 'http://127.0.0.1:53682/callback',
    response_type: 'code',
    scope: 'people:read deals:write',
    state: 'xyz',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  };
  test('authorize params: the documented set is accepted', () => {
    assert.deepEqual(fieldsOf(AuthorizeParamsSchema, authorize), {});
  });
  const badAuthorize: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['plain PKCE', { code_challenge_method: 'plain' }, 'code_challenge_method', /S256/],
    ['missing challenge method', { code_challenge_method: undefined }, 'code_challenge_method', /S256/],
    ['short challenge', { code_challenge: 'abc' }, 'code_challenge', /43 characters/],
    ['token response type', { response_type: 'token' }, 'response_type', /"code"/],
    ['missing state', { state: undefined }, 'state', /state is required/],
    ['empty state', { state: '' }, 'state', /must not be empty/],
    ['unknown scope', { scope: 'people:read admin' }, 'scope', /Unknown scope\(s\): admin/],
    ['blank scope', { scope: '  ' }, 'scope', /at least one scope/],
  ];
  for (const [name, override, key, message] of badAuthorize) {
    test(`authorize params: rejects ${name}`, () => {
      assert.match(fieldsOf(AuthorizeParamsSchema, { ...authorize, ...override })[key] ?? '', message);
    });
  }

  test('token request: authorization_code and refresh_token grants', () => {
    const base = { client_id: authorize.client_id, client_secret: 'secret' };
    assert.ok(TokenRequestSchema.safeParse({ ...base, grant_type: 'authorization_code', code: 'c', redirect_uri: authorize.redirect_uri, code_verifier: verifier }).success);
    assert.ok(TokenRequestSchema.safeParse({ ...base, grant_type: 'refresh_token', refresh_token: 'r' }).success);
    assert.equal(TokenRequestSchema.safeParse({ ...base, grant_type: 'authorization_code', code: 'c', redirect_uri: 'x' }).success, false);
    assert.equal(TokenRequestSchema.safeParse({ ...base, grant_type: 'authorization_code', code: 'c', redirect_uri: 'x', code_verifier: 'short' }).success, false);
    assert.equal(TokenRequestSchema.safeParse({ ...base, grant_type: 'client_credentials' }).success, false);
  });

  test('token response: documented shape, extra fields tolerated, missing ones rejected', () => {
    const ok = { access_token: 'eyJ.a.b', refresh_token: 'eyJ.c.d', token_type: 'Bearer', expires_in: 3600, workspace_slug: 'acme-corp' };
    assert.ok(TokenResponseSchema.safeParse(ok).success);
    assert.ok(TokenResponseSchema.safeParse({ ...ok, token_type: 'bearer', scope: 'people:read' }).success);
    assert.equal(TokenResponseSchema.safeParse({ ...ok, workspace_slug: undefined }).success, false);
    assert.equal(TokenResponseSchema.safeParse({ ...ok, expires_in: '3600' }).success, false);
    assert.equal(TokenResponseSchema.safeParse({ ...ok, token_type: 'MAC' }).success, false);
  });

  test('revoke response: {revoked:true}, wrapped, or empty', () => {
    for (const body of [{ revoked: true }, { data: { revoked: true } }, {}, '', null, undefined]) {
      assert.ok(RevokeResponseSchema.safeParse(body).success, JSON.stringify(body));
    }
    assert.equal(RevokeResponseSchema.safeParse({ error: { code: 'x' } }).success, false);
  });

  test('access token claims carry workspace, client and scopes', () => {
    const claims = { iss: 'x', workspace_id: 'w', client_id: 'c', vendaze_scopes: ['people:read'], iat: 1, exp: 2 };
    assert.ok(AccessTokenClaimsSchema.safeParse(claims).success);
    assert.equal(AccessTokenClaimsSchema.safeParse({ ...claims, vendaze_scopes: undefined }).success, false);
  });

  test('scope helpers', () => {
    assert.deepEqual(splitScopeParam(' people:read  deals:write '), ['people:read', 'deals:write']);
    assert.equal(isScope('people:read'), true);
    assert.equal(isScope('people:admin'), false);
    for (const row of LEAST_PRIVILEGE) assert.ok(row.scopes.every(isScope), row.need);
  });
});

describe('errors and resources', () => {
  test('error envelope: documented example parses, unknown code and missing request_id tolerated', () => {
    const example = {
      error: { code: 'validation_error', message: 'Validation failed.', fields: { full_name: 'too long' }, request_id: '550e8400-e29b-41d4-a716-446655440000' },
    };
    assert.ok(ErrorEnvelopeSchema.safeParse(example).success);
    assert.ok(ErrorEnvelopeSchema.safeParse({ error: { code: 'teapot', message: 'x' } }).success);
    assert.equal(ErrorEnvelopeSchema.safeParse({ error: 'boom' }).success, false);
    assert.equal(ErrorEnvelopeSchema.safeParse({ data: {} }).success, false);
  });

  test('fieldPath formats nested paths', () => {
    assert.equal(fieldPath(['redirect_uris', 0]), 'redirect_uris[0]');
    assert.equal(fieldPath(['emails', 1, 'email']), 'emails[1].email');
    assert.equal(fieldPath([]), '');
  });

  test('GET /v1/me and people list shapes', () => {
    assert.ok(MeResponseSchema.safeParse({ status: 'ok', workspace_slug: 'acme-corp' }).success);
    assert.equal(MeResponseSchema.safeParse({ status: 'ok' }).success, false);
    const list = { data: [{ id: 'p1', full_name: 'Ana', created_at: '2026-05-26T14:00:00Z' }], meta: { total: 1, page: 1, per_page: 50, has_more: false } };
    assert.ok(PeopleListResponseSchema.safeParse(list).success);
    assert.equal(PeopleListResponseSchema.safeParse({ data: list.data }).success, false);
  });

  const badPeople: Array<[string, unknown, string, RegExp]> = [
    ['missing full_name', {}, 'full_name', /full_name is required/],
    ['71-char full_name', { full_name: 'x'.repeat(71) }, 'full_name', /at most 70/],
    ['bad email', { full_name: 'Ana', emails: [{ email: 'nope' }] }, 'emails[0].email', /valid email/],
    ['bad email type', { full_name: 'Ana', emails: [{ email: 'a@b.co', type: 'home' }] }, 'emails[0].type', /personal, work or other/],
    ['bad company_id', { full_name: 'Ana', company_id: '1' }, 'company_id', /UUID/],
    ['unknown field', { full_name: 'Ana', ranking: 3 }, 'body', /Unknown field/],
  ];
  for (const [name, body, key, message] of badPeople) {
    test(`person create: rejects ${name}`, () => assert.match(fieldsOf(PersonCreateSchema, body)[key] ?? '', message));
  }
  test('person create: accepts a full body', () => {
    const body = { full_name: 'Ana Lima', emails: [{ email: 'ana@acme.com', type: 'work' }], phones: [{ phone: '+5511999990001', type: 'mobile' }], position: 'CTO', tags: ['vip'] };
    assert.deepEqual(fieldsOf(PersonCreateSchema, body), {});
  });

  test('editor JSON schemas can be generated from the request schemas', () => {
    for (const schema of [RegisterAppRequestSchema, RotateAppRequestSchema]) {
      const json = z.toJSONSchema(schema) as { properties: Record<string, { pattern?: string; maxLength?: number; uniqueItems?: boolean; items?: { enum?: string[]; pattern?: string } }>; additionalProperties: boolean };
      assert.equal(json.properties.app_name?.maxLength, 100);
      assert.equal(json.properties.description?.maxLength, 500);
      assert.equal(json.properties.redirect_uris?.uniqueItems, true);
      assert.equal(json.properties.redirect_uris?.items?.pattern, REDIRECT_URI_PATTERN);
      assert.deepEqual(json.properties.scopes?.items?.enum, [...SCOPES]);
      assert.equal(json.additionalProperties, false);
    }
  });
});
