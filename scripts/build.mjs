// esbuild driver.
//   node scripts/build.mjs               bundles the extension (and the CLIs) into dist/, minified, with source maps
//   node scripts/build.mjs --watch       the same, rebuilding on change
//   node scripts/build.mjs --tests       also transpiles src/ and test/ file by file into out/ for the test tiers
// Type checking is a separate step (`npm run typecheck`): esbuild only strips types.
//
// Lazy loading (docs/startup.md): in the extension, every `await import('./x')` of our own code becomes a bundle of
// its own, dist/lazy-<path>.js, required on first use; the main bundle stays small. Build with `--meta` to write
// dist/*.meta.json (what each bundle contains; the bench reads the main bundle's size from dist/extension.js).
import * as esbuild from 'esbuild';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSchemas } from './gen-schemas.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
const withTests = process.argv.includes('--tests');
const withMeta = process.argv.includes('--meta');

/** Bundles that ship: the extension itself and the node programs the package exposes. */
const bundles = [
  { in: 'src/extension.ts', out: 'dist/extension.js' },
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
 * copying it, so each exists once at run time. Modules that are no chunk's entry are copied into every bundle that
 * imports them: pass instances across, never rely on their module state or on `instanceof` (VendazeApiError
 * brands itself for that reason).
 */
function lazyChunks(chunks, self) {
  const chunkFor = (name, entry) => {
    chunks.set(name, entry);
    return { path: `./${name}.js`, external: true };
  };
  return {
    name: 'lazy-chunks',
    setup(build) {
      build.onResolve({ filter: /^zod$/ }, (args) => (self === ZOD_ENTRY ? undefined : chunkFor('lazy-zod', ZOD_ENTRY, args)));
      build.onResolve({ filter: /^\.\.?\// }, async (args) => {
        if (args.pluginData?.lazyResolving || /[\\/]node_modules[\\/]/.test(args.importer)) return undefined;
        const resolved = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, pluginData: { lazyResolving: true } });
        if (resolved.errors.length) return { errors: resolved.errors };
        const entry = relative(root, resolved.path);
        if (entry === self) return undefined;
        const name = `lazy-${relative('src', entry).replace(/\.ts$/, '').replace(/[\\/]/g, '-')}`;
        if (args.kind === 'dynamic-import' || args.kind === 'require-call' || chunks.has(name)) return chunkFor(name, entry);
        return undefined;
      });
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

function bundleOptions({ in: entry, out }, chunks) {
  const self = entry;
  return {
    absWorkingDir: root,
    entryPoints: [entry],
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
    plugins: [zodEnglishOnly, vscodeOnce, ...(chunks ? [lazyChunks(chunks, self)] : []), ...(watch ? [problemMatcher] : [])],
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
const configs = bundles.map((b) => bundleOptions(b, b.out === 'dist/extension.js' ? chunks : undefined));
if (withTests) {
  rmSync(join(root, 'out'), { recursive: true, force: true });
  configs.push(testOptions());
}

async function buildAll() {
  const results = await Promise.all(configs.map((config) => esbuild.build(config)));
  const metas = results.map((r, i) => [configs[i].outfile, r.metafile]);
  // Lazy bundles found while building the extension, then those found in them, until no new one appears.
  for (const built = new Set(); [...chunks.keys()].some((n) => !built.has(n)); ) {
    const pending = [...chunks].filter(([name]) => !built.has(name));
    for (const [name] of pending) built.add(name);
    const more = await Promise.all(pending.map(([name, entry]) => esbuild.build(bundleOptions({ in: entry, out: `dist/${name}.js` }, chunks))));
    metas.push(...more.map((r, i) => [`dist/${pending[i][0]}.js`, r.metafile]));
  }
  if (withMeta) for (const [out, meta] of metas) if (out) writeFileSync(join(root, out.replace(/\.js$/, '.meta.json')), JSON.stringify(meta));
}

if (watch) {
  // Watch mode rebuilds the entry bundles; lazy bundles discovered later need a full build.
  for (const config of configs) await (await esbuild.context(config)).watch();
} else {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  await buildAll();
}
