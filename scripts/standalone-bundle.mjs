// One self-contained bundle with the vendaze-scan package's version baked in: the npm package's CLI
// (build-cli-package.mjs) and the GitHub Action (release-bundles.mjs) are built by the same rules.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The version the standalone bundles report (packages/vendaze-scan/package.json). */
export const scanVersion = () => JSON.parse(readFileSync(join(root, 'packages', 'vendaze-scan', 'package.json'), 'utf8')).version;

const common = (version) => ({
  absWorkingDir: root,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  define: { VENDAZE_SCAN_VERSION: JSON.stringify(version) },
  mainFields: ['module', 'main'],
  logLevel: 'warning',
});

/**
 * The config and baseline schemas (src/scanPolicy, i.e. zod), which the CLI requires only when such a file exists
 * (src/cli/policy.ts), are carried as one string and compiled on the first require. In the one file, V8 parsed
 * zod's ~450 KB at every start even when nothing ran it: 85 ms of CPU on this machine, more than reading and
 * gating a 24 MB tree. A string literal is only scanned. Both `require`s get the one module (their exports do not
 * collide); it runs in its own function scope with the CLI's `require`, as a separate file would, with its own
 * copies of what it imports (pure modules: the schemas and their names).
 */
function lazyPolicySchemas(version) {
  return {
    name: 'lazy-policy-schemas',
    setup(build) {
      build.onResolve({ filter: /^\.\.\/scanPolicy\/(config|baseline)$/ }, (args) =>
        args.kind === 'require-call' ? { path: join(args.resolveDir, '..', 'scanPolicy'), namespace: 'lazy-policy-schemas' } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'lazy-policy-schemas' }, async (args) => {
        const stdin = { contents: "export * from './config';\nexport * from './baseline';\n", resolveDir: args.path, loader: 'ts' };
        const inner = await esbuild.build({ ...common(version), stdin, write: false });
        const code = `(function (exports, require, module) {${inner.outputFiles[0].text}\n})`;
        return {
          contents: `const m = { exports: {} };\nrequire('node:vm').runInThisContext(${JSON.stringify(code)}, { filename: 'vendaze-scan-policy-schemas.js' })(m.exports, require, m);\nmodule.exports = m.exports;\n`,
          loader: 'js',
          resolveDir: args.path,
        };
      });
    },
  };
}

export async function buildStandalone(entry, outfile, version = scanVersion()) {
  await esbuild.build({ ...common(version), entryPoints: [entry], outfile, plugins: [lazyPolicySchemas(version)] });
}
