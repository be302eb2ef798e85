// Builds the standalone `vendaze-scan` npm package (packages/vendaze-scan): one self-contained bundle of src/cli
// with the package's version baked in. Run by that package's `prepack` (so `npm pack` / `npm publish` there
// always ship a fresh build) and by scripts/release-bundles.mjs.
import * as esbuild from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkgDir = join(root, 'packages', 'vendaze-scan');
const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const outfile = join(pkgDir, 'dist', 'vendaze-scan.js');

await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['src/cli/scan.ts'],
  outfile,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  define: { VENDAZE_SCAN_VERSION: JSON.stringify(version) },
  mainFields: ['module', 'main'],
  logLevel: 'warning',
});
chmodSync(outfile, 0o755);
console.log(`[build-cli-package] ${outfile} (vendaze-scan ${version})`);
