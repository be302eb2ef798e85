// Start-up cost of the extension (docs/startup.md), for `npm run bench`:
//   bundle-main-kb                 size of dist/extension.js, what every window loads (target <= 250)
//   activation-ms                  load dist/extension.js + activate() with a fake context, in a fresh Node process
//                                  with a stub `vscode` module; median of 7 runs (target <= 30)
//   activation-bundle-load-ms      the load part of activation-ms alone
//   activation-lazy-bundles-loaded dist/lazy-*.js bundles activation required (should be 0: they load on first use)
// Run alone with `node scripts/bench-startup.mjs` (it builds first); `--against DIR` compares with another build.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
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
// VENDAZE_CHECK_LAZY: then every lazy bundle must load against this main bundle (it takes shared modules from it).
const failed = [];
if (process.env.VENDAZE_CHECK_LAZY) {
  const dist = require('node:path').join(process.argv[1], 'dist');
  for (const file of require('node:fs').readdirSync(dist).filter((f) => /^lazy-.*\.js$/.test(f))) {
    try { require(require('node:path').join(dist, file)); } catch (error) { failed.push(file + ': ' + error.message); }
  }
}
process.stdout.write(JSON.stringify({ ms, loadMs, lazy, failed }), () => process.exit(0));
`;

/** Top-level names of the vscode API, from its type definitions (the stub needs real keys to be imported). */
function vscodeApiNames() {
  const dts = readFileSync(join(root, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  return [...new Set([...dts.matchAll(/^\texport (?:class|enum|namespace|const|let|function) (\w+)/gm)].map((m) => m[1]))];
}

/** Medians over `runs` fresh processes for each extension root, interleaved so machine load hits all alike. */
export function timeActivation(roots, runs = 7) {
  const env = { ...process.env, VSCODE_API_NAMES: JSON.stringify(vscodeApiNames()) };
  const results = roots.map(() => []);
  for (let i = 0; i < runs; i++) {
    roots.forEach((dir, k) => {
      const out = execFileSync(process.execPath, ['-e', CHILD, dir], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'inherit'] });
      results[k].push(JSON.parse(out));
    });
  }
  // One more run per build, untimed: each lazy bundle loads after activation (a broken boundary fails the bench).
  for (const dir of roots) {
    const out = execFileSync(process.execPath, ['-e', CHILD, dir], { encoding: 'utf8', env: { ...env, VENDAZE_CHECK_LAZY: '1' }, stdio: ['ignore', 'pipe', 'inherit'] });
    const { failed } = JSON.parse(out);
    if (failed.length) throw new Error(`lazy bundles of ${dir} that do not load after activation:\n${failed.join('\n')}`);
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return results.map((r) => ({ activationMs: median(r.map((x) => x.ms)), loadMs: median(r.map((x) => x.loadMs)), lazyLoaded: Math.max(...r.map((x) => x.lazy)) }));
}

/** Builds, then measures this checkout. */
export function measureStartup({ runs = 7 } = {}) {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  const [timing] = timeActivation([root], runs);
  return { bundleMainKb: statSync(join(root, 'dist', 'extension.js')).size / 1024, ...timing };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const against = process.argv.indexOf('--against');
  if (against > 0) {
    // `--against DIR`: another build (DIR/dist/extension.js, DIR/package.json) measured interleaved with this one.
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
    const other = process.argv[against + 1];
    const [mine, theirs] = timeActivation([root, other], 7);
    console.log(`this checkout: ${(statSync(join(root, 'dist', 'extension.js')).size / 1024).toFixed(1)} KB, activation ${mine.activationMs.toFixed(1)} ms (load ${mine.loadMs.toFixed(1)} ms)`);
    console.log(`${other}: ${(statSync(join(other, 'dist', 'extension.js')).size / 1024).toFixed(1)} KB, activation ${theirs.activationMs.toFixed(1)} ms (load ${theirs.loadMs.toFixed(1)} ms)`);
  } else {
    const s = measureStartup();
    console.log(`bundle-main-kb: ${s.bundleMainKb.toFixed(1)} KB`);
    console.log(`activation-ms: ${s.activationMs.toFixed(1)} ms`);
    console.log(`activation-bundle-load-ms: ${s.loadMs.toFixed(1)} ms`);
    console.log(`activation-lazy-bundles-loaded: ${s.lazyLoaded} bundles`);
  }
}
