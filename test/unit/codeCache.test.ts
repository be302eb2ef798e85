/**
 * The main bundle's V8 code cache (src/startup/codeCache.ts), over real files and fresh Node processes: each start
 * is a new process, as each VS Code window's extension host is, so V8 really reads (or refuses) the cache file.
 */
import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const codeCacheModule = join(__dirname, '..', '..', 'src', 'startup', 'codeCache.js');

/** A bundle and its loader side by side, as dist/main.js and dist/extension.js are; removed when the test ends. */
function fixture(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'vendaze-code-cache-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'dep.js'), 'module.exports = { answer: 42 };\n');
  writeFileSync(
    join(dir, 'main.js'),
    `const { answer } = require('./dep.js');
function later(n) { return n * 2; }
module.exports = { answer, doubled: later(answer), file: __filename, dir: __dirname, self: this === module.exports || this === exports };
`,
  );
  return dir;
}

/** One start in a fresh process: runs main.js through the cache, waits for a write, prints the state and exports. */
function start(dir: string, { key = 'k1', cacheDir = join(dir, '.v8cache') } = {}): { state: string; exports: Record<string, unknown> } {
  const loader = join(dir, `loader-${key}.js`);
  writeFileSync(
    loader,
    `const { runWithCodeCache } = require(${JSON.stringify(codeCacheModule)});
const state = runWithCodeCache(module, require, { file: ${JSON.stringify(join(dir, 'main.js'))}, cacheDir: ${JSON.stringify(cacheDir)}, key: ${JSON.stringify(key)}, delayMs: 0 });
setTimeout(() => process.stdout.write(JSON.stringify({ state, exports: module.exports })), 300);
`,
  );
  return JSON.parse(execFileSync(process.execPath, [loader], { encoding: 'utf8' })) as { state: string; exports: Record<string, unknown> };
}

const cacheFiles = (dir: string) => readdirSync(join(dir, '.v8cache')).filter((f) => f.endsWith('.v8cache'));

describe('V8 code cache of the main bundle', () => {
  test('the first start compiles and writes the cache; the next start runs from it, with the same exports', (t) => {
    const dir = fixture(t);
    const first = start(dir);
    assert.equal(first.state, 'absent');
    assert.deepEqual(first.exports, { answer: 42, doubled: 84, file: join(dir, 'main.js'), dir, self: true });
    assert.equal(cacheFiles(dir).length, 1);
    const second = start(dir);
    assert.equal(second.state, 'used');
    assert.deepEqual(second.exports, first.exports);
  });

  test('a damaged cache is refused by V8: the start still runs, and writes a good cache for the next one', (t) => {
    const dir = fixture(t);
    start(dir);
    const [name] = cacheFiles(dir);
    writeFileSync(join(dir, '.v8cache', name!), Buffer.alloc(4096, 7));
    const damaged = start(dir);
    assert.equal(damaged.state, 'rejected');
    assert.equal(damaged.exports['doubled'], 84);
    assert.equal(start(dir).state, 'used');
  });

  test("a new build (another key) never meets the old cache, and its write removes it, not another V8's", (t) => {
    const dir = fixture(t);
    start(dir, { key: 'old' });
    const [oldName] = cacheFiles(dir);
    // The same new build as cached by another host's V8 (a remote or desktop host sharing the folder).
    const otherV8 = 'main-new-0.0.0.0-other.v8cache';
    writeFileSync(join(dir, '.v8cache', otherV8), 'another V8');
    assert.equal(start(dir, { key: 'new' }).state, 'absent');
    const files = cacheFiles(dir);
    assert.equal(files.length, 2);
    assert.ok(files.includes(otherV8));
    assert.ok(!files.includes(oldName!));
    assert.equal(start(dir, { key: 'new' }).state, 'used');
  });

  test('a cache folder that cannot be created (a read-only install) only means no cache', (t) => {
    const dir = fixture(t);
    writeFileSync(join(dir, 'not-a-folder'), '');
    const cacheDir = join(dir, 'not-a-folder', 'cache');
    assert.equal(start(dir, { cacheDir }).state, 'absent');
    const again = start(dir, { cacheDir });
    assert.equal(again.state, 'absent');
    assert.equal(again.exports['answer'], 42);
  });

  test('an error thrown by the bundle reaches the caller (VS Code reports it as an activation failure)', (t) => {
    const dir = fixture(t);
    writeFileSync(join(dir, 'main.js'), "throw new Error('broken bundle');\n");
    assert.throws(() => start(dir), /broken bundle/);
  });
});
