// esbuild driver.
//   node scripts/build.mjs               bundles the extension (and the CLIs) into dist/, minified, with source maps
//   node scripts/build.mjs --watch       the same, rebuilding on change
//   node scripts/build.mjs --tests       also transpiles src/ and test/ file by file into out/ for the test tiers
// Type checking is a separate step (`npm run typecheck`): esbuild only strips types.
//
// Lazy loading (docs/startup.md): in the extension, every `await import('./x')` of our own code becomes a bundle of
// its own, dist/lazy-<path>.js, required on first use; the main bundle stays small. Build with `--meta` to write
// dist/*.meta.json (what each bundle contains).
//
// What VS Code loads, dist/extension.js, is a small loader (src/startup/loader.ts) that runs the main bundle,
// dist/main.js, through V8's code cache (src/startup/codeCache.ts); the bench counts both as the main bundle.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSchemas } from './gen-schemas.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
const withTests = process.argv.includes('--tests');
const withMeta = process.argv.includes('--meta');

/** Bundles that ship: the extension itself and the node programs the package exposes. */
const bundles = [
  { in: 'src/extension.ts', out: 'dist/main.js' },
  { in: 'src/sandbox/main.ts', out: 'dist/sandbox.js' },
  { in: 'src/cli/scan.ts', out: 'dist/vendaze-scan.js' },
  // The practice review's rule engine runs in a worker thread, never on the extension host (src/practices/editor/client.ts).
  { in: 'src/practices/worker.ts', out: 'dist/practicesWorker.js' },
];

/** Prints errors the way the `$esbuild-watch` problem matcher expects. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/**
 * zod 4 ships ~260 KB of error-message locales and re-exports them all (z.locales), so a bundler keeps every one.
 * We only ever show English: zod's locale index resolves to English alone.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)) return undefined;
      return { path: join(args.resolveDir, 'locales', 'index.js'), namespace: 'zod-locales', pluginData: { dir: join(args.resolveDir, '..', 'locales') } };
    });
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(join(args.pluginData.dir, 'en.js'))};`,
      resolveDir: args.pluginData.dir,
    }));
  },
};

/**
 * Lazy bundles. In the extension, `require('./x')` / `import('./x')` of our own module inside a function (see
 * src/schemas/lazy.ts) is a load-on-first-use boundary: x becomes its own bundle, dist/lazy-<path>.js, and the call
 * a require() of it. `chunks` (name -> entry) collects them so each is then built, by the same rules, on its own.
 * Any bundle that imports the entry of a lazy bundle (or zod, itself a lazy bundle) requires that bundle instead of
 * copying it, so each exists once at run time.
 *
 * One instance of every module (no copies, so module state and `instanceof` hold across bundles):
 * - a module the main bundle holds is taken from it: a lazy bundle's import of it becomes a lookup in the main
 *   bundle's `__vendazeModules` export (`shared.used` collects them; the main bundle is then built again exporting
 *   exactly those modules' namespaces), e.g. src/audit/recorder.ts and src/clientFactory.ts, whose state the
 *   composition root sets;
 * - a module of ours (src/) that two lazy bundles would both copy becomes a lazy bundle of its own (`shared.split`).
 */
