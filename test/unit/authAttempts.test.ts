import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CALLBACK_ERROR_MESSAGES, SignInAttempts } from '../../src/auth/attempts';
import { english } from '../../src/common/l10n';
import { SignInError } from '../../src/auth/errors';

const secrets = { verifier: 'v'.repeat(43), redirectUri: 'http://127.0.0.1:53682/callback', clientId: 'c1' };
const q = (params: Record<string, string>) => new URLSearchParams(params);

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

async function rejection(promise: Promise<unknown>): Promise<SignInError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof SignInError, `expected SignInError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

describe('SignInAttempts (state store)', () => {
  test('a good callback resolves the attempt with the code and the attempt secrets', async () => {
    const attempts = new SignInAttempts();
    const a = attempts.start(secrets, 60_000);
    assert.match(a.state, /^[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(attempts.deliver(q({ code: 'the-code', state: a.state })), { ok: true, kind: 'code' });
    assert.deepEqual(await a.result, { code: 'the-code', state: a.state, ...secrets });
    assert.equal(attempts.size, 0);
  });

  test('unknown state is refused and the real attempt keeps waiting', async () => {
    const attempts = new SignInAttempts();
    const a = attempts.start(secrets, 60_000);
    const out = attempts.deliver(q({ code: 'x', state: 'forged-state' }));
    assert.equal(out.ok, false);
    assert.equal(!out.ok && out.kind, 'unknown_state');
    assert.equal(attempts.size, 1);
    attempts.deliver(q({ code: 'real', state: a.state }));
    assert.equal((await a.result).code, 'real');
  });

  test('a replayed state is refused as reused', async () => {
    const attempts = new SignInAttempts();
    const a = attempts.start(secrets, 60_000);
    attempts.deliver(q({ code: 'c', state: a.state }));
    await a.result;
    const again = attempts.deliver(q({ code: 'c', state: a.state }));
    assert.equal(!again.ok && again.kind, 'reused_state');
    assert.match(!again.ok ? again.message : '', /already used/);
  });

  test('a callback past the deadline is refused as expired and fails the attempt', async () => {
    const c = clock();
    const attempts = new SignInAttempts(c.now);
    const a = attempts.start(secrets, 60_000);
    c.advance(60_001); // the real timer has not fired yet: the deadline check is what refuses it
    const out = attempts.deliver(q({ code: 'late', state: a.state }));
    assert.equal(!out.ok && out.kind, 'expired_state');
    assert.equal((await rejection(a.result)).kind, 'timeout');
  });

  test('the timer times the attempt out and a later callback is answered as expired', async () => {
    const attempts = new SignInAttempts();
    const a = attempts.start(secrets, 20);
    const error = await rejection(a.result);
    assert.equal(error.kind, 'timeout');
    assert.match(error.message, /signInTimeoutSeconds/);
    const out = attempts.deliver(q({ code: 'late', state: a.state }));
    assert.equal(!out.ok && out.kind, 'expired_state');
  });

  test('cancellation through the AbortSignal rejects with cancelled', async () => {
    const attempts = new SignInAttempts();
    const controller = new AbortController();
    const a = attempts.start(secrets, 60_000, controller.signal);
    controller.abort();
    assert.equal((await rejection(a.result)).kind, 'cancelled');
    assert.equal(attempts.size, 0);
  });

  test('an already-aborted signal cancels at once', async () => {
    const attempts = new SignInAttempts();
    const a = attempts.start(secrets, 60_000, AbortSignal.abort());
    assert.equal((await rejection(a.result)).kind, 'cancelled');
  });

  test('error=access_denied with the right state fails the attempt with a clear message', async () => {
    const attempts = new SignInAttempts();
    const a = attempts.start(secrets, 60_000);
    assert.deepEqual(attempts.deliver(q({ error: 'access_denied', state: a.state })), { ok: true, kind: 'denied' });
    const error = await rejection(a.result);
    assert.equal(error.kind, 'access_denied');
    assert.match(error.message, /denied/);
  });

  test('other OAuth errors get our own message; their attacker-controlled text goes only to logDetail, cut and quoted', async () => {
    const attempts = new SignInAttempts();
    const a = attempts.start(secrets, 60_000);
    const phishing = 'Your account is locked. Call +1 555 0100 now\n[info] Signed in OK' + 'x'.repeat(5000);
    attempts.deliver(q({ error: 'server_error', error_description: phishing, state: a.state }));
    const error = await rejection(a.result);
    assert.equal(error.kind, 'callback_error');
    assert.equal(error.message, CALLBACK_ERROR_MESSAGES.server_error!(english));
    assert.ok(!error.message.includes('555'));
    assert.ok(!JSON.stringify(error.toResult()).includes('555'), 'never returned to command callers either');
    assert.match(error.logDetail ?? '', /^error="server_error" error_description="Your account is locked\. Call \+1 555 0100 now\\u000a\[info\]/);
    assert.ok((error.logDetail ?? '').length < 400, 'cut');
    assert.ok(!(error.logDetail ?? '').includes('\n'), 'no raw newline can fake a log line');
  });

  const unknownCodes = ['call_support_+1_555', '<script>alert(1)</script>', 'toString', '__proto__'];
  for (const code of unknownCodes) {
    test(`an unknown error code (${code}) gets the generic message`, async () => {
      const attempts = new SignInAttempts();
      const a = attempts.start(secrets, 60_000);
      attempts.deliver(q({ error: code, state: a.state }));
      const error = await rejection(a.result);
      assert.equal(error.kind, 'callback_error');
      assert.match(error.message, /came back with an error instead of a sign-in code/);
      assert.ok(!error.message.includes(code));
    });
  }

  test('access_denied with an unknown state does not touch the pending attempt', async () => {
    const attempts = new SignInAttempts();
    const a = attempts.start(secrets, 60_000);
    const out = attempts.deliver(q({ error: 'access_denied', state: 'other' }));
    assert.equal(!out.ok && out.kind, 'unknown_state');
    a.cancel();
    assert.equal((await rejection(a.result)).kind, 'cancelled');
  });

  test('missing state or code is refused without consuming anything', async () => {
    const attempts = new SignInAttempts();
    const a = attempts.start(secrets, 60_000);
    const cases: Array<Record<string, string>> = [{}, { code: 'x' }, { state: a.state }];
    for (const params of cases) {
      const out = attempts.deliver(q(params));
      assert.equal(!out.ok && out.kind, 'missing_params');
    }
    assert.equal(attempts.size, 1);
    a.cancel();
    assert.equal((await rejection(a.result)).kind, 'cancelled');
  });

  test('states are unique per attempt and cancel is idempotent', async () => {
    const attempts = new SignInAttempts();
    const a = attempts.start(secrets, 60_000);
    const b = attempts.start(secrets, 60_000);
    assert.notEqual(a.state, b.state);
    a.cancel();
    a.cancel('timeout');
    assert.equal((await rejection(a.result)).kind, 'cancelled');
    b.cancel();
    await b.result.catch(() => undefined);
  });
});
