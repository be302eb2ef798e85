import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { charProfile, shannonEntropy } from '../../src/detector/entropy';

/** The textbook definitions, with a Map and a logarithm per character: what the fast versions must equal. */
function referenceEntropy(value: string): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < value.length; i++) counts.set(value.charCodeAt(i), (counts.get(value.charCodeAt(i)) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) bits -= (count / value.length) * Math.log2(count / value.length);
  return bits;
}

function referenceProfile(value: string) {
  const codes = Array.from({ length: value.length }, (_, i) => value.charCodeAt(i));
  const between = (c: number, a: string, b: string) => c >= a.charCodeAt(0) && c <= b.charCodeAt(0);
  return {
    lower: codes.filter((c) => between(c, 'a', 'z')).length,
    upper: codes.filter((c) => between(c, 'A', 'Z')).length,
    digits: codes.filter((c) => between(c, '0', '9')).length,
    other: codes.filter((c) => !between(c, 'a', 'z') && !between(c, 'A', 'Z') && !between(c, '0', '9')).length,
    distinct: new Set(codes).size,
    hexOnly: codes.length > 0 && codes.every((c) => between(c, '0', '9') || between(c, 'a', 'f') || between(c, 'A', 'F')),
  };
}

describe('character statistics', () => {
  test('entropy of known strings', () => {
    assert.equal(shannonEntropy(''), 0);
    assert.equal(shannonEntropy('aaaaaaaa'), 0);
    assert.equal(shannonEntropy('abababab'), 1);
    assert.equal(shannonEntropy('abcdefghijklmnop'), 4);
    assert.ok(Math.abs(shannonEntropy('aab') - 0.9182958340544896) < 1e-12);
  });

  test('profile of known strings', () => {
    assert.deepEqual(charProfile('aF3-é'), { lower: 1, upper: 1, digits: 1, other: 2, distinct: 5, hexOnly: false });
    assert.deepEqual(charProfile('DEADbeef01'), { lower: 4, upper: 4, digits: 2, other: 0, distinct: 8, hexOnly: true });
    assert.equal(charProfile('').hexOnly, false);
  });

  test('both equal their textbook definitions on any string, ASCII or not', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme-ascii', maxLength: 600 }), fc.string({ unit: 'binary', maxLength: 80 })), (value) => {
        assert.ok(Math.abs(shannonEntropy(value) - referenceEntropy(value)) < 1e-9);
        assert.deepEqual(charProfile(value), referenceProfile(value));
      }),
      { numRuns: 2000 },
    );
  });
});
