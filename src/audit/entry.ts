import type { SecretRedactor } from '../common/redact';

/**
 * One line of the audit trail. Secrets are kept out BY CONSTRUCTION, not by care at each call site:
 *  - the type has no free-form field that could carry a credential: `action` and `outcome` are closed lists,
 *    `app`, `workspace` and `requestId` must match the shapes of a client_id, a workspace slug and a request id;
 *  - `detail`, the only prose, is passed through the SecretRedactor (exact secrets the extension knows, plus JWT,
 *    Bearer and `client_secret=` shapes) and truncated;
 *  - `sanitizeAuditInput` copies only the known fields, so an object with an extra `clientSecret` property (a
 *    spread of a larger record) loses it.
 */

export const AUDIT_ACTIONS = [
  'sign-in',
  'sign-out',
  'refresh',
  'session-ended',
  'revoke',
  'register',
  'rotate',
  'store-secret',
  'leak-fix',
  'incident-step',
  'usage-warning',
  'export-audit',
  'delete-app',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_OUTCOMES = ['ok', 'failed', 'cancelled', 'pending', 'started', 'warning'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export interface AuditEntry {
  /** ISO time. */
  time: string;
  action: AuditAction;
  outcome: AuditOutcome;
  /** client_id of the app concerned. */
  app?: string;
  /** Vendaze workspace slug, for session actions. */
  workspace?: string;
  /** Name of the VS Code workspace (folder) the action was taken in. */
  folder?: string;
  /** X-Request-ID of the API call, to quote to Vendaze support. */
  requestId?: string;
  /** Short redacted prose: what happened. */
  detail?: string;
}

export type AuditInput = Omit<AuditEntry, 'time'>;

export const MAX_DETAIL_LENGTH = 500;

/** client_ids are UUIDs in production; the pattern stays loose enough for test and legacy ids, tight enough for no JWT. */
const APP_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const SLUG_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/i;
const REQUEST_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The entry that may be written for `input`, or the reason it may not. A field that does not have its expected
 * shape is dropped (recorded in `detail`), never written as given.
 */
export function sanitizeAuditInput(input: AuditInput, redactor: SecretRedactor, now: Date): AuditEntry {
  const entry: AuditEntry = {
    time: now.toISOString(),
    action: (AUDIT_ACTIONS as readonly string[]).includes(input.action) ? input.action : 'incident-step',
    outcome: (AUDIT_OUTCOMES as readonly string[]).includes(input.outcome) ? input.outcome : 'failed',
  };
  const dropped: string[] = [];
  const keep = (key: 'app' | 'workspace' | 'requestId' | 'folder', pattern: RegExp | undefined) => {
    const value = input[key];
    if (value === undefined || value === '') return;
    // A known secret is never written, even when it happens to have the right shape.
    const clean = typeof value === 'string' ? redactor.redact(value) : '';
    if (clean === value && (!pattern || pattern.test(value))) entry[key] = value;
    else dropped.push(key);
  };
  keep('app', APP_PATTERN);
  keep('workspace', SLUG_PATTERN);
  keep('requestId', REQUEST_ID_PATTERN);
  keep('folder', undefined);
  if (entry.folder !== undefined) entry.folder = entry.folder.slice(0, 100);
  const detail = [input.detail, dropped.length ? `(dropped malformed ${dropped.join(', ')})` : undefined].filter(Boolean).join(' ');
  if (detail) entry.detail = truncate(redactor.redact(detail.replace(/\s+/g, ' ').trim()), MAX_DETAIL_LENGTH);
  return entry;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Parses one JSON line back; undefined for a corrupt or foreign line (a torn write, a hand edit). */
export function parseAuditLine(line: string): AuditEntry | undefined {
  if (!line.trim()) return undefined;
  try {
    const value = JSON.parse(line) as Partial<AuditEntry>;
    if (typeof value.time !== 'string' || typeof value.action !== 'string' || typeof value.outcome !== 'string') return undefined;
    return value as AuditEntry;
  } catch {
    return undefined;
  }
}
