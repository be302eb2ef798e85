import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_DISPLAY_LENGTH, redactedExcerpt, trimTrailing } from '../../src/common/displayText';
import { SecretRedactor } from '../../src/common/redact';
import { VendazeApiError } from '../../src/api/errors';

const SECRET = 'Zq81-fd0c-s3cr3t-Kx7Pq2Lm9Rt4Vw6Yb';

describe('redactedExcerpt: server text is cut for display, after redaction', () => {
  test('a cut through a secret never leaves any part of it readable', () => {
    const redactor = new SecretRedactor();
    redactor.add(SECRET);
    // Every cut position through the secret, registered or found by shape only.
    for (let pad = MAX_DISPLAY_LENGTH - SECRET.length; pad <= MAX_DISPLAY_LENGTH; pad++) {
      for (const [name, body, r] of [
        ['registered', `${'x'.repeat(pad)}${SECRET} tail`, redactor],
        ['shape only', `${'x'.repeat(pad - 14)} client_secret=${SECRET} tail`, new SecretRedactor()],
      ] as const) {
        const out = redactedExcerpt(body, (t) => r.redact(t));
        assert.ok(out.length < MAX_DISPLAY_LENGTH + 64, `${name}: bounded`);
        assert.ok(!out.includes(SECRET.slice(0, 6)), `${name}: no prefix of the secret survives the cut at ${pad}`);
      }
    }
  });

  test('short text passes unchanged (apart from redaction), and again unchanged', () => {
    const once = redactedExcerpt('x'.repeat(5000), (t) => t);
    assert.match(once, /… \(2952 more characters not shown\)$/);
    assert.equal(redactedExcerpt(once, (t) => t), once);
    assert.equal(redactedExcerpt('Bearer abc.def-ghi', (t) => new SecretRedactor().redact(t)), 'Bearer [REDACTED]');
  });

  test('trimTrailing removes a trailing run only', () => {
    assert.equal(trimTrailing('https://a.test/cb///', '/'), 'https://a.test/cb');
    assert.equal(trimTrailing('/'.repeat(5) + 'x', '/'), '/////x');
    assert.equal(trimTrailing('///', '/'), '');
  });
});

describe('VendazeApiError quotes at most a few KB of what a server sent', () => {
  test('a 1 MB error message, thousands of fields, a huge code and request id', () => {
    const fields: Record<string, string> = {};
    for (let i = 0; i < 5000; i++) fields[`field_${i}`] = 'y'.repeat(100);
    const error = new VendazeApiError({
      kind: 'http',
      status: 422,
      code: 'validation_error'.repeat(1000),
      message: `client_secret=${SECRET} ${'z'.repeat(1024 * 1024)}`,
      fields,
      requestId: 'r'.repeat(100_000),
      method: 'POST',
      path: '/v1/people',
    });
    assert.ok(error.detail.length < MAX_DISPLAY_LENGTH + 64);
    assert.ok(error.message.length < 64 * 1024, `message is ${error.message.length} characters`);
    assert.ok(error.userMessage().length < 64 * 1024);
    assert.ok(Object.keys(error.fields ?? {}).length <= 20);
    assert.ok((error.code ?? '').length < 200 && (error.requestId ?? '').length < 300);
    for (const text of [error.message, error.userMessage(), error.detail]) assert.ok(!text.includes(SECRET.slice(0, 6)));
  });
});
