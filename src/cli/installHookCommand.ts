/** `vendaze-scan install-hook [--force]`: the plain git hook for teams without the pre-commit framework. */
import { realpathSync } from 'node:fs';
import { installHook } from '../scanPolicy/gitHook';
import { printable } from './sanitize';

export function installHookCommand(cwd: string, force: boolean, write: (t: string) => void, warn: (t: string) => void): number {
  // The file node is running: the bundle itself (through npx's .bin symlink, hence realpath).
  const cliPath = realpathSync(process.argv[1] ?? __filename);
  const result = installHook({ cwd, cliPath, force });
  switch (result.status) {
    case 'no-repository':
      warn('vendaze-scan: install-hook needs a git repository.\n');
      return 2;
    case 'exists':
      warn(
        `vendaze-scan: ${printable(result.path)} already exists and was not written by vendaze-scan; left unchanged.\n` +
          `Add "vendaze-scan --staged" to it yourself, or rerun with --force to replace it (it is kept as pre-commit.vendaze-backup).\n`,
      );
      return 2;
    default:
      write(`vendaze-scan: pre-commit hook ${result.status} at ${printable(result.path)}${result.backup ? ` (previous hook kept as ${printable(result.backup)})` : ''}.\n`);
      return 0;
  }
}
