import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { userFacingMessage, VendazeApiError, type VendazeApiErrorInit } from '../../src/api/errors';
import { SecretRedactor } from '../../src/common/redact';

const RID = '550e8400-e29b-41d4-a716-446655440000';
const SECRET = 'vz_secret_4f9d2c7b1a8e6f30';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl';

describe('VendazeApiError.userMessage: actionable, one per situation', () => {
  const http = (status: number, code: string | undefined, message: string, extra: Partial<VendazeApiErrorInit> = {}): VendazeApiErrorInit => ({
    kind: 'http',
    status,
    code,
    message,
    method: 'POST',
    path: '/oauth/token',
    requestId: RID,
    ...extra,
  });
  const table: Array<[string, VendazeApiErrorInit, RegExp[]]> = [
    ['401 invalid_client on /oauth/token', http(401, 'invalid_client', 'Invalid client credentials.'), [/client_secret rejected/, /rotate/, /re-enter/, new RegExp(RID)]],
    ['401 invalid_client on rotate-app', http(401, 'invalid_client', 'Invalid client_id or email address.', { path: '/v1/auth/rotate-app' }), [/does not recognise this client_id/]],
    ['401 token_expired', http(401, 'token_expired', 'Access token expired. Refresh using the refresh token.', { method: 'GET', path: '/v1/me' }), [/expired: refresh it/]],
    ['401 unauthorized', http(401, 'unauthorized', 'Invalid or malformed token.', { method: 'GET', path: '/v1/me' }), [/rejected \(Invalid or malformed token\): sign in again/]],
    ['400 invalid_grant', http(400, 'invalid_grant', 'The provided authorization grant is invalid, expired, or does not match.'), [/already used: sign in again/]],
    ['400 invalid_request', http(400, 'invalid_request', 'Missing required parameter: code_verifier.'), [/HTTP 400 invalid_request: Missing required parameter: code_verifier\./]],
    ['403 insufficient_scope', http(403, 'insufficient_scope', "This endpoint requires the 'people:write' scope.", { method: 'POST', path: '/v1/people' }), [/'people:write' scope\. Sign in again with that scope/]],
    ['409 on register-app', http(409, 'conflict', 'An app is already registered with this email address.', { path: '/v1/auth/register-app' }), [/rotate that app instead/]],
    ['422 with fields', http(422, 'validation_error', 'Validation failed.', { path: '/v1/people', fields: { full_name: 'too long', 'emails[0].email': 'bad' } }), [/full_name: too long; emails\[0\]\.email: bad/]],
    ['429', http(429, 'rate_limit_exceeded', 'Rate limit exceeded. Try again in 17 seconds.', { retryAfterSeconds: 17 }), [/rate limit reached: retry in 17 s/]],
    ['500', http(500, 'internal_error', 'An unexpected error occurred.'), [new RegExp(`internal error \\(request id ${RID}\\)`)]],
    ['502 html page, no request id', http(502, undefined, 'HTTP 502 without the documented error envelope', { requestId: undefined }), [/internal error \(no request id\)/]],
    ['network', { kind: 'network', message: 'connect ECONNREFUSED 127.0.0.1:7450', host: '127.0.0.1:7450', method: 'GET', path: '/v1/me' }, [/^Could not reach 127\.0\.0\.1:7450/, /vendaze\.apiBaseUrl/]],
    ['dropped POST', { kind: 'network', message: 'other side closed', host: 'h:1', method: 'POST', path: '/oauth/token', connected: true, outcomeUnknown: true }, [/^The connection to h:1 dropped before Vendaze answered POST \/oauth\/token \(other side closed\)\. Vendaze may have processed the request/, /not repeated automatically/]],
    ['500 on rotate-app, outcome unknown', http(500, 'internal_error', 'An unexpected error occurred.', { path: '/v1/auth/rotate-app', outcomeUnknown: true }), [new RegExp(`HTTP 500 to POST /v1/auth/rotate-app \\(request id ${RID}\\)\\. Vendaze may have processed the request`)]],
    ['proxy 504 on /oauth/token, outcome unknown', http(504, undefined, 'HTTP 504 without the documented error envelope', { path: '/oauth/token', requestId: undefined, outcomeUnknown: true }), [/or a proxy on the way\) answered HTTP 504 to POST \/oauth\/token\. Vendaze may have processed/]],
    ['timed-out POST, outcome unknown', { kind: 'timeout', message: 'x', method: 'POST', path: '/v1/people', timeoutMs: 2500, outcomeUnknown: true }, [/did not answer POST \/v1\/people within 2\.5 s\. Vendaze may have processed/, /If this happens often, raise vendaze\.requestTimeoutSeconds/]],
    ['DELETE 500, outcome unknown: confirm by reading', http(500, 'internal_error', 'An unexpected error occurred.', { method: 'DELETE', path: '/v1/auth/delete-app', outcomeUnknown: true }), [/Confirm by reading it back: a 404 then means it was deleted/]],
    ['dropped GET', { kind: 'network', message: 'other side closed', host: 'h:1', method: 'GET', path: '/v1/me', connected: true }, [/dropped before Vendaze answered GET \/v1\/me \(other side closed\)\. Try again\.$/]],
    ['timeout', { kind: 'timeout', message: 'x', method: 'GET', path: '/v1/me', timeoutMs: 2500 }, [/did not answer GET \/v1\/me within 2\.5 s/, /requestTimeoutSeconds/]],
    ['cancelled', { kind: 'cancelled', message: 'x' }, [/cancelled/]],
    ['invalid response', { kind: 'invalid_response', message: 'data.client_id: expected string', method: 'POST', path: '/v1/auth/register-app', requestId: RID }, [/unexpected answer to POST \/v1\/auth\/register-app: data\.client_id: expected string/, new RegExp(RID)]],
    ['config', { kind: 'config', message: 'Refusing plain http to example.com' }, [/^Refusing plain http/]],
  ];
  for (const [name, init, patterns] of table) {
    test(name, () => {
      const error = new VendazeApiError(init);
      for (const pattern of patterns) assert.match(error.userMessage(), pattern);
      // Repeating a request that may have been processed spends a credential twice: the advice never says so.
      if (init.outcomeUnknown) assert.doesNotMatch(error.userMessage(), /try again|retry/i);
      assert.equal(error.kind, init.kind);
      if (init.requestId) assert.match(error.message, new RegExp(init.requestId));
    });
  }
});

