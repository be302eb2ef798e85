/** What a scan produced, in the shape every output format reads. */
import type { Policy } from './policy';
import type { CliFinding } from './rules';
import type { FileResult } from './scanCore';

export interface FileReport {
  path: string;
  findings: CliFinding[];
}

export interface ScanReport {
  /** Files with findings to report (findings accepted by the baseline are left out). */
  files: FileReport[];
  scanned: number;
  /** Binary, lock or too large. */
  skipped: number;
  /** Could not be read. */
  failed: number;
  /** Left out by the config's excludes. */
  excluded: number;
  /** Findings the baseline accepted (not reported, not failing). */
  baselined: number;
}

export function findingCount(report: ScanReport): number {
  return report.files.reduce((n, f) => n + f.findings.length, 0);
}

/** Per-file results to a report: the config's severities applied, counts kept. */
export function toReport(results: readonly FileResult[], policy: Policy, excluded: number): ScanReport {
  const report: ScanReport = { files: [], scanned: 0, skipped: 0, failed: 0, excluded, baselined: 0 };
  for (const r of results) {
    if (r.status === 'scanned') {
      report.scanned++;
      const findings = policy.adjust(r.findings);
      if (findings.length > 0) report.files.push({ path: r.path, findings });
    } else if (r.status === 'skipped') report.skipped++;
    else if (r.status === 'failed') report.failed++;
    // 'gone': a symlink, a directory or a file deleted since the listing: not a file to count.
  }
  return report;
}
