// Start-up cost of the extension (docs/startup.md), for `npm run bench`:
//   bundle-main-kb                 size of what every window loads: dist/extension.js (the code-cache loader) and
//                                  dist/main.js (the main bundle) (target <= 250)
//   activation-ms                  load dist/extension.js + activate() with a fake context, in a fresh Node process
//                                  with a stub `vscode` module, with the V8 code cache an earlier start wrote (every
//                                  start but the first after an install or update); median of 7 runs (target <= 30)
//   activation-cold-ms             the same with no code cache (the first start after an install or update)
//   activation-bundle-load-ms      the load part of activation-ms alone
//   activation-lazy-bundles-loaded dist/lazy-*.js bundles activation required (should be 0: they load on first use)
// Run alone with `node scripts/bench-startup.mjs` (it builds first); `--against DIR` compares with another build.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs in the child: a stub vscode whose every member is a callable, constructible no-op. */
const CHILD = String.raw`
const { performance } = require('node:perf_hooks');
const Module = require('node:module');
const noop = () => {};
const SKIP = new Set(['name', 'length']);
/** A callable, constructible no-op whose every member is another one; instances keep their subclass's methods. */
const target = () => Object.defineProperties(function () {}, { name: { writable: true, value: '' }, length: { writable: true, value: 0 } });
const stub = (name) => new Proxy(target(), {
  get(t, key) {
    if (key === Symbol.toPrimitive || key === 'toString' || key === 'toJSON') return () => name;
    if (key === 'then' || typeof key === 'symbol') return key === Symbol.iterator ? function* () {} : undefined;
    if (Object.hasOwn(t, key) && !SKIP.has(key)) return t[key];
    return stub(name + '.' + String(key));
  },
  apply: () => stub(name + '()'),
  construct: (_t, _args, newTarget) => new Proxy(Object.create(newTarget.prototype), {
    get: (o, key, receiver) => (key in o || typeof key === 'symbol' || key === 'then' ? Reflect.get(o, key, receiver) : stub(String(key))),
  }),
});
const vscode = Object.fromEntries(JSON.parse(process.env.VSCODE_API_NAMES).map((n) => [n, stub('vscode.' + n)]));
vscode.version = '1.101.0';
// vscode.l10n.t returns the English message, formatted (what VS Code does without a bundle for the locale).
vscode.l10n = { t: (m, ...a) => String(typeof m === 'string' ? m : m.message).replace(/\{(\d+)\}/g, (w, i) => (a[i] === undefined ? w : String(a[i]))), bundle: undefined, uri: undefined };

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) { return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest); };
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };
process.on('unhandledRejection', noop);
const memento = () => { const m = new Map(); return { get: (k, d) => (m.has(k) ? m.get(k) : d), update: async (k, v) => void m.set(k, v), keys: () => [...m.keys()], setKeysForSync: noop }; };
const uri = (path) => Object.assign(stub('uri'), { fsPath: path, path, scheme: 'file' });
const storage = require('node:path').join(require('node:os').tmpdir(), 'vendaze-bench-startup');
const context = {
  subscriptions: [], extensionPath: process.argv[1], extensionUri: uri(process.argv[1]), globalStorageUri: uri(storage), storageUri: uri(storage), logUri: uri(storage),
  globalState: memento(), workspaceState: memento(), environmentVariableCollection: stub('env'),
  secrets: { get: async () => undefined, store: async () => {}, delete: async () => {}, onDidChange: () => ({ dispose: noop }) },
  extension: { id: 'vendaze.vendaze-vscode', packageJSON: require(process.argv[1] + '/package.json') },
  extensionMode: 1,
};
const started = performance.now();
const extension = require(process.argv[1] + '/dist/extension.js');
const loadMs = performance.now() - started;
extension.activate(context);
const ms = performance.now() - started;
const lazy = Object.keys(require.cache).filter((f) => /[\\/]dist[\\/]lazy-/.test(f)).length;
const codeCache = extension.__vendazeCodeCache ?? 'none';
// VENDAZE_CHECK_LAZY: then every lazy bundle must load against this main bundle (it takes shared modules from it).
const failed = [];
if (process.env.VENDAZE_CHECK_LAZY) {
  const dist = require('node:path').join(process.argv[1], 'dist');
  for (const file of require('node:fs').readdirSync(dist).filter((f) => /^lazy-.*\.js$/.test(f))) {
    try { require(require('node:path').join(dist, file)); } catch (error) { failed.push(file + ': ' + error.message); }
  }
}
// VENDAZE_WAIT_CODE_CACHE: stay until the loader has written its code cache (a warm-up start, untimed).
const cacheDir = require('node:path').join(process.argv[1], 'dist', '.v8cache');
const waitUntil = Date.now() + 20000;
const done = () => process.stdout.write(JSON.stringify({ ms, loadMs, lazy, failed, codeCache }), () => process.exit(0));
const poll = () => (require('node:fs').existsSync(cacheDir) && require('node:fs').readdirSync(cacheDir).some((f) => f.endsWith('.v8cache')) || Date.now() > waitUntil ? done() : setTimeout(poll, 100));
if (process.env.VENDAZE_WAIT_CODE_CACHE) poll(); else done();
`;

