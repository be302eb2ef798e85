// Builds the standalone `vendaze-scan` npm package (packages/vendaze-scan): one self-contained bundle of src/cli
// with the package's version baked in. Run by that package's `prepack` (so `npm pack` / `npm publish` there
// always ship a fresh build) and by scripts/release-bundles.mjs.
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { buildStandalone, root, scanVersion } from './standalone-bundle.mjs';

const version = scanVersion();
const outfile = join(root, 'packages', 'vendaze-scan', 'dist', 'vendaze-scan.js');
await buildStandalone('src/cli/scan.ts', outfile, version);
chmodSync(outfile, 0o755);
console.log(`[build-cli-package] ${outfile} (vendaze-scan ${version})`);
