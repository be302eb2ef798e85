/** Shared helpers for the vendaze-scan CLI tests: run the shipped bundle, make git repositories and files. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The shipped bundle, built by `node scripts/build.mjs` (which `--tests` also runs). */
export const CLI = join(__dirname, '..', '..', '..', '..', 'dist', 'vendaze-scan.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function scan(cwd: string, ...args: string[]): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

export function write(root: string, path: string, content: string | Buffer): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), content);
}
