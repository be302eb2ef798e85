import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_PASTED_LENGTH, parsePastedCallback } from '../../src/auth/pastedCallback';

/** What users paste from an address bar, and what an attacker might; the pure parser, table-tested. */

const ok: Array<[string, string, Record<string, string>]> = [
  ['the loopback redirect', 'http://127.0.0.1:53682/callback?code=abc&state=st1', { code: 'abc', state: 'st1' }],
  ['code-server proxied loopback', 'http://127.0.0.1:8080/proxy/53682/callback?code=abc&state=st1', { code: 'abc', state: 'st1' }],
  ['an https bounce page', 'https://example.com/vendaze/bounce?state=st1&code=abc', { code: 'abc', state: 'st1' }],
  ['parameters in the fragment', 'https://example.com/cb#code=abc&state=st1', { code: 'abc', state: 'st1' }],
  ['the vscode:// handler URI', 'vscode://vendaze.vendaze-vscode/auth-callback?code=abc&state=st1', { code: 'abc', state: 'st1' }],
  [
    "code-server's URI-handler route",
    'http://127.0.0.1:8080/stable-x/callback?vscode-reqid=1&vscode-scheme=code-oss&vscode-authority=vendaze.vendaze-vscode&vscode-path=%2Fauth-callback&vscode-query=code%3Dabc%26state%3Dst1',
    { code: 'abc', state: 'st1' },
  ],
  ['a bare query string', 'code=abc&state=st1', { code: 'abc', state: 'st1' }],
  ['a query string with its ?', '?code=abc&state=st1', { code: 'abc', state: 'st1' }],
  ['whitespace, quotes and angle brackets', '  <"http://127.0.0.1:1/callback?code=abc&state=st1">\n', { code: 'abc', state: 'st1' }],
  ['percent-encoded values', 'http://127.0.0.1:1/callback?code=a%2Bb&state=s%20t', { code: 'a+b', state: 's t' }],
  ['an OAuth error', 'http://127.0.0.1:1/callback?error=access_denied&state=st1', { error: 'access_denied', state: 'st1' }],
  ['an error with a description', 'http://127.0.0.1:1/callback?error=server_error&error_description=x&state=st1', { error: 'server_error', error_description: 'x', state: 'st1' }],
  ['other parameters are dropped', 'http://127.0.0.1:1/callback?code=abc&state=st1&redirect=https://evil.example&iss=x', { code: 'abc', state: 'st1' }],
  ['the same value twice is fine', 'http://127.0.0.1:1/callback?code=abc&code=abc&state=st1', { code: 'abc', state: 'st1' }],
];

const refused: Array<[string, string, string]> = [
  ['nothing', '   ', 'empty'],
  ['too long', `http://127.0.0.1/callback?code=${'a'.repeat(MAX_PASTED_LENGTH)}&state=s`, 'too_long'],
  ['a consent page address', 'http://127.0.0.1:7450/oauth/consent?request=r1', 'not_a_callback'],
  ['plain words', 'I clicked authorize', 'not_a_callback'],
  ['no state', 'http://127.0.0.1:1/callback?code=abc', 'missing_state'],
  ['a state without code or error', 'http://127.0.0.1:1/callback?state=st1', 'not_a_callback'],
  ['two different codes', 'http://127.0.0.1:1/callback?code=abc&code=evil&state=st1', 'ambiguous'],
  ['two different states', 'http://127.0.0.1:1/callback?code=abc&state=st1&state=st2', 'ambiguous'],
  ['a URL that does not parse', 'http://[/callback?code=abc&state=st1', 'not_a_callback'],
];

describe('parsePastedCallback', () => {
  for (const [name, text, expected] of ok) {
    test(`takes ${name}`, () => {
      const parsed = parsePastedCallback(text);
      assert.ok(parsed.ok, !parsed.ok ? parsed.message : '');
      assert.deepEqual(Object.fromEntries(parsed.params), expected);
    });
  }
  for (const [name, text, reason] of refused) {
    test(`refuses ${name} (${reason})`, () => {
      const parsed = parsePastedCallback(text);
      assert.equal(parsed.ok, false);
      assert.equal(!parsed.ok && parsed.reason, reason);
      assert.ok(!parsed.ok && parsed.message.length > 10);
    });
  }
  test('a maximal paste of nothing but empty states is refused', () => {
    const text = `http://h/?${'state=&'.repeat(MAX_PASTED_LENGTH / 7 - 2)}`.slice(0, MAX_PASTED_LENGTH);
    const parsed = parsePastedCallback(text);
    assert.equal(parsed.ok, false);
  });
});
