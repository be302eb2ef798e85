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
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lazyChunks, lazyFunctions, MAIN_ENTRY, MAIN_OUT, mainEntry, vscodeOnce, zodEnglishOnly } from './build-plugins.mjs';
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
