/** `--format json`: one object, stable field names, no secret values (hint = at most the last 4 characters). */
import type { ScanReport } from './report';
import type { CliFinding } from './rules';
import { printableDeep } from './sanitize';

export const JSON_FORMAT_VERSION = 1;

/** What a finding says, in every JSON output (a scan's and --history's); positions differ per output. */
export function findingFields(f: CliFinding) {
  return { ruleId: f.ruleId, severity: f.severity, kind: f.kind, message: f.message, hint: f.hint, fingerprint: f.fingerprint };
}

export function toJson(report: ScanReport, toolVersion: string): string {
  const findings = report.files.flatMap((file) =>
    file.findings.map((f) => ({
      path: file.path,
      line: f.line + 1,
      column: f.column + 1,
      endLine: f.endLine + 1,
      endColumn: f.endColumn + 1,
      ...findingFields(f),
      verification: f.verification,
      verificationDetail: f.verificationDetail,
    })),
  );
  const { scanned, skipped, failed, excluded, baselined } = report;
  return JSON.stringify(printableDeep({ version: JSON_FORMAT_VERSION, tool: { name: 'vendaze-scan', version: toolVersion }, summary: { findings: findings.length, scanned, skipped, failed, excluded, baselined }, findings }), null, 2);
}
