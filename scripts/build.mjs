// esbuild driver.
//   node scripts/build.mjs               bundles the extension (and the CLIs) into dist/, minified, with source maps
//   node scripts/build.mjs --watch       the same, rebuilding on change
//   node scripts/build.mjs --tests       also transpiles src/ and test/ file by file into out/ for the test tiers
// Type checking is a separate step (`npm run typecheck`): esbuild only strips types.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSchemas } from './gen-schemas.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
const withTests = process.argv.includes('--tests');

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

function bundleOptions({ in: entry, out }) {
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
    plugins: watch ? [problemMatcher] : [],
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
  };
}

// The editor JSON schemas (jsonValidation) are generated from the zod schemas before anything is bundled.
await writeSchemas();

const configs = bundles.map(bundleOptions);
if (withTests) {
  rmSync(join(root, 'out'), { recursive: true, force: true });
  configs.push(testOptions());
}

if (watch) {
  for (const config of configs) await (await esbuild.context(config)).watch();
} else {
  await Promise.all(configs.map((config) => esbuild.build(config)));
}
