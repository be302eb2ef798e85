/**
 * SARIF 2.1.0 output for code-scanning services. Carries rule, location, redacted message and a stable
 * partial fingerprint per result; never the secret.
 */
import type * as Sarif from 'sarif';
import { LineIndex, RuleIds, type Finding, type RuleId, type Severity } from '../detector';

export interface FileFindings {
  path: string;
  text: string;
  findings: Finding[];
}

const RULES: Record<RuleId, { name: string; short: string; full: string }> = {
  [RuleIds.knownSecret]: {
    name: 'KnownVendazeSecret',
    short: 'A Vendaze secret the extension holds is in plain text',
    full: 'The exact value of a client_secret, access token or refresh token held by the Vendaze extension was found. Rotate or revoke it.',
  },
  [RuleIds.clientSecret]: {
    name: 'VendazeClientSecret',
    short: 'Vendaze client_secret in plain text',
    full: 'A value assigned to a client_secret-like key next to Vendaze configuration. Never keep the client_secret in code, repositories, frontends or logs: load it from a secret store, and rotate it if it was committed.',
  },
  [RuleIds.jwt]: {
    name: 'VendazeToken',
    short: 'Vendaze access or refresh token in plain text',
    full: 'A JWT whose claims identify Vendaze (issuer, or client_id + workspace_id + vendaze_scopes). It grants access to a workspace: remove it and revoke it.',
  },
  [RuleIds.genericSecret]: {
    name: 'PossibleSecretNearVendaze',
    short: 'High-entropy credential next to Vendaze configuration',
    full: 'A random-looking value under a token, password, API key or webhook secret key next to Vendaze configuration.',
  },
  [RuleIds.mcpBearer]: {
    name: 'VendazeTokenInMcpConfig',
    short: 'Vendaze bearer token in an MCP server configuration',
    full: 'An "Authorization: Bearer" header of a Vendaze MCP server entry in settings.json or mcp.json. Tokens expire hourly and must not sit in files: use the Vendaze extension\'s MCP server instead, and revoke the token.',
  },
};

const RULE_ORDER = Object.keys(RULES) as RuleId[];

const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note' };

export function toSarif(files: readonly FileFindings[], toolVersion: string): Sarif.Log {
  const results: Sarif.Result[] = [];
  for (const file of files) {
    if (file.findings.length === 0) continue;
    const lines = LineIndex.of(file.text);
    for (const f of file.findings) {
      const end = lines.positionAt(f.end);
      results.push({
        ruleId: f.ruleId,
        ruleIndex: RULE_ORDER.indexOf(f.ruleId),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: encodeURI(file.path), uriBaseId: '%SRCROOT%' },
              region: { startLine: f.line + 1, startColumn: f.column + 1, endLine: end.line + 1, endColumn: end.column + 1 },
            },
          },
        ],
        // Keyed by algorithm version so a future change of the fingerprint scheme does not reopen every alert.
        partialFingerprints: { 'vendazeSecret/v1': f.fingerprint },
        properties: { tier: f.tier, kind: f.kind },
      });
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'vendaze-scan',
            version: toolVersion,
            informationUri: 'https://github.com/vendaze/vendaze-vscode',
            rules: RULE_ORDER.map((id) => ({
              id,
              name: RULES[id].name,
              shortDescription: { text: RULES[id].short },
              fullDescription: { text: RULES[id].full },
              defaultConfiguration: { level: id === RuleIds.genericSecret ? 'warning' : 'error' },
              properties: { tags: ['security', 'secret'], precision: id === RuleIds.genericSecret ? 'medium' : 'high' },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

/** One line per finding (`path:line:col: severity rule message`, 1-based like compilers), then a summary. */
export function toHuman(files: readonly FileFindings[], scanned: number, skipped: number): string {
  const out: string[] = [];
  let total = 0;
  let withFindings = 0;
  for (const file of files) {
    if (file.findings.length === 0) continue;
    withFindings++;
    for (const f of file.findings) {
      total++;
      out.push(`${file.path}:${f.line + 1}:${f.column + 1}: ${f.severity} ${f.ruleId} ${f.message}`);
    }
  }
  const skippedNote = skipped > 0 ? ` (${skipped} skipped: binary, lock or too large)` : '';
  out.push(
    total === 0
      ? `vendaze-scan: no Vendaze secrets found in ${scanned} file${scanned === 1 ? '' : 's'}${skippedNote}.`
      : `vendaze-scan: ${total} finding${total === 1 ? '' : 's'} in ${withFindings} of ${scanned} file${scanned === 1 ? '' : 's'}${skippedNote}. Suppress a reviewed line with a "vendaze:allow" comment.`,
  );
  return out.join('\n');
}
