// One self-contained bundle with the vendaze-scan package's version baked in: the npm package's CLI
// (build-cli-package.mjs) and the GitHub Action (release-bundles.mjs) are built by the same rules.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The version the standalone bundles report (packages/vendaze-scan/package.json). */
export const scanVersion = () => JSON.parse(readFileSync(join(root, 'packages', 'vendaze-scan', 'package.json'), 'utf8')).version;

export async function buildStandalone(entry, outfile, version = scanVersion()) {
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
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
}
