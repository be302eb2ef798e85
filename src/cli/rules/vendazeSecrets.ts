/** The Vendaze secret detector (src/detector) as a CLI rule family. */
import { detectSecrets, LineIndex, RuleIds, type Finding } from '../../detector';
import type { CliFinding, RuleFamily, RuleInfo, VerifiableValue } from './types';

/** Each rule has a `### <rule id>` heading in docs/vendaze-scan.md; GitHub drops the slash from the anchor. */
const DOCS = 'https://github.com/vendaze/vendaze-vscode/blob/main/docs/vendaze-scan.md';

const RULES: RuleInfo[] = [
  {
    id: RuleIds.knownSecret,
    name: 'KnownVendazeSecret',
    short: 'A Vendaze secret the extension holds is in plain text',
    full: 'The exact value of a client_secret, access token or refresh token held by the Vendaze extension was found. Rotate or revoke it.',
    help: 'This is a live credential. Rotate the app secret (Vendaze: Rotate App) or revoke the token, then remove it from the file and from git history.',
    helpUri: `${DOCS}#vendazeknown-secret`,
    defaultSeverity: 'error',
    precision: 'very-high',
    tags: ['security', 'secret'],
  },
  {
    id: RuleIds.clientSecret,
    name: 'VendazeClientSecret',
    short: 'Vendaze client_secret in plain text',
    full: 'A value assigned to a client_secret-like key next to Vendaze configuration. Never keep the client_secret in code, repositories, frontends or logs: load it from a secret store, and rotate it if it was committed.',
    help: 'Load the client_secret from an environment variable or a secret store. If it was ever committed or shared, rotate it: `POST /v1/apps/{client_id}/rotate` (Vendaze: Rotate App) mails a new one and kills the old one at once. A reviewed false positive takes a `vendaze:allow` comment on its line.',
    helpUri: `${DOCS}#vendazeclient-secret`,
    defaultSeverity: 'error',
    precision: 'high',
    tags: ['security', 'secret'],
  },
  {
    id: RuleIds.jwt,
    name: 'VendazeToken',
    short: 'Vendaze access or refresh token in plain text',
    full: 'A JWT whose claims identify Vendaze (issuer, or client_id + workspace_id + vendaze_scopes). It grants access to a workspace: remove it and revoke it.',
    help: 'Remove the token and revoke it (`POST /oauth/revoke`, or Vendaze: Revoke Token). An expired access token still names the workspace and app.',
    helpUri: `${DOCS}#vendazejwt`,
    defaultSeverity: 'error',
    precision: 'high',
    tags: ['security', 'secret'],
  },
  {
    id: RuleIds.genericSecret,
    name: 'PossibleSecretNearVendaze',
    short: 'High-entropy credential next to Vendaze configuration',
    full: 'A random-looking value under a token, password, API key or webhook secret key next to Vendaze configuration.',
    help: 'If this is a credential, load it from an environment variable or a secret store and rotate it. A reviewed false positive takes a `vendaze:allow` comment on its line.',
    helpUri: `${DOCS}#vendazegeneric-secret`,
    defaultSeverity: 'warning',
    precision: 'medium',
    tags: ['security', 'secret'],
  },
];

/**
 * The detector reports nothing without one of: "vendaze"/"VENDAZE" (context, also in the file name), a
 * client_id key holding a UUID (context), or "eyJ" (a JWT). Buffer.indexOf runs these as native byte searches,
 * so most files are decided without being decoded. Only the exact ASCII anchors the detector itself uses
 * (src/detector/keywords.ts) are searched: UTF-8 encodes them as the same bytes.
 */
function mayMatch(bytes: Buffer, path: string): boolean {
  if (path.toLowerCase().includes('vendaze')) return true;
  if (bytes.indexOf('endaze') !== -1 || bytes.indexOf('ENDAZE') !== -1 || bytes.indexOf('eyJ') !== -1) return true;
  return (bytes.indexOf('lient') !== -1 || bytes.indexOf('LIENT') !== -1) && bytes.indexOf('-') !== -1;
}

/** The client_id a finding's message or neighbourhood names (for --verify): the nearest UUID after a client_id key. */
const CLIENT_ID_NEAR = /client[_-]?id["']?\s*[:=]\s*["']?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})/gi;

function clientIdNear(text: string, at: number): string | undefined {
  const from = Math.max(0, at - 2048);
  const window = text.slice(from, Math.min(text.length, at + 2048));
  let best: { id: string; distance: number } | undefined;
  for (const m of window.matchAll(CLIENT_ID_NEAR)) {
    const distance = Math.abs(from + m.index - at);
    if (!best || distance < best.distance) best = { id: m[1]!, distance };
  }
  return best?.id;
}

function toCli(f: Finding, lines: LineIndex): CliFinding {
  const end = lines.positionAt(f.end);
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    line: f.line,
    column: f.column,
    endLine: end.line,
    endColumn: end.column,
    message: f.message,
    hint: f.hint,
    fingerprint: f.fingerprint,
    kind: f.kind,
    tier: f.tier,
  };
}

export const vendazeSecrets: RuleFamily = {
  id: 'vendaze-secrets',
  rules: RULES,
  mayMatch,
  scan(text, path, { keepValues }) {
    const found = detectSecrets(text, { fileName: path });
    if (found.length === 0) return { findings: [] };
    const lines = LineIndex.of(text);
    const findings = found.map((f) => toCli(f, lines));
    if (!keepValues) return { findings };
    const values: VerifiableValue[] = found.map((f) => {
      const value: VerifiableValue = { fingerprint: f.fingerprint, kind: f.kind, value: text.slice(f.start, f.end) };
      const clientId = f.kind === 'client_secret' ? clientIdNear(text, f.start) : undefined;
      if (clientId) value.clientId = clientId;
      return value;
    });
    return { findings, values };
  },
};
