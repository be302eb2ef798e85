import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { splitList, validateExistingApp } from '../../src/apps/existingAppInput';

const CLIENT_ID = '9a8b7c6d-5e4f-3a2b-1c0d-9e8f7a6b5c4d';

describe('validateExistingApp', () => {
  test('a client_id and a secret are enough; lists typed as text are split', () => {
    const result = validateExistingApp({ clientId: ` ${CLIENT_ID} `, clientSecret: ' s3cret ', redirectUris: 'https://a.test/cb, http://localhost:3000/cb', scopes: 'people:read deals:write' });
    assert.ok(result.ok);
    assert.equal(result.value.clientId, CLIENT_ID);
    assert.equal(result.value.clientSecret, 's3cret');
    assert.deepEqual(result.value.redirectUris, ['https://a.test/cb', 'http://localhost:3000/cb']);
    assert.deepEqual(result.value.scopes, ['people:read', 'deals:write']);
    assert.equal(result.value.appName, undefined);
  });

  test('every bad field is reported with the payload rules\' words', () => {
    const result = validateExistingApp({
      clientId: 'not-a-uuid',
      clientSecret: '   ',
      email: 'nope',
      redirectUris: ['http://a.test/cb'],
      scopes: ['people:read', 'people:admin'],
      appName: 'x'.repeat(101),
    });
    assert.ok(!result.ok);
    const text = result.problems.join('\n');
    assert.match(text, /client_id must be a UUID/);
    assert.match(text, /client_secret must not be empty/);
    assert.match(text, /valid email/);
    assert.match(text, /only https is allowed/);
    assert.match(text, /Unknown scope\(s\): people:admin/);
    assert.match(text, /1-100 characters/);
  });

  test('missing client_id or secret', () => {
    const result = validateExistingApp({});
    assert.ok(!result.ok);
    assert.deepEqual(result.problems, ['client_id is required.', 'The client_secret is required.']);
  });

  test('a secret with inner spaces is refused (a paste gone wrong)', () => {
    const result = validateExistingApp({ clientId: CLIENT_ID, clientSecret: 'abc def' });
    assert.ok(!result.ok);
    assert.match(result.problems[0], /spaces/);
  });

  test('splitList', () => {
    assert.deepEqual(splitList(' a,b  c\nd '), ['a', 'b', 'c', 'd']);
    assert.deepEqual(splitList(''), []);
    assert.equal(splitList(undefined), undefined);
  });
});
