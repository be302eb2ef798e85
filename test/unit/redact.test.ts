import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { REDACTED, SecretRedactor } from '../../src/common/redact';

const jwt =
  'eyJhbGciOiJIUzI1NiJ9.eyJjbGllbnRfaWQiOiJhYmMiLCJ3b3Jrc3BhY2VfaWQiOiJ3MSJ9.c2lnbmF0dXJlLXBhcnQtaGVyZQ';

describe('SecretRedactor: shapes that are secret by construction', () => {
  const cases: Array<[string, string, string]> = [
    ['JSON client_secret', '{"client_secret": "s3cr3t-value-123"}', '{"client_secret": "[REDACTED]"}'],
    ['JSON refresh_token', '{"refresh_token":"abc.def.ghi-jkl"}', '{"refresh_token":"[REDACTED]"}'],
    ['form body', 'grant_type=refresh_token&refresh_token=rt-123456789&client_id=x', 'grant_type=refresh_token&refresh_token=[REDACTED]&client_id=x'],
    ['code_verifier in form', 'code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r', 'code_verifier=[REDACTED]'],
    ['query string code', 'GET /callback?code=AUTHCODE123&state=xyz', 'GET /callback?code=[REDACTED]&state=xyz'],
    ['bearer header', 'Authorization: Bearer abc.def-ghi_jkl', 'Authorization: Bearer [REDACTED]'],
    ['bare JWT', `token was ${jwt} ok`, `token was ${REDACTED} ok`],
    ['plain text untouched', 'error code: invalid_grant (request id 123)', 'error code: invalid_grant (request id 123)'],
  ];
  for (const [name, input, expected] of cases) {
    test(name, () => {
      assert.equal(new SecretRedactor().redact(input), expected);
    });
  }
});

const basic = Buffer.from('9a8b7c6d-5e4f:s3cr3t-value').toString('base64');

describe('SecretRedactor: every syntax a secret is written in (issue 11)', () => {
  // [name, input, expected]: each one leaked before.
  const cases: Array<[string, string, string]> = [
    ['env var with prefix', 'VENDAZE_CLIENT_SECRET=abc123def456', 'VENDAZE_CLIENT_SECRET=[REDACTED]'],
    ['upper case, quoted', 'export CLIENT_SECRET="abc123def456"', 'export CLIENT_SECRET="[REDACTED]"'],
    ['assignment, double quotes with a space', 'client_secret="abc 123 def"', 'client_secret="[REDACTED]"'],
    ['YAML, single quotes', "client_secret: 'abc123def456'", "client_secret: '[REDACTED]'"],
    ['TOML', 'client_secret = "abc123def456"', 'client_secret = "[REDACTED]"'],
    ['TOML literal triple quotes', "client_secret = '''abc123def456'''", "client_secret = '''[REDACTED]'''"],
    ['Python dict', "{'client_secret': 'abc123def456', 'client_id': 'x'}", "{'client_secret': '[REDACTED]', 'client_id': 'x'}"],
    ['Python keyword argument', "Client(client_secret='abc123def456')", "Client(client_secret='[REDACTED]')"],
    ['subscript', "params['client_secret'] = 'abc123def456'", "params['client_secret'] = '[REDACTED]'"],
    ['camelCase in any case', 'ClientSecret: abc123def456', 'ClientSecret: [REDACTED]'],
    ['dashed header', 'client-secret: abc123def456', 'client-secret: [REDACTED]'],
    ['api_key', 'api_key=abc123def456&x=1', 'api_key=[REDACTED]&x=1'],
    ['X-Api-Key header', 'X-Api-Key: abc123def456', 'X-Api-Key: [REDACTED]'],
    ['escaped quote inside a JSON string value', '{"client_secret":"ab\\"cd","x":1}', '{"client_secret":"[REDACTED]","x":1}'],
    ['JSON inside a JSON string', '{"body":"{\\"client_secret\\":\\"abc123\\"}"}', '{"body":"{\\"client_secret\\":\\"[REDACTED]\\"}"}'],
    ['escaped quote in JSON inside JSON', '{"b":"{\\"client_secret\\":\\"ab\\\\\\"cd\\"}"}', '{"b":"{\\"client_secret\\":\\"[REDACTED]\\"}"}'],
    ['value cut by truncation', '{"client_secret":"abc123de', '{"client_secret":"[REDACTED]'],
    ['URL-encoded separator', 'body=client_secret%3Dabc123%26client_id%3Dx', 'body=client_secret%3D[REDACTED]%26client_id%3Dx'],
    ['URL-encoded JSON', '%7B%22client_secret%22%3A%22abc123%22%7D', '%7B%22client_secret%22%3A%22[REDACTED]%22%7D'],
    ['OAuth code in a token request (form)', 'grant_type=authorization_code&code=Xy12abcDEF&redirect_uri=x', 'grant_type=authorization_code&code=[REDACTED]&redirect_uri=x'],
    ['OAuth code in a token request (JSON)', '{"grant_type":"authorization_code","code":"Xy12abcDEF"}', '{"grant_type":"authorization_code","code":"[REDACTED]"}'],
    ['OAuth code in a callback', 'vscode://vendaze.vendaze-vscode/auth-callback?state=s1&code=Xy12abcDEF', 'vscode://vendaze.vendaze-vscode/auth-callback?state=s1&code=[REDACTED]'],
    ['OAuth code in an encoded callback', 'redirect=%2Fcallback%3Fcode%3DXy12abcDEF%26state%3Ds', 'redirect=%2Fcallback%3Fcode%3D[REDACTED]%26state%3Ds'],
    ['Basic credentials', `Authorization: Basic ${basic}`, 'Authorization: Basic [REDACTED]'],
    ['Basic credentials without the header name', `sent basic ${basic} to the proxy`, 'sent basic [REDACTED] to the proxy'],
    ['lower-case bearer', 'authorization: bearer abc', 'authorization: bearer [REDACTED]'],
    ['lower-case bearer in prose', 'sent bearer abcdef123456 ok', 'sent bearer [REDACTED] ok'],
    ['URL-encoded Bearer', 'Authorization=Bearer%20abc123xyz&x=1', 'Authorization=Bearer%20[REDACTED]&x=1'],
    ['form-encoded Bearer', 'h=Bearer+abc123xyz&x=1', 'h=Bearer+[REDACTED]&x=1'],
  ];
  for (const [name, input, expected] of cases) {
    test(name, () => assert.equal(new SecretRedactor().redact(input), expected));
  }

  // What must stay readable: a log that masks every "code" or every word after "bearer" is useless.
  const untouched = [
    '{"error":{"code":"invalid_grant","message":"The refresh token was already used."}}',
    '{"grant_type":"authorization_code","error":{"code":"invalid_grant"}}',
    '{"product":{"code":"SKU-1234","name":"Widget"}}',
    'error code: invalid_grant (request id 123)',
    'token_type=Bearer&expires_in=3600',
    '{"token_type":"Bearer","expires_in":3600}',
    'the bearer of bad news',
    'Basic auth is turned off',
    'client_secret_expires_at: 0',
    'eyJhbGci is not a JWT',
  ];
  for (const input of untouched) {
    test(`leaves alone: ${input}`, () => assert.equal(new SecretRedactor().redact(input), input));
  }

  test('a JWT after a short eyJ run is still found', () => {
    assert.equal(new SecretRedactor().redact(`eyJab.${jwt}`), `eyJab.${REDACTED}`);
  });
});

