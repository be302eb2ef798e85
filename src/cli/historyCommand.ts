/**
 * The --history mode of vendaze-scan: src/history does the scan; this applies the team policy (excludes,
 * severities, baseline by fingerprint and path) and prints human, JSON or SARIF. Exit codes as a file scan: 0
 * nothing found, 1 findings, 2 usage error (not a git repository, unknown --since revision, bad config).
 */
import type { ScanArgs } from './args';
import type { ExtraOptions } from './extraArgs';
import { workingTreeFiles } from './files';
import { git } from './git';
import { findingFields } from './json';
import { applyBaseline, loadPolicy, type Policy } from './policy';
import { scanAll } from './pool';
import type { FileReport, ScanReport } from './report';
import { printable, printableDeep } from './sanitize';
import { toSarif } from './sarif';
import { packageVersion } from './version';
import { scanHistory, type HistoryFinding } from '../history/scanHistory';

type Output = (text: string) => void;

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

export async function historyCommand(args: ScanArgs, extras: ExtraOptions, cwd: string, entry: string, write: Output, warn: Output): Promise<number> {
  if (args.staged || args.paths.length > 0 || args.updateBaseline || extras.verify) {
    warn('vendaze-scan: --history scans the whole repository: it takes no paths, --staged, --update-baseline or --verify.\n');
    return 2;
  }
  const root = git(['rev-parse', '--show-toplevel'], cwd)?.toString('utf8').trim();
  if (!root) {
    warn('vendaze-scan: --history needs a git repository (run it inside a clone).\n');
    return 2;
  }
  let since: string | undefined;
  if (extras.since !== undefined) {
    // Resolved to a commit id here, so git log never sees user text as an option or a revision range.
    since = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${extras.since}^{commit}`], root)?.toString('latin1').trim();
    if (!since) {
      warn(`vendaze-scan: --since: "${printable(extras.since)}" is not a commit of this repository.\n`);
      return 2;
    }
  }
  let policy: Policy;
  try {
    policy = loadPolicy({ cwd: root, ...(args.baseline ? { baselineFile: args.baseline } : {}) });
  } catch (error) {
    warn(`vendaze-scan: ${printable((error as Error).message)}\n`);
    return 2;
  }
  const maxBytes = args.maxFileMb * 1024 * 1024;
  const history = await scanHistory({
    root,
    ...(since ? { since } : {}),
    maxBytes,
    excluded: (path) => policy.excluded(path),
    current: () => scanAll(workingTreeFiles(['.'], root, true).files, { maxBytes, keepValues: true }, entry),
  });
  // Severities and the baseline as for a file scan (history paths are relative to the repository root).
  const meta = new Map<object, HistoryFinding>();
  const files: FileReport[] = [];
  for (const h of history.findings) {
    const [finding] = policy.adjust([h.finding]);
    if (!finding) continue;
    meta.set(finding, h);
    const file = files.find((f) => f.path === h.path);
    if (file) file.findings.push(finding);
    else files.push({ path: h.path, findings: [finding] });
  }
  const fresh = applyBaseline(policy, files);
  const kept = fresh.files.flatMap((f) => f.findings.map((finding) => ({ h: meta.get(finding)!, finding })));
  const report: ScanReport = { files: fresh.files, scanned: history.commits, skipped: 0, failed: 0, excluded: 0, baselined: fresh.baselined };
  if (args.format === 'json') write(`${JSON.stringify(toHistoryJson(kept, history, fresh.baselined), null, 2)}\n`);
  else if (args.format === 'sarif') write(`${JSON.stringify(toHistorySarif(report, meta), null, 2)}\n`);
  else write(toHistoryHuman(kept, history, fresh.baselined));
  return kept.length > 0 ? 1 : 0;
}

function still(h: HistoryFinding): string {
  return h.currentPaths.length > 0 ? `still in the current tree (${h.currentPaths.join(', ')})` : 'removed from the current tree (still in history)';
}

function toHistoryHuman(kept: Array<{ h: HistoryFinding; finding: import('./rules').CliFinding }>, history: { commits: number; bytes: number }, baselined: number): string {
  const lines = kept.map(({ h, finding: f }) =>
    printable(`${h.commit.slice(0, 12)} ${h.authorDate} ${h.path}:${f.line + 1}:${f.column + 1}: ${f.severity} ${f.ruleId} ${f.message} [${still(h)}]`),
  );
  const inTree = kept.filter(({ h }) => h.currentPaths.length > 0).length;
  const accepted = baselined > 0 ? `; ${baselined} accepted in the baseline` : '';
  lines.push(
    `vendaze-scan: ${kept.length} secret${kept.length === 1 ? '' : 's'} in the history of ${history.commits} commit${history.commits === 1 ? '' : 's'} (${inTree} still in the current tree${accepted}; ${mb(history.bytes)} MB of patches read).` +
      (kept.length > 0 ? ' Rotate or revoke each one: removing it from the tree does not remove it from history.' : ''),
  );
  return `${lines.join('\n')}\n`;
}

function toHistoryJson(kept: Array<{ h: HistoryFinding; finding: import('./rules').CliFinding }>, history: { commits: number; bytes: number }, baselined: number): unknown {
  const findings = kept.map(({ h, finding: f }) => ({
    commit: h.commit,
    authorDate: h.authorDate,
    path: h.path,
    line: f.line + 1,
    column: f.column + 1,
    ...findingFields(f),
    inCurrentTree: h.currentPaths.length > 0,
    currentPaths: h.currentPaths,
  }));
  return printableDeep({
    version: 1,
    mode: 'history',
    tool: { name: 'vendaze-scan', version: packageVersion() },
    summary: { findings: findings.length, inCurrentTree: findings.filter((f) => f.inCurrentTree).length, commits: history.commits, bytes: history.bytes, baselined },
    findings,
  });
}

/** The file-scan SARIF, each result located at the introducing commit's path, with the commit as properties. */
function toHistorySarif(report: ScanReport, meta: Map<object, HistoryFinding>): unknown {
  const sarif = toSarif(report, packageVersion()) as { runs: Array<{ results: Array<{ properties?: Record<string, unknown> }> }> };
  const ordered = report.files.flatMap((f) => f.findings.map((finding) => meta.get(finding)!));
  sarif.runs[0]!.results.forEach((result, i) => {
    const h = ordered[i]!;
    result.properties = { ...result.properties, commit: h.commit, authorDate: h.authorDate, inCurrentTree: h.currentPaths.length > 0, currentPaths: h.currentPaths };
  });
  return printableDeep(sarif);
}
