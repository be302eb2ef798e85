import { execFile } from 'node:child_process';
import { join } from 'node:path';

/**
 * The files git would consider (tracked, plus untracked that no .gitignore excludes) under a folder, as absolute
 * paths; undefined when the folder is not in a git work tree, git is missing, or the workspace is not trusted. One `git ls-files` per folder
 * instead of one `git check-ignore` per file.
 */
export function gitVisibleFiles(folder: string, trusted: boolean): Promise<Set<string> | undefined> {
  // Restricted Mode runs no programs (a repository's git config can run hooks and filters): git is not asked.
  if (!trusted) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    execFile('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: folder, maxBuffer: 1 << 28, timeout: 60_000 }, (error, stdout) => {
      if (error) return resolve(undefined);
      resolve(new Set(stdout.split('\u0000').filter(Boolean).map((rel) => join(folder, rel))));
    });
  });
}
