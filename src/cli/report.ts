/** What a scan produced, in the shape every output format reads. */
import type { CliFinding } from './rules';

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