function lazyChunks(chunks, self, shared) {
  const chunkFor = (name, entry) => {
    chunks.set(name, entry);
    return { path: `./${name}.js`, external: true };
  };
  const chunkName = (entry) => `lazy-${relative('src', entry).replace(/\.ts$/, '').replace(/[\\/]/g, '-')}`;
  return {
    name: 'lazy-chunks',
    setup(build) {
      build.onResolve({ filter: /^zod$/ }, (args) => (self === ZOD_ENTRY ? undefined : chunkFor('lazy-zod', ZOD_ENTRY, args)));
      build.onResolve({ filter: /^vendaze-main-bundle$/ }, () => ({ path: './extension.js', external: true }));
      build.onResolve({ filter: /^(\.\.?\/|[^.:/])/ }, async (args) => {
        if (args.pluginData?.lazyResolving || args.path === 'vscode' || args.namespace !== 'file') return undefined;
        const ours = /^\.\.?\//.test(args.path) && !/[\\/]node_modules[\\/]/.test(args.importer);
        // Bare imports (jsonc-parser...) are only ever shared with the main bundle, never split.
        if (!ours && (self === MAIN_ENTRY || !shared)) return undefined;
        const resolved = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, pluginData: { lazyResolving: true } });
        if (resolved.errors.length) return { errors: resolved.errors };
        if (resolved.external) return undefined;
        const entry = relative(root, resolved.path);
        if (entry === self) return undefined;
        const name = chunkName(entry);
        // (The main bundle only requires true lazy entries: a split module it imports is one it tree-shook away.)
        const split = shared?.split.has(entry);
        if (ours && (args.kind === 'dynamic-import' || args.kind === 'require-call' || (chunks.has(name) && !(split && self === MAIN_ENTRY)))) return chunkFor(name, entry);
        if (self !== MAIN_ENTRY && shared?.inMain.has(entry)) {
          shared.used.add(entry);
          return { path: entry, namespace: 'from-main' };
        }
        if (ours && self !== MAIN_ENTRY && split) return chunkFor(name, entry);
        return undefined;
      });
      // The main bundle runs as the module of dist/extension.js (its code-cache loader), which VS Code required and
      // so is in require.cache; requiring dist/main.js again would run a second copy.
      build.onLoad({ filter: /.*/, namespace: 'from-main' }, (args) => ({
        contents: `const main = require.cache[require('node:path').join(__dirname, 'extension.js')];
if (!main) throw new Error('Vendaze: a lazy bundle was loaded without the main bundle (dist/extension.js)');
module.exports = main.exports.__vendazeModules[${JSON.stringify(args.path)}];`,
        loader: 'js',
      }));
    },
  };
}

const MAIN_ENTRY = 'src/extension.ts';
const MAIN_OUT = 'dist/main.js';

/**
 * The main bundle's entry: src/extension.ts, plus the namespaces of the modules lazy bundles take from it
 * (`__vendazeModules`, keyed by path; VS Code only calls activate/deactivate).
 */
function mainEntry(sharedPaths) {
  return {
    name: 'main-entry',
    setup(build) {
      build.onResolve({ filter: /^vendaze-main-entry$/ }, () => ({ path: 'main-entry', namespace: 'main-entry' }));
      build.onLoad({ filter: /.*/, namespace: 'main-entry' }, () => ({
        contents: [
          `export * from './${MAIN_ENTRY}';`,
          ...sharedPaths.map((p, i) => `import * as m${i} from './${p}';`),
          `export const __vendazeModules = { ${sharedPaths.map((p, i) => `${JSON.stringify(p)}: m${i}`).join(', ')} };`,
        ].join('\n'),
        resolveDir: root,
        loader: 'ts',
      }));
    },
  };
}

const ZOD_ENTRY = 'node_modules/zod/index.js';

/**
 * `import * as vscode from 'vscode'` makes esbuild copy the whole API object (hundreds of getters) once per
 * importing module, 60+ times at activation. Routed through one `export * from 'vscode'` module, it is copied once.
 */
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: "export * from 'vscode';", resolveDir: root }));
  },
};

/**
 * Modules whose functions start-up code imports but only calls later, loaded on the first call instead: in the
 * extension's bundles, importing one gives wrappers that require it then.
 * - Node built-ins that cost milliseconds in a fresh process (crypto, child_process, worker_threads: ~10 ms each
 *   here), called for a session id, a git check, the practice worker; fs/promises (~2 ms: it pulls in readline and
 *   the file watchers), called for the first audit entry;
 * - jsonc-parser (20 KB), needed once a payload file or an MCP config is open: a lazy bundle of its own.
 * Functions only (a module exporting anything else that is imported fails the build): a class is constructed
 * through its wrapper (`new Worker(...)` works) but `instanceof` / `extends` would not hold.
 */
const LAZY_BUILTINS = ['node:crypto', 'node:child_process', 'node:worker_threads', 'node:fs/promises'];
const LAZY_PACKAGES = { 'jsonc-parser': 'lazy-jsonc-parser' };
const requireFrom = createRequire(import.meta.url);

