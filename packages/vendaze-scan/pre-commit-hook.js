#!/usr/bin/env node
// Entry of the `vendaze-scan` pre-commit hook (.pre-commit-hooks.yaml, language: script). Release tags commit the
// built CLI next to this file; a branch revision has none, so say how to fix the `rev:` instead of a stack trace.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, 'dist', 'vendaze-scan.js');
if (!existsSync(cli)) {
  process.stderr.write(
    'vendaze-scan: this revision of the hook repository has no built CLI.\n' +
      'Pin `rev:` in .pre-commit-config.yaml to a release tag (vX.Y.Z), whose commit carries packages/vendaze-scan/dist/.\n',
  );
  process.exit(2);
}
require(cli).main();
