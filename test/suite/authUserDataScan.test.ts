/**
 * Runs after the other auth*.test.ts suites (file-name order): it scans the host's user-data folder and logs for
 * every secret those suites saw (authSupport.ts `seen`), and for any JWT.
 */
import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { clearTextSecrets, filesUnder } from './support';
import { seen, sleep } from './authSupport';

suite('auth: no secret in clear text after the sign-in suites', function () {
  this.timeout(90_000);

  test('no token, code or client_secret in clear text in the user-data folder, the logs or the test output', async () => {
    const root = process.env.VENDAZE_TEST_USER_DATA_DIR;
    assert.ok(root, 'the harness sets VENDAZE_TEST_USER_DATA_DIR');
    await sleep(1500); // let the log channel flush to disk
    assert.ok(seen.size >= 6, `the suite saw secrets to look for (${seen.size})`);
    const runDir = dirname(root); // ud/, plus the harness's server, workbench and test output logs beside it
    const files = filesUnder(runDir);
    assert.ok(files.some((f) => /Vendaze\.log$|vendaze/i.test(f)), 'the extension log is among the scanned files');
    assert.deepEqual(clearTextSecrets(files, seen), []);
  });
});
