/**
 * SARIF 2.1.0 output for code-scanning services. Carries rule (with help text and helpUri), location, redacted
 * message, a stable partial fingerprint and the verification state per result; never the secret.
 */
import type * as Sarif from 'sarif';
import type { Severity } from '../detector';
import type { ScanReport } from './report';
import { allRules } from './rules';
import { printableDeep } from './sanitize';

const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note' };

export function toSarif(report: ScanReport, toolVersion: string): Sarif.Log {
  const rules = allRules();
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results: Sarif.Result[] = [];
  for (const file of report.files) {
    for (const f of file.findings) {
      results.push({
        ruleId: f.ruleId,
        ruleIndex: index.get(f.ruleId) ?? -1,
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: encodeURI(file.path), uriBaseId: '%SRCROOT%' },
              region: { startLine: f.line + 1, startColumn: f.column + 1, endLine: f.endLine + 1, endColumn: f.endColumn + 1 },
            },
          },
        ],
        // Keyed by algorithm version so a future change of the fingerprint scheme does not reopen every alert.
        partialFingerprints: { 'vendazeSecret/v1': f.fingerprint },
        properties: { tier: f.tier, kind: f.kind, verification: f.verification ?? 'not-checked', ...(f.verificationDetail ? { verificationDetail: f.verificationDetail } : {}) },
      });
    }
  }
  return printableDeep({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'vendaze-scan',
            version: toolVersion,
            informationUri: 'https://github.com/vendaze/vendaze-vscode',
            rules: rules.map((r) => ({
              id: r.id,
              name: r.name,
              shortDescription: { text: r.short },
              fullDescription: { text: r.full },
              help: { text: r.help.replace(/`/g, ''), markdown: r.help },
              helpUri: r.helpUri,
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
              properties: { tags: r.tags, precision: r.precision },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  } satisfies Sarif.Log);
}
