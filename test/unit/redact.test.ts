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
});
