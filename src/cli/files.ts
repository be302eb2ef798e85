/**
 * Which files to scan and how to read them: the working tree (honouring .gitignore through git itself when the
 * path is inside a work tree, a plain walk otherwise) or the staged blobs of the index (`--staged`).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

/** Directories never worth scanning: vendored dependencies and VCS internals. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface SourceFile {
  /** Path shown in reports: relative to the working directory, with forward slashes. */
  path: string;
  read(): Buffer;
  size(): number;
}

function display(path: string, cwd: string): string {
  const rel = relative(cwd, path) || path;
  return sep === '\\' ? rel.split(sep).join('/') : rel;
}

function inSkippedDir(relPath: string): boolean {
  return relPath.split(/[\\/]/).some((part) => SKIPPED_DIRS.has(part));
}

function git(args: string[], cwd: string): Buffer | undefined {
  const result = spawnSync('git', args, { cwd, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });
  return result.status === 0 ? result.stdout : undefined;
}

function nulSeparated(output: Buffer): string[] {
  return output.toString('utf8').split('\u0000').filter((s) => s.length > 0);
}

function fileAt(absolute: string, cwd: string): SourceFile {
  return { path: display(absolute, cwd), read: () => readFileSync(absolute), size: () => statSync(absolute).size };
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(join(dir, entry.name), out);
    } else if (entry.isFile()) {
      out.push(join(dir, entry.name));
    }
    // Symlinks are not followed: they can loop, and their target is scanned where it lives.
  }
}

/** Files under the given paths; a path naming a file is scanned even if git ignores it (it was asked for). */
export function workingTreeFiles(paths: readonly string[], cwd: string, useGit = true): SourceFile[] {
  const seen = new Set<string>();
  const files: SourceFile[] = [];
  const add = (absolute: string): void => {
    if (!seen.has(absolute)) {
      seen.add(absolute);
      files.push(fileAt(absolute, cwd));
    }
  };
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const stat = statSync(absolute); // throws ENOENT: reported as a usage error by the caller
    if (stat.isFile()) {
      add(absolute);
      continue;
    }
    const listed = useGit ? git(['ls-files', '--cached', '--others', '--exclude-standard', '-z'], absolute) : undefined;
    if (listed) {
      for (const rel of nulSeparated(listed)) {
        if (inSkippedDir(rel)) continue;
        const file = join(absolute, rel);
        // --cached also lists files deleted from the work tree: only what exists is scanned.
        try {
          if (statSync(file).isFile()) add(file);
        } catch {
          /* deleted */
        }
      }
    } else {
      const found: string[] = [];
      walk(absolute, found);
      found.sort().forEach(add);
    }
  }
  return files;
}

/** The staged (index) version of every added, copied, modified or renamed file: what the commit will contain. */
export function stagedFiles(paths: readonly string[], cwd: string): SourceFile[] {
  const listed = git(['diff', '--cached', '--name-only', '--diff-filter=ACMR', '-z', '--', ...paths], cwd);
  if (!listed) throw new Error('--staged needs a git repository (git diff --cached failed).');
  const top = git(['rev-parse', '--show-toplevel'], cwd)?.toString('utf8').trim() ?? cwd;
  return nulSeparated(listed)
    .filter((rel) => !inSkippedDir(rel))
    .map((rel): SourceFile => {
      let blob: Buffer | undefined;
      const read = (): Buffer => {
        blob ??= git(['show', `:${rel}`], top);
        if (!blob) throw new Error(`could not read the staged version of ${rel}`);
        return blob;
      };
      const size = (): number => Number(git(['cat-file', '-s', `:${rel}`], top)?.toString('utf8').trim() ?? 0);
      return { path: display(join(top, rel), cwd), read, size };
    });
}