function lazyFunctions(chunks, self) {
  const wrappers = (names, target) =>
    [
      `let real; const load = () => (real ??= require(${JSON.stringify(target)}));`,
      ...names.map((name) => `export function ${name}(...args) { return new.target ? Reflect.construct(load().${name}, args) : load().${name}(...args); }`),
    ].join('\n');
  const functionNames = (real) => Object.keys(real).filter((name) => name !== 'default' && /^[A-Za-z_$][\w$]*$/.test(name) && typeof real[name] === 'function');
  return {
    name: 'lazy-functions',
    setup(build) {
      const builtins = new RegExp(`^(${LAZY_BUILTINS.join('|')})$`);
      build.onResolve({ filter: builtins }, (args) => (args.namespace === 'lazy-functions' ? { path: args.path, external: true } : { path: args.path, namespace: 'lazy-functions' }));
      const packages = new RegExp(`^(${Object.keys(LAZY_PACKAGES).join('|')})$`);
      build.onResolve({ filter: packages }, async (args) => {
        if (args.namespace === 'lazy-functions') return { path: `./${LAZY_PACKAGES[args.path]}.js`, external: true };
        if (args.pluginData?.lazyResolving || /[\\/]node_modules[\\/]/.test(args.importer)) return undefined;
        const resolved = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, pluginData: { lazyResolving: true } });
        const entry = relative(root, resolved.path);
        if (entry === self) return undefined;
        chunks.set(LAZY_PACKAGES[args.path], entry);
        return { path: args.path, namespace: 'lazy-functions' };
      });
      build.onLoad({ filter: /.*/, namespace: 'lazy-functions' }, async (args) => ({
        contents: wrappers(functionNames(args.path.startsWith('node:') ? await import(args.path) : requireFrom(join(root, 'node_modules', args.path))), args.path),
        resolveDir: root,
        loader: 'js',
      }));
    },
  };
}

function bundleOptions({ in: entry, out }, chunks, shared) {
  const self = entry;
  // The main bundle, once lazy bundles take modules from it, is built from a virtual entry exporting them.
  const exported = self === MAIN_ENTRY && shared?.used.size ? [...shared.used].sort() : undefined;
  return {
    absWorkingDir: root,
    entryPoints: [exported ? 'vendaze-main-entry' : entry],
    outfile: out,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    // Only the host-provided module stays outside the bundle; undici, zod and jsonc-parser ship inside it.
    external: ['vscode'],
    // jsonc-parser's `main` is a UMD build whose require('./impl/…') calls esbuild cannot follow: prefer ESM entries.
    mainFields: ['module', 'main'],
    logLevel: 'warning',
    // import() becomes require() (a lazy bundle is CommonJS like the rest; VS Code intercepts require('vscode')).
    supported: { 'dynamic-import': false },
    metafile: true,
    plugins: [zodEnglishOnly, vscodeOnce, ...(chunks ? [lazyFunctions(chunks, self)] : []), ...(exported ? [mainEntry(exported)] : []), ...(chunks ? [lazyChunks(chunks, self, shared)] : [])],
  };
}

function tsFilesUnder(dir) {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath ?? e.path, e.name));
}

/** The test tiers run plain CommonJS: transpile each file (no bundling) so out/ mirrors the source tree. */
function testOptions() {
  return {
    absWorkingDir: root,
    entryPoints: [...tsFilesUnder('src'), ...tsFilesUnder('test')],
    outbase: root,
    outdir: join(root, 'out'),
    bundle: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
    // As in the bundles: import('./x') runs as require('./x'), which resolves extension-less paths.
    supported: { 'dynamic-import': false },
  };
}

// The editor JSON schemas (jsonValidation) are generated from the zod schemas before anything is bundled.
await writeSchemas();

/** The extension and every lazy bundle it (transitively) imports; the CLIs are single bundles. */
const chunks = new Map();
const configs = bundles.map((b) => bundleOptions(b, b.out === MAIN_OUT ? chunks : undefined));
if (withTests) {
  rmSync(join(root, 'out'), { recursive: true, force: true });
  configs.push(testOptions());
}

