/**
 * A plain git pre-commit hook that runs `vendaze-scan --staged`, for teams without the pre-commit framework.
 * Shared by `vendaze-scan install-hook` and the editor's "Install Pre-commit Hook" command; no vscode import.
 *
 * Rules: the hook goes where git will run it (core.hooksPath when set, else the repository's hooks directory,
 * worktrees included); a hook someone else wrote is never replaced silently: without `force` nothing is
 * written, with it the old hook is kept beside as `pre-commit.vendaze-backup`. Our own hook (marked) is updated.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

export const HOOK_MARKER = '# vendaze-scan pre-commit hook';

export type HookInstall =
  | { status: 'installed' | 'updated'; path: string; backup?: string }
  | { status: 'exists'; path: string }
  | { status: 'no-repository'; path?: undefined };

function gitOut(args: string[], cwd: string): string | undefined {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** Where git looks for hooks in the repository at `cwd`, or undefined outside one. */
export function hooksDirectory(cwd: string): string | undefined {
  const top = gitOut(['rev-parse', '--show-toplevel'], cwd);
  if (top === undefined) return undefined;
  const configured = gitOut(['config', '--get', 'core.hooksPath'], cwd);
  // A relative core.hooksPath is relative to the top of the work tree (where git runs hooks from).
  if (configured) return isAbsolute(configured) ? configured : resolve(top, configured);
  const common = gitOut(['rev-parse', '--git-common-dir'], cwd);
  return common === undefined ? undefined : join(resolve(cwd, common), 'hooks');
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The hook script. `cliPath`: the vendaze-scan bundle to run; a PATH install is the fallback if it moved. */
export function hookScript(cliPath: string): string {
  return `#!/bin/sh
${HOOK_MARKER} (written by vendaze-scan install-hook; reinstalling updates it)
# Refuses a commit whose staged files hold a Vendaze secret. Bypass once, after review: git commit --no-verify
CLI=${shellQuote(cliPath)}
if [ -f "$CLI" ] && command -v node >/dev/null 2>&1; then exec node "$CLI" --staged; fi
if command -v vendaze-scan >/dev/null 2>&1; then exec vendaze-scan --staged; fi
echo "vendaze-scan: not found (was $CLI). Install it (npm install -g vendaze-scan) or reinstall this hook." >&2
exit 1
`;
}

export function installHook(options: { cwd: string; cliPath: string; force?: boolean }): HookInstall {
  const dir = hooksDirectory(options.cwd);
  if (dir === undefined) return { status: 'no-repository' };
  const path = join(dir, 'pre-commit');
  const script = hookScript(options.cliPath);
  let backup: string | undefined;
  if (existsSync(path)) {
    const current = readFileSync(path, 'utf8');
    if (!current.includes(HOOK_MARKER)) {
      if (!options.force) return { status: 'exists', path };
      backup = existsSync(`${path}.vendaze-backup`) ? `${path}.vendaze-backup-${Date.now()}` : `${path}.vendaze-backup`;
      renameSync(path, backup);
    } else {
      writeFileSync(path, script);
      chmodSync(path, 0o755);
      return { status: 'updated', path };
    }
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(path, script, { mode: 0o755 });
  chmodSync(path, 0o755);
  return backup ? { status: 'installed', path, backup } : { status: 'installed', path };
}
