/**
 * Pure parts of "Scan Workspace for Secrets": which files to skip and how findings are summarised.
 * No `vscode` import, so the unit tier tests them.
 */
import type { Finding, RuleId, Severity } from '../detector';

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

/** Everything a test or a caller needs to know about a scan; no secret, only kinds, places and fingerprints. */
export interface WorkspaceScanSummary {
  filesScanned: number;
  /** Binary, lock, too large or ignored by git. */
  filesSkipped: number;
  filesWithFindings: number;
  findings: number;
  byRule: Partial<Record<RuleId, number>>;
  files: Array<{ path: string; findings: Array<{ ruleId: RuleId; severity: Severity; kind: Finding['kind']; line: number; column: number; fingerprint: string }> }>;
  cancelled: boolean;
}

export function emptySummary(): WorkspaceScanSummary {
  return { filesScanned: 0, filesSkipped: 0, filesWithFindings: 0, findings: 0, byRule: {}, files: [], cancelled: false };
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
