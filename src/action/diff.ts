/** Lines a pull request adds, per path (relative to the repository root), from `git diff --unified=0`. */
import { git } from '../cli/git';

export type AddedLines = Map<string, Array<[number, number]>>;

/** Parses `+++ b/<path>` and `@@ -a,b +c,d @@` headers; d = 0 is a pure deletion. Paths quoted by git are unquoted. */
export function parseAddedLines(diff: string): AddedLines {
  const added: AddedLines = new Map();
  let current: Array<[number, number]> | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const target = line.slice(4);
      current = undefined;
      if (target === '/dev/null') continue;
      const path = target.startsWith('"') ? (JSON.parse(target) as string).slice(2) : target.slice(2);
      current = [];
      added.set(path, current);
    } else if (current && line.startsWith('@@')) {
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!m) continue;
      const start = Number(m[1]);
      const count = m[2] === undefined ? 1 : Number(m[2]);
      if (count > 0) current.push([start, start + count - 1]);
    }
  }
  return added;
}

export function addedLines(base: string, cwd: string): AddedLines | undefined {
  const out = git(['-c', 'core.quotePath=true', 'diff', '--unified=0', '--no-color', '--no-ext-diff', '--no-renames', `${base}...HEAD`], cwd);
  return out === undefined ? undefined : parseAddedLines(out.toString('utf8'));
}

/** `line` is 1-based. */
export function isAdded(added: AddedLines, path: string, line: number): boolean {
  return (added.get(path) ?? []).some(([a, b]) => line >= a && line <= b);
}