/** Top-level names of the vscode API, from its type definitions (the stub needs real keys to be imported). */
function vscodeApiNames() {
  const dts = readFileSync(join(root, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  return [...new Set([...dts.matchAll(/^\texport (?:class|enum|namespace|const|let|function) (\w+)/gm)].map((m) => m[1]))];
}

const cacheDirOf = (dir) => join(dir, 'dist', '.v8cache');
const hasCodeCache = (dir) => existsSync(cacheDirOf(dir)) && readdirSync(cacheDirOf(dir)).some((f) => f.endsWith('.v8cache'));

/**
 * Medians over `runs` fresh processes for each extension root, interleaved so machine load hits all alike: a cold
 * start (the code cache moved aside) and a warm one (the cache an earlier start wrote) in every round. A build
 * without the code-cache loader (an older one, for --against) has only cold starts.
 */
export function timeActivation(roots, runs = 7) {
  const env = { ...process.env, VSCODE_API_NAMES: JSON.stringify(vscodeApiNames()) };
  const child = (dir, extra = {}) => JSON.parse(execFileSync(process.execPath, ['-e', CHILD, dir], { encoding: 'utf8', env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'inherit'] }));
  // A first start that stays until the loader has written its cache, as VS Code's host stays: untimed.
  const cached = roots.map((dir) => {
    rmSync(cacheDirOf(dir), { recursive: true, force: true });
    if (child(dir, { VENDAZE_WAIT_CODE_CACHE: '1' }).codeCache === 'none') return false;
    if (!hasCodeCache(dir)) throw new Error(`${dir}: the loader wrote no code cache`);
    return true;
  });
  const results = roots.map(() => ({ cold: [], warm: [] }));
  for (let i = 0; i < runs; i++) {
    roots.forEach((dir, k) => {
      if (!cached[k]) return void results[k].cold.push(child(dir));
      const aside = `${cacheDirOf(dir)}-aside`;
      renameSync(cacheDirOf(dir), aside);
      try {
        results[k].cold.push(child(dir)); // exits long before the loader would write a cache
      } finally {
        rmSync(cacheDirOf(dir), { recursive: true, force: true });
        renameSync(aside, cacheDirOf(dir));
      }
      const warm = child(dir);
      if (warm.codeCache !== 'used') throw new Error(`${dir}: a start after the cache was written did not use it (${warm.codeCache})`);
      results[k].warm.push(warm);
    });
  }
  // One more run per build, untimed: each lazy bundle loads after activation (a broken boundary fails the bench).
  for (const dir of roots) {
    const { failed } = child(dir, { VENDAZE_CHECK_LAZY: '1' });
    if (failed.length) throw new Error(`lazy bundles of ${dir} that do not load after activation:\n${failed.join('\n')}`);
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return results.map(({ cold, warm }) => {
    const measured = warm.length ? warm : cold;
    return {
      activationMs: median(measured.map((x) => x.ms)),
      loadMs: median(measured.map((x) => x.loadMs)),
      coldActivationMs: median(cold.map((x) => x.ms)),
      coldLoadMs: median(cold.map((x) => x.loadMs)),
      lazyLoaded: Math.max(...[...cold, ...warm].map((x) => x.lazy)),
    };
  });
}

/** What every window loads: the loader and the main bundle (a build without the loader: extension.js alone). */
export function mainBundleKb(dir) {
  const size = (name) => (existsSync(join(dir, 'dist', name)) ? statSync(join(dir, 'dist', name)).size : 0);
  return (size('extension.js') + size('main.js')) / 1024;
}

/** Builds, then measures this checkout. */
export function measureStartup({ runs = 7 } = {}) {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  const [timing] = timeActivation([root], runs);
  return { bundleMainKb: mainBundleKb(root), ...timing };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const against = process.argv.indexOf('--against');
  if (against > 0) {
    // `--against DIR`: another build (DIR/dist/extension.js, DIR/package.json) measured interleaved with this one.
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
    const other = process.argv[against + 1];
    const [mine, theirs] = timeActivation([root, other], 7);
    const line = (name, dir, t) => `${name}: ${mainBundleKb(dir).toFixed(1)} KB, activation ${t.activationMs.toFixed(1)} ms (load ${t.loadMs.toFixed(1)} ms), cold ${t.coldActivationMs.toFixed(1)} ms (load ${t.coldLoadMs.toFixed(1)} ms)`;
    console.log(line('this checkout', root, mine));
    console.log(line(other, other, theirs));
  } else {
    const s = measureStartup();
    console.log(`bundle-main-kb: ${s.bundleMainKb.toFixed(1)} KB`);
    console.log(`activation-ms: ${s.activationMs.toFixed(1)} ms`);
    console.log(`activation-cold-ms: ${s.coldActivationMs.toFixed(1)} ms`);
    console.log(`activation-bundle-load-ms: ${s.loadMs.toFixed(1)} ms`);
    console.log(`activation-lazy-bundles-loaded: ${s.lazyLoaded} bundles`);
  }
}
