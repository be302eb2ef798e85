/** The Vendaze secret detector (src/detector) as a CLI rule family. */
import { clientIdNear } from '../../verify/clientId';
import { detectSecrets, LineIndex, RuleIds, type Finding } from '../../detector';
import { CLIENT_ID_LOOKBACK } from '../../detector/keywords';
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
    help: 'Load the client_secret from an environment variable or a secret store. If it was ever committed or shared, rotate it: `POST /v1/auth/rotate-app` (Vendaze: Rotate App) mails a new one and kills the old one at once. A reviewed false positive takes a `vendaze:allow` comment on its line.',
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
  {
    id: RuleIds.mcpBearer,
    name: 'VendazeTokenInMcpConfig',
    short: 'Vendaze bearer token in an MCP server configuration',
    full: 'An "Authorization: Bearer" header of a Vendaze MCP server entry in settings.json or mcp.json. Tokens expire hourly and must not sit in files.',
    help: 'Remove the entry and use the Vendaze extension\'s MCP server instead (its quick fix does it; no token is stored anywhere), then revoke the pasted token.',
    helpUri: `${DOCS}#vendazemcp-bearer`,
    defaultSeverity: 'error',
    precision: 'high',
    tags: ['security', 'secret'],
  },
];

/**
 * A client_id value starts at most CLIENT_ID_LOOKBACK characters after the start of its key; a character is at
 * most 4 UTF-8 bytes. The first dash of a UUID sits 8 characters (ASCII: bytes) into it.
 */
export const KEY_WINDOW = CLIENT_ID_LOOKBACK * 4 + 8;

/**
 * A UUID-shaped run (dashes 5 apart, found the way keywords.ts finds them) with "client"/"CLIENT" in the window
 * before it. Dashes are rare in real code (19 K in the 25 MB bench corpus) where "lient" is not searchable
 * cheaply: V8's string search stops at every "l" (95 ms on that corpus against 2 ms for this).
 */
function clientIdUuid(bytes: Buffer): boolean {
  for (let d = bytes.indexOf(0x2d); d !== -1; d = bytes.indexOf(0x2d, d + 1)) {
    if (bytes[d + 5] !== 0x2d || bytes[d + 10] !== 0x2d || bytes[d + 15] !== 0x2d) continue;
    const window = bytes.subarray(Math.max(0, d - KEY_WINDOW), d);
    if (window.indexOf('lient') !== -1 || window.indexOf('LIENT') !== -1) return true;
  }
  return false;
}

/**
 * "endaze"/"ENDAZE" around a "z"/"Z" at `z` (the detector's own anchor, keywords.ts), "V" not needed: v/V varies.
 * `lower` is 0x20 for the lower-case form (ASCII upper case | 0x20 is lower case): no array per call, as this runs
 * at every "z" of every file (34 K in the bench corpus) while the process is still cold.
 */
function vendazeAt(bytes: Buffer, z: number, lower: number): boolean {
  return (
    bytes[z + 1] === (0x45 | lower) && // E
    bytes[z - 1] === (0x41 | lower) && // A
    bytes[z - 2] === (0x44 | lower) && // D
    bytes[z - 3] === (0x4e | lower) && // N
    bytes[z - 4] === (0x45 | lower) // E
  );
}

/*
 * Each anchor is a single byte that is rare in source text ("z" of vendaze, "Z" of VENDAZE, "J" of eyJ), so
 * Buffer.indexOf(byte) runs as memchr and the few bytes around each hit are compared by hand. Searching the
 * multi-byte strings instead ("endaze", "eyJ") made V8's string search stop at every "e": 4x slower on real code.
 * One loop per anchor, no callback: no closure per file.
 */
function anchoredVendaze(bytes: Buffer, anchor: number, lower: number): boolean {
  for (let i = bytes.indexOf(anchor); i !== -1; i = bytes.indexOf(anchor, i + 1)) if (vendazeAt(bytes, i, lower)) return true;
  return false;
}

function anchoredEyJ(bytes: Buffer): boolean {
  for (let j = bytes.indexOf(0x4a); j !== -1; j = bytes.indexOf(0x4a, j + 1)) if (bytes[j - 1] === 0x79 && bytes[j - 2] === 0x65) return true;
  return false;
}

/**
 * The detector reports nothing without one of: "vendaze"/"VENDAZE" (context, also in the file name), a
 * client_id key holding a UUID (context), or "eyJ" (a JWT). These are decided from the bytes, so most files are
 * never decoded. Only the ASCII anchors the detector itself uses (src/detector/keywords.ts) are searched: UTF-8
 * encodes them as the same bytes. A property test checks that no text the detector reports on is refused here.
 */
export function mayMatch(bytes: Buffer, path: string): boolean {
  if (path.toLowerCase().includes('vendaze')) return true;
  return anchoredVendaze(bytes, 0x7a /* z */, 0x20) || anchoredVendaze(bytes, 0x5a /* Z */, 0) || anchoredEyJ(bytes) || clientIdUuid(bytes);
}

/** mayMatch reads from KEY_WINDOW bytes before a dash to 15 after it (KEY_WINDOW + 16 bytes); other anchors, less. */
const GATE_REACH = KEY_WINDOW + 16;

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
  gateReach: GATE_REACH,
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
