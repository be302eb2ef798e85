import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { base64url, challengeFor, createPkcePair, createState, isValidVerifier } from '../../src/auth/pkce';

describe('challengeFor (S256)', () => {
  // RFC 7636 appendix B, plus values recomputed independently with sha256 + base64url below.
  const vectors: Array<[string, string, string]> = [
    ['RFC 7636 appendix B', 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'],
    ['43 x "a"', 'a'.repeat(43), sha256b64url('a'.repeat(43))],
    ['128 chars of every allowed symbol', 'Az09-._~'.repeat(16), sha256b64url('Az09-._~'.repeat(16))],
  ];
  for (const [name, verifier, challenge] of vectors) {
    test(name, () => assert.equal(challengeFor(verifier), challenge));
  }

  const invalid: Array<[string, string]> = [
    ['too short (42)', 'a'.repeat(42)],
    ['too long (129)', 'a'.repeat(129)],
    ['contains "+" (standard base64)', `${'a'.repeat(42)}+`],
    ['contains "="', `${'a'.repeat(42)}=`],
    ['contains a space', `${'a'.repeat(42)} `],
    ['empty', ''],
  ];
  for (const [name, verifier] of invalid) {
    test(`rejects a verifier that is ${name}`, () => {
      assert.equal(isValidVerifier(verifier), false);
      assert.throws(() => challengeFor(verifier), /RFC 7636/);
    });
  }
});

describe('createPkcePair', () => {
  for (const bytes of [32, 48, 64, 96]) {
    test(`${bytes} random bytes -> ${Math.ceil((bytes * 4) / 3)}-char verifier with a matching S256 challenge`, () => {
      const pair = createPkcePair(bytes);
      assert.equal(pair.method, 'S256');
      assert.equal(pair.verifier.length, Math.ceil((bytes * 4) / 3));
      assert.ok(isValidVerifier(pair.verifier));
      assert.equal(Buffer.from(pair.verifier, 'base64url').length, bytes);
      assert.equal(pair.challenge, sha256b64url(pair.verifier));
      assert.match(pair.challenge, /^[A-Za-z0-9_-]{43}$/);
    });
  }

  test('defaults to 32 bytes (43 chars)', () => assert.equal(createPkcePair().verifier.length, 43));

  for (const bytes of [0, 31, 97, 32.5]) {
    test(`refuses ${bytes} bytes of entropy`, () => assert.throws(() => createPkcePair(bytes), RangeError));
  }

  test('every pair is fresh', () => {
    const verifiers = new Set(Array.from({ length: 200 }, () => createPkcePair().verifier));
    assert.equal(verifiers.size, 200);
  });
});

describe('createState', () => {
  test('32 random bytes, base64url, never repeated', () => {
    const states = Array.from({ length: 200 }, () => createState());
    for (const state of states) {
      assert.match(state, /^[A-Za-z0-9_-]{43}$/);
      assert.equal(Buffer.from(state, 'base64url').length, 32);
    }
    assert.equal(new Set(states).size, states.length);
  });
});

describe('base64url', () => {
  const table: Array<[number[], string]> = [
    [[], ''],
    [[0xfb, 0xff], '-_8'],
    [[0x00, 0x01, 0x02], 'AAEC'],
  ];
  for (const [bytes, expected] of table) {
    test(`${JSON.stringify(bytes)} -> "${expected}" (no padding, url alphabet)`, () =>
      assert.equal(base64url(Uint8Array.from(bytes)), expected));
  }
});

function sha256b64url(text: string): string {
  return createHash('sha256').update(text).digest('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
