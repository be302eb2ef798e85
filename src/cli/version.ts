/** The CLI's version: injected by the bundler (the published package's version), else read from package.json. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

declare const VENDAZE_SCAN_VERSION: string | undefined;

/** Walks up from this file (dist/ when bundled, out/src/cli/ in tests) to the first package.json with a version. */
export function packageVersion(): string {
  if (typeof VENDAZE_SCAN_VERSION === 'string') return VENDAZE_SCAN_VERSION;
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if ((pkg.name === 'vendaze-vscode' || pkg.name === 'vendaze-scan') && pkg.version) return pkg.version;
    }
    dir = dirname(dir);
  }
  return '0.0.0';
}
