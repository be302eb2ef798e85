/**
 * Every pattern that runs on text we did not write runs in linear time: the redactor (log lines, errors, server
 * answers), the sign-in callback's parsing, the payload schema checks. Shown by fuzzed timing (see
 * support/linearTime.ts for how it stays reliable on a loaded machine), not assumed from a pattern's shape.
 * The detector has its own file (detectorLinear.test.ts).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SecretRedactor } from '../../src/common/redact';
import { redactedExcerpt } from '../../src/common/displayText';
import { SignInAttempts, callbackParams } from '../../src/auth/attempts';
import { REDIRECT_URI_PATTERN, RegisterAppRequestSchema, RotateAppRequestSchema } from '../../src/schemas/app';
import { AuthorizeParamsSchema, ScopeParamSchema } from '../../src/schemas/oauth';
import { ErrorEnvelopeSchema } from '../../src/schemas/errors';
import { REDACTOR_HOSTILE, fuzzedUnits, repeatTo } from './support/adversarial';
import { assertLinearTime } from './support/linearTime';

const KB = 1024;

function redactor(): SecretRedactor {
  const r = new SecretRedactor();
  for (const value of ['s3cr3t-value-aaaa1', 'another-secret-bbb2', 'eyJhbGciOi.eyJzdWIi.sig', 'pass word "quoted" é']) r.add(value);
  return r;
}

describe('the redactor runs in linear time on hostile text', () => {
  const r = redactor();
  for (const unit of REDACTOR_HOSTILE) {
    test(`${JSON.stringify(unit)} repeated`, () => {
      assertLinearTime(unit, (n) => repeatTo(unit, n), (text) => r.redact(text), 32 * KB);
    });
  }
  test('fuzzed: random strings of keys, quotes, escapes, encodings and JWT heads', () => {
    for (const unit of fuzzedUnits(0x11e7, 24)) assertLinearTime(JSON.stringify(unit), (n) => repeatTo(unit, n), (text) => r.redact(text), 32 * KB, 3);
  });
  test('an excerpt of a huge server answer costs the same whatever its size', () => {
    assertLinearTime('excerpt', (n) => repeatTo('-eyJ', n), (text) => redactedExcerpt(text, (t) => r.redact(t)), 256 * KB);
  });
});

describe('the sign-in callback is parsed in linear time', () => {
  test('a callback query longer than any real one is refused unparsed', () => {
    const outcome = new SignInAttempts().deliver(callbackParams(`state=s&code=c&${'+'.repeat(1 << 20)}`));
    assert.equal(!outcome.ok && outcome.kind, 'missing_params');
  });
  const units = ['code=', '&', '%', '%2', 'state=a&', '+', '=', 'error_description=%F0%9F', '%%%', 'a'];
  for (const unit of units) {
    test(`query of ${JSON.stringify(unit)} repeated`, () => {
      const attempts = new SignInAttempts();
      assertLinearTime(unit, (n) => `state=x&error=e&${repeatTo(unit, n)}`, (query) => attempts.deliver(callbackParams(query)), 64 * KB, 3);
    });
  }
});

describe('payload schema checks run in linear time', () => {
  const uri = new RegExp(REDIRECT_URI_PATTERN);
  const cases: Array<[string, (n: number) => unknown, (input: unknown) => unknown]> = [
    ['redirect URI pattern, long host then #', (n) => `https://${'a'.repeat(n)}#`, (s) => uri.test(s as string)],
    ['redirect URI pattern, long http path', (n) => `http://localhost:1/${'/'.repeat(n)} `, (s) => uri.test(s as string)],
    ['register-app, every field long', (n) => ({ app_name: 'a'.repeat(n), email: `${'a.'.repeat(n / 2)}@`, description: 'd'.repeat(n), redirect_uris: [`https://${'a'.repeat(n)}#`, `http://localhost${'/'.repeat(n)}*`], scopes: ['x'.repeat(n)], avatar_url: `https://${'a'.repeat(n)}.webp` }), (p) => RegisterAppRequestSchema.safeParse(p)],
    ['rotate-app, hostile client_id', (n) => ({ client_id: `${'aaaaaaaa-'.repeat(n / 9)}`, app_name: 'x', redirect_uris: ['https://a.test'], scopes: [] }), (p) => RotateAppRequestSchema.safeParse(p)],
    ['many redirect URIs and scopes', (n) => ({ app_name: 'x', email: 'a@b.test', redirect_uris: Array.from({ length: n / 64 }, (_, i) => `https://a.test/${i}`), scopes: Array.from({ length: n / 64 }, () => 'people:read') }), (p) => RegisterAppRequestSchema.safeParse(p)],
    ['scope parameter', (n) => repeatTo('people:read \t', n), (s) => ScopeParamSchema.safeParse(s)],
    ['authorize parameters', (n) => ({ response_type: 'code', client_id: 'a'.repeat(n), redirect_uri: `https://${'a'.repeat(n)}#`, scope: repeatTo('x ', n), state: 's', code_challenge: 'c'.repeat(n), code_challenge_method: 'S256' }), (p) => AuthorizeParamsSchema.safeParse(p)],
    ['error envelope', (n) => ({ error: { code: 'c'.repeat(n), message: 'm'.repeat(n), fields: Object.fromEntries(Array.from({ length: n / 64 }, (_, i) => [`f${i}`, 'x'])) } }), (p) => ErrorEnvelopeSchema.safeParse(p)],
  ];
  for (const [name, make, run] of cases) {
    test(name, () => {
      // The harness grows strings; these inputs are objects, so the size is carried through a string of that length.
      assertLinearTime(name, (n) => 'x'.repeat(n), (s) => run(make(s.length)), 64 * KB, 3);
    });
  }
});
