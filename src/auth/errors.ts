import { english, l10n as display, type Words } from '../common/l10n';

/**
 * Why a sign-in did not produce a session. Commands return `toResult()` (plain data, nothing secret) so tests and
 * other extensions can branch on `kind` without parsing messages.
 */

export type SignInErrorKind =
  | 'unknown_app'
  | 'missing_secret'
  | 'invalid_scopes'
  | 'redirect_not_registered'
  | 'redirect_unusable'
  | 'loopback_unavailable'
  | 'api_unreachable'
  | 'browser_not_opened'
  | 'cancelled'
  | 'timeout'
  | 'access_denied'
  | 'callback_error'
  | 'exchange_failed'
  | 'workspace_mismatch'
  | 'untrusted';

export interface SignInErrorResult {
  ok: false;
  kind: SignInErrorKind;
  message: string;
  /** For redirect_not_registered: the exact URI to register. */
  redirectUri?: string;
  alternatives?: string[];
  /** The API error behind an exchange failure: its code, status, request id, Retry-After. */
  apiCode?: string;
  status?: number;
  requestId?: string;
  retryAfterSeconds?: number;
}

export class SignInError extends Error {
  override readonly name = 'SignInError';
  /** For the log only, never shown or returned: e.g. an OAuth callback's own (attacker-controlled) error text, quoted. */
  readonly logDetail?: string;
  /** `message` in English, for the log and the audit record (`message` is in the display language). */
  readonly english: string;
  constructor(
    readonly kind: SignInErrorKind,
    message: string,
    readonly extra: Omit<SignInErrorResult, 'ok' | 'kind' | 'message'> = {},
    options?: { cause?: unknown; logDetail?: string; english?: string },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.logDetail = options?.logDetail;
    this.english = options?.english ?? message;
  }

  toResult(): SignInErrorResult {
    return { ok: false, kind: this.kind, message: this.message, ...this.extra };
  }
}

/**
 * A SignInError worded twice from the same fields: `message` in the display language (the notification, the
 * command's result), `english` for the log and the audit record. `words` takes the translator as a parameter named
 * `l10n`, so each literal is still an `l10n.t('…')` the localization test checks.
 */
export function signInError(
  kind: SignInErrorKind,
  words: (l10n: Words) => string,
  extra: Omit<SignInErrorResult, 'ok' | 'kind' | 'message'> = {},
  options: { cause?: unknown; logDetail?: string } = {},
): SignInError {
  return new SignInError(kind, words(display), extra, { ...options, english: words(english) });
}

export function isSignInError(error: unknown): error is SignInError {
  return error instanceof SignInError;
}

/** Why a stored session stopped working; emitted once per session by the refresh coordinator. */
/**
 * The MCP proxy loads from its own bundle (docs/startup.md) with its own copy of this class, and checks errors the
 * main bundle's refresh coordinator throws: `instanceof` checks a brand both copies share, as VendazeApiError does.
 */
const SESSION_ENDED = Symbol.for('vendaze.SessionEndedError');

export class SessionEndedError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [SESSION_ENDED]?: unknown })[SESSION_ENDED] === true;
  }

  override readonly name = 'SessionEndedError';
  constructor(
    readonly sessionId: string,
    readonly reason: 'invalid_grant' | 'deleted' | 'refresh_outcome_unknown',
    message: string,
  ) {
    super(message);
    (this as unknown as { [SESSION_ENDED]: true })[SESSION_ENDED] = true;
  }
}

/**
 * A refresh that is not made because an earlier one of this session got no answer: its refresh token may be
 * spent, and sending it again could make Vendaze revoke the grant. The session still works until `usableUntil`.
 */
export class RefreshWithheldError extends Error {
  override readonly name = 'RefreshWithheldError';
  constructor(
    readonly sessionId: string,
    readonly usableUntil: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