describe('SecretRedactor: registered values', () => {
  test('masks a registered value under a key the patterns do not know (env file)', () => {
    const redactor = new SecretRedactor();
    redactor.add('abcdef123456');
    assert.equal(redactor.redact('VENDAZE_CLIENT_SECRET=abcdef123456 # prod'), 'VENDAZE_CLIENT_SECRET=[REDACTED] # prod');
  });

  test('masks a registered value anywhere in the text', () => {
    const redactor = new SecretRedactor();
    redactor.add('sk_live_ABCDEFGH');
    assert.equal(redactor.redact('x sk_live_ABCDEFGH y sk_live_ABCDEFGH'), `x ${REDACTED} y ${REDACTED}`);
  });

  test('ignores values too short to be secrets', () => {
    const redactor = new SecretRedactor();
    redactor.add('abc');
    assert.equal(redactor.size, 0);
    assert.equal(redactor.redact('abc'), 'abc');
  });

  test('forget stops masking a value', () => {
    const redactor = new SecretRedactor();
    redactor.add('rotated-secret-1');
    redactor.forget('rotated-secret-1');
    assert.equal(redactor.redact('rotated-secret-1'), 'rotated-secret-1');
  });

  test('a registered value never survives redaction, whatever surrounds it', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 8, maxLength: 40 }), fc.string(), (before, secret, after) => {
        fc.pre(!secret.includes(REDACTED) && !REDACTED.includes(secret));
        const redactor = new SecretRedactor();
        redactor.add(secret);
        assert.ok(!redactor.redact(before + secret + after).includes(secret));
      }),
    );
  });

  test('a registered value never survives redaction, JSON-escaped or URL-encoded in any text', () => {
    const encodings: Array<[string, (text: string) => string]> = [
      ['raw', (t) => t],
      ['JSON string', (t) => JSON.stringify({ message: t })],
      ['JSON inside JSON', (t) => JSON.stringify({ body: JSON.stringify({ message: t }) })],
      ['URL component', (t) => `https://x.test/cb?state=${encodeURIComponent(t)}`],
      ['form body', (t) => new URLSearchParams({ note: t }).toString()],
      ['URL, lower-case hex', (t) => encodeURIComponent(t).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())],
    ];
    const anyText = fc.string({ unit: 'grapheme', maxLength: 60 });
    const secret = fc.oneof(fc.string({ minLength: 8, maxLength: 40 }), fc.string({ unit: 'grapheme', minLength: 8, maxLength: 24 }));
    fc.assert(
      fc.property(anyText, secret, anyText, fc.constantFrom(...encodings), (before, value, after, [, encode]) => {
        fc.pre(!value.includes(REDACTED) && !REDACTED.includes(value));
        const redactor = new SecretRedactor();
        redactor.add(value);
        const text = encode(before + value + after);
        const out = redactor.redact(text);
        // The value as the encoding wrote it (a substring of the encoded text), and the value itself.
        const encoded = encode(value);
        const inner = text.includes(encoded) ? encoded : (encode(`\u0001${value}\u0001`).split(encode('\u0001')).at(1) ?? value);
        for (const form of [value, inner]) {
          if (text.includes(form)) assert.ok(!out.includes(form), `${JSON.stringify(form)} survived in ${JSON.stringify(out)}`);
        }
      }),
      { numRuns: 400 },
    );
  });
});

