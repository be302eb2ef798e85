import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expiryText, isLoopbackUri, isSecretTooOld, scopeAccess, secretAgeText, shortClientId } from '../../src/tree/format';
import { appRecord } from './support/appRecord';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const app = appRecord;

describe('expiryText', () => {
  test('counts down in minutes, then hours', () => {
    assert.equal(expiryText(new Date(NOW + 42 * 60_000 + 30_000).toISOString(), NOW), 'expires in 42 min');
    assert.equal(expiryText(new Date(NOW + 65 * 60_000).toISOString(), NOW), 'expires in 1 h 05 min');
    assert.equal(expiryText(new Date(NOW + 20_000).toISOString(), NOW), 'expires in less than a minute');
  });
  test('says how long ago it expired', () => {
    assert.equal(expiryText(new Date(NOW - 3 * 60_000).toISOString(), NOW), 'expired 3 min ago');
    assert.equal(expiryText(new Date(NOW - 1000).toISOString(), NOW), 'expired just now');
    assert.equal(expiryText('garbage', NOW), 'expiry unknown');
  });
});

describe('secret age', () => {
  const now = new Date(NOW);
  test('text', () => {
    assert.equal(secretAgeText(app('a', '2026-11-20T01:00:00Z'), true, now), 'secret stored today');
    assert.equal(secretAgeText(app('a', '2026-11-19T01:00:00Z'), true, now), 'secret 1 day old');
    assert.equal(secretAgeText(app('a', '2026-08-01T00:00:00Z'), true, now), 'secret 111 days old');
    assert.equal(secretAgeText(app('a'), true, now), 'secret age unknown');
    assert.equal(secretAgeText(app('a', '2026-11-19T01:00:00Z'), false, now), 'no secret stored');
  });
  test('too old only past the limit, and never when the limit is 0', () => {
    assert.equal(isSecretTooOld(app('a', '2026-08-22T12:00:00Z'), 90, now), false); // exactly 90 days
    assert.equal(isSecretTooOld(app('a', '2026-08-21T11:00:00Z'), 90, now), true);
    assert.equal(isSecretTooOld(app('a', '2020-01-01T00:00:00Z'), 0, now), false);
    assert.equal(isSecretTooOld(app('a'), 90, now), false);
  });
});

describe('small labels', () => {
  test('shortClientId', () => {
    assert.equal(shortClientId('9a8b7c6d-5e4f-3a2b-1c0d-9e8f7a6b5c4d'), '9a8b7c6d…');
    assert.equal(shortClientId('abc'), 'abc');
  });
  test('isLoopbackUri', () => {
    assert.equal(isLoopbackUri('http://127.0.0.1:53682/callback'), true);
    assert.equal(isLoopbackUri('http://localhost'), true);
    assert.equal(isLoopbackUri('https://localhost/cb'), false);
    assert.equal(isLoopbackUri('http://localhost.evil.test/cb'), false);
  });
  test('scopeAccess', () => {
    assert.equal(scopeAccess('people:read'), 'read');
    assert.equal(scopeAccess('people:write'), 'write');
    assert.equal(scopeAccess('webhooks:manage'), 'manage');
    assert.equal(scopeAccess('odd'), 'other');
  });
});
