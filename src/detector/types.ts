/**
 * Public shapes of the secret detector. Pure data: the extension, the CLI and the bench all speak these.
 * No finding ever carries the secret itself: only a kind, a 4-character hint and a one-way fingerprint.
 */

/** Secrets the extension holds and passes in for exact matching (tier 1). Never logged, never persisted. */
export type KnownSecretKind = 'client_secret' | 'access_token' | 'refresh_token';

export interface KnownSecret {
  value: string;
  kind: KnownSecretKind;
  /** The app the secret belongs to: lets the editor offer "rotate this app's secret" / "revoke the tokens". */
  clientId?: string;
  /** Human label (app name) shown in the message. Not secret. */
  label?: string;
}

/** What a known-secret finding points back to: everything about the secret except the secret. */
export interface KnownSecretRef {
  kind: KnownSecretKind;
  clientId?: string;
  label?: string;
}

export type SecretKind = KnownSecretKind | 'webhook_secret' | 'generic_secret';

/** 1 exact known value, 2 client_secret-like key with Vendaze context, 3 Vendaze JWT, 4 high-entropy value near Vendaze. */
export type Tier = 1 | 2 | 3 | 4;

export type Severity = 'error' | 'warning' | 'info';

export const RuleIds = {
  knownSecret: 'vendaze/known-secret',
  clientSecret: 'vendaze/client-secret',
  jwt: 'vendaze/jwt',
  genericSecret: 'vendaze/generic-secret',
  mcpBearer: 'vendaze/mcp-bearer',
} as const;

export type RuleId = (typeof RuleIds)[keyof typeof RuleIds];

export interface Position {
  /** Zero-based line. */
  line: number;
  /** Zero-based column in UTF-16 code units (what VS Code and JS strings count). */
  column: number;
}

export interface Finding {
  ruleId: RuleId;
  tier: Tier;
  severity: Severity;
  kind: SecretKind;
  /** Offsets of the secret value itself (without quotes), in UTF-16 code units. */
  start: number;
  end: number;
  /** Offsets of the whole literal, quotes included: what a quick fix replaces. Equal to start/end when unquoted. */
  literalStart: number;
  literalEnd: number;
  line: number;
  column: number;
  /** Human message; the value is redacted to at most a 4-character hint. */
  message: string;
  /** The hint alone: `…abcd` (last 4 characters) for values of 16+ characters, `value hidden` otherwise. */
  hint: string;
  /** The key the value was assigned to (`client_secret`, `VENDAZE_CLIENT_SECRET`…), when there is one. Not secret. */
  key?: string;
  knownSecretRef?: KnownSecretRef;
  /** Stable one-way id: same rule + same value => same fingerprint, across files, runs and machines. */
  fingerprint: string;
  /**
   * Set on the one finding that stands for everything past MAX_FINDINGS_PER_FILE: it sits on the first value
   * not reported and says how many more there are.
   */
  summary?: true;
}

/** Findings reported per file (a full scan); past it, one summary finding says how many more there are. */
export const MAX_FINDINGS_PER_FILE = 1000;

export interface DetectOptions {
  /** Path or name of the file: selects lock-file skipping, and a name containing "vendaze" counts as context. */
  fileName?: string;
  knownSecrets?: readonly KnownSecret[];
  /** Clock for JWT expiry (ms since epoch); defaults to Date.now(). */
  now?: number;
  /**
   * Maps an offset to a line/column. Editors already keep a line index (VS Code's document.positionAt): passing
   * it keeps incremental rescans independent of the document size. Without it, newlines are counted.
   */
  positionAt?: (offset: number) => Position;
}

/** Read access to a document without materialising it whole (VS Code documents, piece tables…). */
export interface TextSource {
  readonly length: number;
  slice(start: number, end: number): string;
}

/** Result of an incremental rescan: every finding of a full scan that intersects [from, to), and only those. */
export interface RangeScan {
  from: number;
  to: number;
  findings: Finding[];
  /**
   * The text now counts as binary (NUL in its first 8 KB): nothing is reported, region = whole text. An edit near
   * the start can also turn a binary text back into text: a caller that saw `binary: true` before and `false` now
   * must run a full `detectSecrets` (the previous findings it holds are not the text's findings).
   */
  binary: boolean;
}