async function buildAll() {
  const results = await Promise.all(configs.map((config) => esbuild.build(config)));
  const metas = new Map(results.map((r, i) => [configs[i].outfile, r.metafile]));
  const mainOut = MAIN_OUT;
  // Every module the main bundle reaches statically, even one it tree-shook: exporting a namespace keeps it whole.
  const shared = { inMain: new Set(Object.keys(metas.get(mainOut).inputs).filter((input) => !input.includes(':'))), used: new Set(), split: new Set() };
  for (;;) {
    // Lazy bundles found while building the extension, then those found in them, until no new one appears.
    shared.used.clear();
    for (const built = new Set(); [...chunks.keys()].some((n) => !built.has(n)); ) {
      const pending = [...chunks].filter(([name]) => !built.has(name));
      for (const [name] of pending) built.add(name);
      const more = await Promise.all(pending.map(([name, entry]) => esbuild.build(bundleOptions({ in: entry, out: `dist/${name}.js` }, chunks, shared))));
      more.forEach((r, i) => metas.set(`dist/${pending[i][0]}.js`, r.metafile));
    }
    // A module of ours copied into two lazy bundles becomes a lazy bundle of its own; then everything is rebuilt.
    const copies = new Map();
    for (const name of chunks.keys()) for (const input of realInputs(metas.get(`dist/${name}.js`), `dist/${name}.js`)) copies.set(input, (copies.get(input) ?? 0) + 1);
    const entries = new Set(chunks.values());
    const split = [...copies].filter(([input, n]) => n > 1 && input.startsWith('src/') && !entries.has(input) && !shared.split.has(input));
    if (!split.length) break;
    for (const [input] of split) shared.split.add(input);
  }
  if (shared.used.size) {
    const config = bundleOptions({ in: MAIN_ENTRY, out: mainOut }, chunks, shared);
    const again = await esbuild.build(config);
    const added = realInputs(again.metafile, mainOut).filter((input) => !shared.inMain.has(input));
    if (added.length) throw new Error(`the main bundle grew while exporting its shared modules: ${added.join(', ')}`);
    metas.set(mainOut, again.metafile);
  }
  // The promise above, checked: no module of ours is in the main bundle and a lazy one, or in two lazy ones.
  const holders = new Map();
  for (const out of [mainOut, ...[...chunks.keys()].map((name) => `dist/${name}.js`)]) {
    for (const input of realInputs(metas.get(out), out).filter((i) => i.startsWith('src/'))) holders.set(input, [...(holders.get(input) ?? []), out]);
  }
  const copied = [...holders].filter(([, outs]) => outs.length > 1);
  if (copied.length) throw new Error(`modules copied into several bundles: ${copied.map(([input, outs]) => `${input} (${outs.join(', ')})`).join('; ')}`);
  if (withMeta) for (const [out, meta] of metas) if (out) writeFileSync(join(root, out.replace(/\.js$/, '.meta.json')), JSON.stringify(meta));
  await buildLoader();
}

/** dist/extension.js: the code-cache loader, keyed by the main bundle's content so no build meets an old cache. */
async function buildLoader() {
  const key = createHash('sha256').update(readFileSync(join(root, MAIN_OUT))).digest('hex').slice(0, 16);
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['src/startup/loader.ts'],
    outfile: 'dist/extension.js',
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: true,
    logLevel: 'warning',
    define: { VENDAZE_MAIN_KEY: JSON.stringify(key) },
  });
}

/** Files (not virtual modules) that went into a bundle, as paths relative to the root. */
function realInputs(metafile, out) {
  return Object.keys(metafile.outputs[out]?.inputs ?? {}).filter((input) => !input.includes(':'));
}

if (watch) {
  // Every change rebuilds everything: lazy bundles take modules from the main bundle, so both must come from the
  // same build. esbuild watches the sources through a context that writes nothing.
  let queue = Promise.resolve();
  const rebuild = { name: 'full-rebuild', setup: (build) => build.onEnd(() => (queue = queue.then(buildAll).catch((error) => console.error(error)))) };
  const [main] = configs;
  await (await esbuild.context({ ...main, write: false, plugins: [...main.plugins, problemMatcher, rebuild] })).watch();
} else {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  await buildAll();
}
