/**
 * Which files to scan and how to read them: the working tree (honouring .gitignore through git itself when the
 * path is inside a work tree, a plain walk otherwise) or the staged blobs of the index (`--staged`).
 *
 * Symbolic links are never followed, not even a tracked one or one named on the command line: a pull request
 * could otherwise point one at /etc or ~/.ssh and make CI read host files and publish fingerprints of them.
 * A path that cannot be listed or read is reported as a problem and the scan goes on.
 */
import { lstatSync, readdirSync, type Stats } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { blobSizes, git, nulSeparated, readBlobs } from './git';

/** Directories never worth scanning: vendored dependencies and VCS internals. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

/** Either a working-tree file (read with ScratchReader, also from worker threads) or an in-memory blob. */
export type SourceFile =
  | { /** Path shown in reports: relative to cwd, forward slashes, not yet printable. */ path: string; absolute: string }
  | { path: string; size: number; read(): Buffer };

export interface Listing {
  files: SourceFile[];
  /** Paths that could not be listed or were refused (symlinks), with the reason; printed on stderr. */
  problems: string[];
}

function display(path: string, cwd: string): string {
  const rel = relative(cwd, path) || path;
  return sep === '\\' ? rel.split(sep).join('/') : rel;
}

const SKIPPED_NAMES = [...SKIPPED_DIRS];

function inSkippedDir(relPath: string): boolean {
  // Substring tests first: most paths hold no skipped name at all, and then need no split.
  if (!SKIPPED_NAMES.some((name) => relPath.includes(name))) return false;
  return relPath.split(/[\\/]/).some((part) => SKIPPED_DIRS.has(part));
}

function reason(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

function walk(dir: string, out: string[], problems: string[], cwd: string): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    problems.push(`${display(dir, cwd)}: cannot list (${reason(error)})`);
    return;
  }
  for (const entry of entries) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(join(dir, entry.name), out, problems, cwd);
    } else if (entry.isFile()) {
      out.push(join(dir, entry.name));
    }
    // Symlinks (entry.isSymbolicLink()), sockets and devices are not files to scan.
  }
}

/**
 * The listed file `rel` (git's form: relative, normalised, forward slashes) under `dir`, with its display path.
 * On POSIX both are string concatenations: path.join and path.relative per file were a tenth of the CLI's time
 * on a 1,200-file tree. Elsewhere (Windows separators), the general path functions.
 */
function joiner(dir: string, cwd: string): (rel: string) => { path: string; absolute: string } {
  if (sep !== '/') return (rel) => ({ path: display(join(dir, rel), cwd), absolute: join(dir, rel) });
  const base = dir.endsWith('/') ? dir : `${dir}/`;
  const shown = relative(cwd, dir);
  const prefix = shown === '' ? '' : `${shown}/`;
  return (rel) => ({ path: prefix + rel, absolute: base + rel });
}

/** Files under the given paths; a path naming a file is scanned even if git ignores it (it was asked for). */
export function workingTreeFiles(paths: readonly string[], cwd: string, useGit = true): Listing {
  const seen = new Set<string>();
  const files: SourceFile[] = [];
  const problems: string[] = [];
  // No stat per listed file: the reader opens each with O_NOFOLLOW and checks it is a regular file (readFile.ts),
  // which refuses symlinks, directories (submodules) and files deleted since, at no extra system call.
  const add = (absolute: string): void => {
    if (seen.has(absolute)) return;
    seen.add(absolute);
    files.push({ path: display(absolute, cwd), absolute });
  };
  /** A path named on the command line: lstat, never stat, so a symlink is reported as one and not followed. */
  const addNamed = (absolute: string, stat: Stats): void => {
    if (stat.isSymbolicLink()) problems.push(`${display(absolute, cwd)}: symbolic link, not followed`);
    else if (stat.isFile()) add(absolute);
  };
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const stat = lstatSync(absolute); // throws ENOENT: reported as a usage error by the caller
    if (!stat.isDirectory()) {
      addNamed(absolute, stat);
      continue;
    }
    const listed = useGit ? git(['ls-files', '--cached', '--others', '--exclude-standard', '-z'], absolute) : undefined;
    if (listed) {
      // --cached also lists files deleted from the work tree: the reader skips what no longer exists.
      const under = joiner(absolute, cwd);
      for (const rel of nulSeparated(listed)) {
        if (inSkippedDir(rel)) continue;
        const file = under(rel);
        if (!seen.has(file.absolute)) {
          seen.add(file.absolute);
          files.push(file);
        }
      }
    } else {
      const found: string[] = [];
      walk(absolute, found, problems, cwd);
      for (const file of found.sort()) add(file);
    }
  }
  return { files, problems };
}

/** `:old new oldId newId status\0path\0` records of `git diff --raw -z`. */
function rawDiffEntries(output: Buffer): Array<{ mode: string; id: string; path: string }> {
  const fields = output.toString('utf8').split('\u0000');
  const entries: Array<{ mode: string; id: string; path: string }> = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const meta = fields[i]!.split(' ');
    if (meta.length < 5) break;
    entries.push({ mode: meta[1]!, id: meta[3]!, path: fields[i + 1]! });
  }
  return entries;
}

/**
 * The staged (index) version of every added, copied or modified regular file: what the commit will contain.
 * Three git processes in all, whatever the number of files (listing, sizes, contents).
 */
export function stagedFiles(paths: readonly string[], cwd: string, maxBytes: number): Listing {
  const listed = git(['diff', '--cached', '--raw', '-z', '--no-abbrev', '--no-renames', '--diff-filter=ACM', '--', ...paths], cwd);
  if (!listed) throw new Error('--staged needs a git repository (git diff --cached failed).');
  const top = git(['rev-parse', '--show-toplevel'], cwd)?.toString('utf8').trim() ?? cwd;
  // 100644/100755 are files; 120000 (symlink: its text is a path, not followed) and 160000 (submodule) are not.
  const entries = rawDiffEntries(listed).filter((e) => (e.mode === '100644' || e.mode === '100755') && !inSkippedDir(e.path));
  const sizes = blobSizes(entries.map((e) => e.id), top);
  const blobs = readBlobs(entries.filter((e) => (sizes.get(e.id) ?? 0) <= maxBytes).map((e) => e.id), top);
  const files = entries.map((e): SourceFile => {
    const read = (): Buffer => {
      const blob = blobs.get(e.id);
      if (!blob) throw new Error('could not read the staged version');
      return blob;
    };
    return { path: display(join(top, e.path), cwd), size: sizes.get(e.id) ?? 0, read };
  });
  return { files, problems: [] };
}
