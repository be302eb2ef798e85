// esbuild plugins of scripts/build.mjs: zod without its unused locales, one `vscode` import, lazy bundles that
// share every module once (docs/startup.md), and lazy Node built-ins and packages.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');

/**
 * zod 4 ships ~260 KB of error-message locales and re-exports them all (z.locales), so a bundler keeps every one.
 * We only ever show English: zod's locale index resolves to English alone.
 */
export const zodEnglishOnly = {
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
export function lazyChunks(chunks, self, shared) {
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

export const MAIN_ENTRY = 'src/extension.ts';
export const MAIN_OUT = 'dist/main.js';

/**
 * The main bundle's entry: src/extension.ts, plus the namespaces of the modules lazy bundles take from it
 * (`__vendazeModules`, keyed by path; VS Code only calls activate/deactivate).
 */
export function mainEntry(sharedPaths) {
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

export const ZOD_ENTRY = 'node_modules/zod/index.js';

/**
 * `import * as vscode from 'vscode'` makes esbuild copy the whole API object (hundreds of getters) once per
 * importing module, 60+ times at activation. Routed through one module, it is read once: that module reads each
 * top-level name of the API (from its type definitions: what the code can use) into a constant, so `vscode.window`
 * compiles to a plain variable and no copy of the API object is made at all (an `export * from 'vscode'` still
 * defined ~200 getters at every load).
 */
export const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => {
      const dts = readFileSync(join(root, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
      const names = new Set([...dts.matchAll(/^\texport (?:namespace|class|enum|const|let|var|function) (\w+)/gm)].map((m) => m[1]));
      // Marked pure, so the names a bundle does not use are dropped from it.
      const read = [...names].map((name) => `export const ${name} = /* @__PURE__ */ member(${JSON.stringify(name)});`);
      return { contents: ["const api = require('vscode');", 'const member = (name) => api[name];', ...read].join('\n'), resolveDir: root };
    });
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

export function lazyFunctions(chunks, self) {
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
