// Release step: builds what a release tag must carry in git, because consumers run what the tag holds:
//   packages/vendaze-scan/dist/vendaze-scan.js  the CLI (pre-commit hook entry, npm package bin)
//   action/dist/index.js                        the GitHub Action (action.yml, runs.using: node24)
// These paths are git-ignored on branches (they go stale with every source change); on the release commit:
//   node scripts/release-bundles.mjs && git add -f packages/vendaze-scan/dist action/dist && git commit -m "Release vX.Y.Z" && git tag vX.Y.Z
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildStandalone, root } from './standalone-bundle.mjs';

const steps = [['node', [join(root, 'scripts', 'build-cli-package.mjs')]]];
for (const [cmd, args] of steps) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

await buildStandalone('src/action/main.ts', join(root, 'action', 'dist', 'index.js'));
console.log('[release-bundles] action/dist/index.js');
