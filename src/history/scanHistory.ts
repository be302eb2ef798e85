/**
 * `vendaze-scan --history`: every secret any commit on any ref added, with the first commit that introduced it
 * (commit, author date, path, line) and whether it is still in the current tree. Streams git's patches through the
 * same detector as a file scan (scanBytes: byte gate, decode, rule families); keeps one entry per secret value,
 * keyed by a one-way hash of the value (memory only), so the same value added again later, or under another rule,
 * is one secret.
 */
import { createHash } from 'node:crypto';
import { scanBytes, type FileResult } from '../cli/scanCore';
import type { CliFinding } from '../cli/rules';
import { streamAddedLines, type AddedFile } from './addedLines';

export interface HistoryFinding {
  commit: string;
  authorDate: string;
  path: string;
  finding: CliFinding;
  /** Paths of the current tree that still hold the value (empty: removed since). */
  currentPaths: string[];
}

export interface HistoryScan {
  findings: HistoryFinding[];
  commits: number;
  /** Bytes of `git log -p` output read. */
  bytes: number;
}

function valueKey(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Which secret values each scan result holds, by value key (values are hashed, then dropped). */
function keysOf(result: FileResult): Map<string, string> {
  const byFingerprint = new Map<string, string>();
  if (result.status === 'scanned') for (const v of result.values ?? []) byFingerprint.set(v.fingerprint, valueKey(v.value));
  return byFingerprint;
}

function earlier(a: string, b: string): boolean {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  return Number.isFinite(ta) && Number.isFinite(tb) ? ta < tb : a < b;
}

export async function scanHistory(options: {
  root: string;
  since?: string;
  maxBytes: number;
  excluded: (path: string) => boolean;
  /** The current tree's scan results (with values kept), for "still there". */
  current: () => Promise<readonly FileResult[]>;
}): Promise<HistoryScan> {
  const firsts = new Map<string, HistoryFinding>();
  const onFile = (file: AddedFile): void => {
    if (options.excluded(file.path)) return;
    const result = scanBytes(file.path, file.bytes, { maxBytes: options.maxBytes, keepValues: true });
    if (result.status !== 'scanned' || result.findings.length === 0) return;
    const keys = keysOf(result);
    for (const f of result.findings) {
      const key = keys.get(f.fingerprint) ?? f.fingerprint;
      const known = firsts.get(key);
      // git log prints newest first: a later callback is usually older; the author date decides.
      if (known && !earlier(file.authorDate, known.authorDate)) continue;
      // Lines of the joined added text back to lines of the file in that commit.
      const line = (file.lines[f.line] ?? 1) - 1;
      const endLine = line + (f.endLine - f.line);
      firsts.set(key, { commit: file.commit, authorDate: file.authorDate, path: file.path, finding: { ...f, line, endLine }, currentPaths: [] });
    }
  };
  const read = await streamAddedLines(options.root, options.since, options.maxBytes, onFile);
  for (const result of await options.current()) {
    if (result.status !== 'scanned') continue;
    const keys = keysOf(result);
    for (const f of result.findings) {
      const entry = firsts.get(keys.get(f.fingerprint) ?? f.fingerprint);
      if (entry && !entry.currentPaths.includes(result.path)) entry.currentPaths.push(result.path);
    }
  }
  const findings = [...firsts.values()].sort((a, b) => (earlier(a.authorDate, b.authorDate) ? -1 : earlier(b.authorDate, a.authorDate) ? 1 : a.path < b.path ? -1 : 1));
  return { findings, commits: read.commits, bytes: read.bytes };
}
