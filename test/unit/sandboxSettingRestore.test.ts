import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sandboxAnswers } from '../../src/localSandbox/alive';
import { decideRestore } from '../../src/localSandbox/settingRestore';
import { startSandbox } from '../../src/sandbox';

const pointer = { sandboxUrl: 'http://127.0.0.1:7450', previous: 'https://api.vendaze.com' };

describe('decideRestore', () => {
  test('nothing remembered: leave the setting', () => assert.deepEqual(decideRestore(undefined, 'http://127.0.0.1:7450', false), { restore: false }));
  test('the sandbox runs in this window: leave the setting', () => assert.deepEqual(decideRestore(pointer, pointer.sandboxUrl, true), { restore: false }));
  test('the setting still names a sandbox that is gone: put the old value back', () =>
    assert.deepEqual(decideRestore(pointer, pointer.sandboxUrl, false), { restore: true, value: 'https://api.vendaze.com' }));
  test('the old value was unset: unset it again', () =>
    assert.deepEqual(decideRestore({ ...pointer, previous: undefined }, pointer.sandboxUrl, false), { restore: true, value: undefined }));
  test('the user has changed the setting since: theirs wins', () =>
    assert.deepEqual(decideRestore(pointer, 'https://proxy.example.com', false), { restore: false }));
});

describe('sandboxAnswers', () => {
  test('true while a sandbox runs there, false once it is gone', async () => {
    const sandbox = await startSandbox({ port: 0 });
    try {
      assert.equal(await sandboxAnswers(sandbox.baseUrl, 10_000), true); // generous: a busy machine is not a dead sandbox
    } finally {
      await sandbox.close();
    }
    assert.equal(await sandboxAnswers(sandbox.baseUrl, 500), false);
  });
});