describe('VendazeApiError never carries a secret', () => {
  test('registered values and secret shapes are masked in message, detail, fields, hint and userMessage', () => {
    const redactor = new SecretRedactor();
    redactor.add(SECRET);
    const error = new VendazeApiError({
      kind: 'http',
      status: 422,
      code: 'validation_error',
      message: `bad client_secret ${SECRET} and token ${JWT}`,
      fields: { client_secret: `value ${SECRET}` },
      hint: `Bearer ${JWT}`,
      redactor,
    });
    const everything = [error.message, error.detail, error.userMessage(), JSON.stringify(error), JSON.stringify(error.fields), error.hint ?? ''].join('\n');
    assert.doesNotMatch(everything, new RegExp(SECRET));
    assert.doesNotMatch(everything, /eyJhbGci/);
    assert.match(everything, /\[REDACTED\]/);
  });

  test('the redactor itself is not serialised with the error', () => {
    const redactor = new SecretRedactor();
    redactor.add(SECRET);
    const error = new VendazeApiError({ kind: 'network', message: 'x', redactor });
    assert.doesNotMatch(JSON.stringify(error), /vz_secret/);
    assert.equal(Object.keys(error).includes('redactor'), false);
  });

  test('withHint keeps every field and appends the advice', () => {
    const error = new VendazeApiError({ kind: 'network', message: 'other side closed', method: 'POST', path: '/oauth/token', outcomeUnknown: true, requestId: RID });
    const hinted = error.withHint('The refresh token may already be spent.');
    assert.equal(hinted.outcomeUnknown, true);
    assert.equal(hinted.requestId, RID);
    assert.equal(hinted.path, '/oauth/token');
    assert.match(hinted.userMessage(), /may already be spent\.$/);
  });
});

describe('userFacingMessage: one text for anything a call threw', () => {
  test('a Vendaze error gives its advice, with the request id', () => {
    const error = new VendazeApiError({ kind: 'http', status: 429, code: 'rate_limited', message: 'slow down', method: 'GET', path: '/v1/me', requestId: RID, retryAfterSeconds: 30 });
    assert.equal(userFacingMessage(error), error.userMessage());
    assert.match(userFacingMessage(error), new RegExp(RID));
  });

  test('any other error gives its message, with token and secret shapes masked', () => {
    const text = userFacingMessage(new Error(`socket closed while sending Authorization: Bearer ${JWT} and client_secret=${SECRET}`));
    assert.match(text, /^socket closed while sending/);
    assert.ok(!text.includes(JWT) && !text.includes(SECRET), text);
  });

  test('a thrown non-error is shown as text, and an empty message falls back to the error name', () => {
    assert.equal(userFacingMessage('no network'), 'no network');
    assert.equal(userFacingMessage(new TypeError('')), 'TypeError');
  });
});
