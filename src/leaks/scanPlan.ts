/**
 * Pure parts of "Scan Workspace for Secrets": which files to skip and how findings are summarised.
 * No `vscode` import, so the unit tier tests them.
 */
import type { Finding, RuleId, Severity } from '../detector';
import { l10n } from '../common/l10n';

/** Never worth scanning, whatever the settings say. */
export const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/.git/**'];

/**
 * One exclude glob for workspace.findFiles from `files.exclude` (patterns set to true; `when` clauses are
 * treated as unconditional) plus ALWAYS_EXCLUDED. VS Code globs do not nest braces: when a user pattern has its
 * own braces, returns undefined, meaning "let findFiles apply files.exclude itself and filter the rest by path".
 */
export function excludeGlob(filesExclude: Record<string, unknown> | undefined): string | undefined {
  const patterns = Object.entries(filesExclude ?? {})
    .filter(([, enabled]) => enabled === true || (typeof enabled === 'object' && enabled !== null))
    .map(([pattern]) => pattern);
  if (patterns.some((p) => p.includes('{') || p.includes('}') || p.includes(','))) return undefined;
  return `{${[...ALWAYS_EXCLUDED, ...patterns].join(',')}}`;
}

export function inAlwaysExcludedDir(path: string): boolean {
  return /(?:^|[\\/])(?:node_modules|\.git)(?:[\\/]|$)/.test(path);
}

/** Why a file was not scanned; the summary counts each, so "nothing found" never hides what was not looked at. */
export type SkipReason = 'gitIgnored' | 'lockFile' | 'binary' | 'tooLarge' | 'unreadable';

const skipWords = (): Record<SkipReason, string> => ({
  gitIgnored: l10n.t('git-ignored'),
  lockFile: l10n.t('lock file'),
  binary: l10n.t('binary'),
  tooLarge: l10n.t('too large'),
  unreadable: l10n.t('unreadable'),
});

/** Everything a test or a caller needs to know about a scan; no secret, only kinds, places and fingerprints. */
export interface WorkspaceScanSummary {
  filesScanned: number;
  /** Binary, lock, too large, unreadable or ignored by git: the sum of `skipped`. */
  filesSkipped: number;
  skipped: Record<SkipReason, number>;
  /** Findings the live diagnostics already show in open files the scan skipped (a git-ignored .env, say). */
  openSkippedFindings: number;
  /**
   * Findings the live diagnostics show in open documents the scan never listed (outside `include`, excluded by
   * files.exclude, outside the workspace, untitled): counted, so the summary never reads "nothing" beside them.
   */
  openUnlistedFindings: number;
  filesWithFindings: number;
  findings: number;
  byRule: Partial<Record<RuleId, number>>;
  files: Array<{ path: string; findings: Array<{ ruleId: RuleId; severity: Severity; kind: Finding['kind']; line: number; column: number; fingerprint: string }> }>;
  cancelled: boolean;
}

export function emptySummary(): WorkspaceScanSummary {
  const skipped = { gitIgnored: 0, lockFile: 0, binary: 0, tooLarge: 0, unreadable: 0 };
  return { filesScanned: 0, filesSkipped: 0, skipped, openSkippedFindings: 0, openUnlistedFindings: 0, filesWithFindings: 0, findings: 0, byRule: {}, files: [], cancelled: false };
}

export function addSkipped(summary: WorkspaceScanSummary, reason: SkipReason, openFindings = 0): void {
  summary.filesSkipped++;
  summary.skipped[reason]++;
  summary.openSkippedFindings += openFindings;
}

/** The one-line result the user reads: what was found, what was not looked at and why, what open files show. */
export function summaryText(summary: WorkspaceScanSummary): string {
  const files = (n: number) => (n === 1 ? l10n.t('1 file') : l10n.t('{0} files', n));
  const head = summary.cancelled
    ? l10n.t('Scan cancelled after {0}; {1} possible secret(s) so far.', files(summary.filesScanned), summary.findings)
    : summary.findings === 0
      ? l10n.t('No secrets found in {0} scanned.', files(summary.filesScanned))
      : l10n.t('{0} possible secret(s) in {1} of {2} scanned.', summary.findings, files(summary.filesWithFindings), summary.filesScanned);
  const words = skipWords();
  const reasons = (Object.keys(words) as SkipReason[]).filter((r) => summary.skipped[r] > 0).map((r) => `${summary.skipped[r]} ${words[r]}`);
  const skipped = summary.filesSkipped > 0 ? ` ${l10n.t('Not scanned: {0} ({1}).', files(summary.filesSkipped), reasons.join(', '))}` : '';
  const open = summary.openSkippedFindings > 0 ? ` ${l10n.t('{0} more finding(s) are shown in open files the scan skips (Problems view).', summary.openSkippedFindings)}` : '';
  const unlisted =
    summary.openUnlistedFindings > 0 ? ` ${l10n.t('{0} more finding(s) are shown in open files outside the scan (Problems view).', summary.openUnlistedFindings)}` : '';
  return `Vendaze: ${head}${skipped}${open}${unlisted}`;
}

export function addToSummary(summary: WorkspaceScanSummary, path: string, findings: readonly Finding[]): void {
  summary.filesScanned++;
  if (findings.length === 0) return;
  summary.filesWithFindings++;
  summary.findings += findings.length;
  for (const f of findings) summary.byRule[f.ruleId] = (summary.byRule[f.ruleId] ?? 0) + 1;
  summary.files.push({
    path,
    findings: findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, kind: f.kind, line: f.line, column: f.column, fingerprint: f.fingerprint })),
  });
}
