import { describeError } from '../common/logger';
import { SecretRedactor } from '../common/redact';
import { redactedExcerpt } from '../common/displayText';
import { l10n } from '../common/l10n';

/**
 * The one error type every Vendaze call rejects with. `kind` says what went wrong at which layer, so callers can
 * branch without parsing messages; `userMessage()` says what to DO about it. Every string is redacted at
 * construction, so logging `error.message` or showing `userMessage()` can never leak a secret.
 */

export type ApiErrorKind = 'http' | 'network' | 'timeout' | 'cancelled' | 'invalid_response' | 'config';

export interface VendazeApiErrorInit {
  kind: ApiErrorKind;
  /** Developer-facing detail: the server's `error.message`, the socket error, the schema mismatch... */
  message: string;
  method?: string;
  /** Path without query string, e.g. /oauth/token. */
  path?: string;
  /** host[:port] of the base URL, for "could not reach" messages. */
  host?: string;
  status?: number;
  /** `error.code` from the envelope (may be a code this client does not know). */
  code?: string;
  fields?: Record<string, string>;
  /** X-Request-ID header, else `error.request_id`. */
  requestId?: string;
  /** From Retry-After on a 429. */
  retryAfterSeconds?: number;
  /**
   * "Outcome unknown": the request may have been processed by the server although we could not learn the result
   * (5xx, a gateway's 502/504, a dropped connection, a timeout after sending, an unreadable 2xx). Such calls are
   * never repeated automatically unless repeatable (see retry.ts), and the advice never says "try again".
   */
  outcomeUnknown?: boolean;
  /** For network errors: the connection was made (then dropped), as opposed to DNS/refused/TLS failures. */
  connected?: boolean;
  /** Extra advice from the caller that knows the context (e.g. "the refresh token may already be spent"). */
  hint?: string;
  /** For network errors with a known cause (proxy, certificate, DNS...): what to fix, naming the setting. */
  advice?: string;
  /** `message` in the display language, when it differs (network causes, config problems: the log keeps `message` in English). */
  userDetail?: string;
  timeoutMs?: number;
  cause?: unknown;
  redactor?: SecretRedactor;
}

/** A 422 names the fields it rejects: a server sending thousands would flood the message. */
const MAX_FIELDS = 20;

/** Pattern-only redactor: masks JWTs, `client_secret=…`, Bearer credentials... even without registered values. */
const patternRedactor = new SecretRedactor();

/**
 * The API client is loaded lazily from its own bundle (docs/startup.md), so two copies of this class exist at run
 * time: `instanceof` checks a brand both copies share instead of the prototype chain.
 */
const BRAND = Symbol.for('vendaze.VendazeApiError');

export class VendazeApiError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
  }

  override readonly name = 'VendazeApiError';
  readonly kind: ApiErrorKind;
  readonly detail: string;
  readonly method?: string;
  readonly path?: string;
  readonly host?: string;
  readonly status?: number;
  readonly code?: string;
  readonly fields?: Readonly<Record<string, string>>;
  readonly requestId?: string;
  readonly retryAfterSeconds?: number;
  readonly outcomeUnknown: boolean;
  readonly connected: boolean;
  readonly hint?: string;
  readonly advice?: string;
  readonly userDetail?: string;
  readonly timeoutMs?: number;
  declare private readonly redactor: SecretRedactor;

  constructor(init: VendazeApiErrorInit) {
    const redactor = init.redactor ?? patternRedactor;
    // Redacted, then cut to a few KB: the message, fields and code may be a server's text of any size, and
    // redacting before the cut means a cut can never leave half a secret readable.
    const clean = (text: string, max?: number) => redactedExcerpt(text, (t) => redactor.redact(t), max);
    const detail = clean(init.message);
    const code = init.code === undefined ? undefined : clean(init.code, 100);
    const requestId = init.requestId === undefined ? undefined : clean(init.requestId, 200);
    const fields = init.fields
      ? Object.fromEntries(Object.entries(init.fields).slice(0, MAX_FIELDS).map(([k, v]) => [clean(k, 200), clean(v)]))
      : undefined;
    super(redactor.redact(describe({ ...init, code, requestId, fields }, detail)), init.cause === undefined ? undefined : { cause: init.cause });
    // Not enumerable: keeps the redactor (which holds the secrets) out of JSON.stringify and util.inspect.
    Object.defineProperty(this, 'redactor', { value: redactor, enumerable: false });
    Object.defineProperty(this, BRAND, { value: true, enumerable: false });
    this.kind = init.kind;
    this.detail = detail;
    this.method = init.method;
    this.path = init.path;
    this.host = init.host;
    this.status = init.status;
    this.code = code;
    this.fields = fields;
    this.requestId = requestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
    this.connected = init.connected ?? false;
    this.hint = init.hint === undefined ? undefined : clean(init.hint);
    this.advice = init.advice === undefined ? undefined : clean(init.advice);
    this.userDetail = init.userDetail === undefined ? undefined : clean(init.userDetail);
    this.timeoutMs = init.timeoutMs;
  }

  /** A copy with caller context added (the client knows which call this was; the transport does not). */
  withHint(hint: string): VendazeApiError {
    return new VendazeApiError({ ...this.init(), hint: this.hint ? `${this.hint} ${hint}` : hint });
  }

  /** A copy flagged "outcome unknown" (the transport decides this from the retry rule, see retry.ts). */
  asOutcomeUnknown(): VendazeApiError {
    return this.outcomeUnknown ? this : new VendazeApiError({ ...this.init(), hint: this.hint, outcomeUnknown: true });
  }

  /** One sentence (or two) a user can act on. Never contains a secret. */
  userMessage(): string {
    const text = [baseUserMessage(this), this.hint].filter(Boolean).join(' ');
    return this.redactor.redact(text);
  }

  private init(): VendazeApiErrorInit {
    return {
      kind: this.kind,
      message: this.detail,
      method: this.method,
      path: this.path,
      host: this.host,
      status: this.status,
      code: this.code,
      fields: this.fields ? { ...this.fields } : undefined,
      requestId: this.requestId,
      retryAfterSeconds: this.retryAfterSeconds,
      outcomeUnknown: this.outcomeUnknown,
      connected: this.connected,
      advice: this.advice,
      userDetail: this.userDetail,
      timeoutMs: this.timeoutMs,
      cause: this.cause,
      redactor: this.redactor,
    };
  }
}

export function isVendazeApiError(error: unknown): error is VendazeApiError {
  return error instanceof VendazeApiError;
}

/**
 * What to show a person for anything a call threw: a Vendaze error's advice (what to do, the request id), else
 * the error's own message with token and secret patterns masked, since it did not come through our redaction.
 */
export function userFacingMessage(error: unknown): string {
  if (error instanceof VendazeApiError) return error.userMessage();
  // Our own errors whose `message` stays English (the log, the MCP proxy) carry the display-language text too.
  const display = (error as { displayMessage?: unknown } | undefined)?.displayMessage;
  return patternRedactor.redact(typeof display === 'string' ? display : describeError(error));
}

/** `error.message`: for logs and developers, everything in one line. */
function describe(init: VendazeApiErrorInit, detail: string): string {
  const call = init.method && init.path ? `${init.method} ${init.path}` : 'Vendaze request';
  const status = init.status !== undefined ? ` -> ${init.status}${init.code ? ` ${init.code}` : ''}` : '';
  const fields = init.fields && Object.keys(init.fields).length ? ` ${formatFields(init.fields)}` : '';
  return `${call}${status} [${init.kind}]: ${detail}${fields}${requestIdSuffix(init.requestId)}`;
}

function requestIdSuffix(requestId: string | undefined): string {
  return requestId ? ` ${l10n.t('(request id {0})', requestId)}` : '';
}

export function formatFields(fields: Readonly<Record<string, string>>): string {
  return Object.entries(fields)
    .map(([field, message]) => `${field}: ${message}`)
    .join('; ');
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? l10n.t('the time limit') : `${Math.round(ms / 100) / 10} s`;
}

/** Never "try again": repeating a request that may have been processed can spend a credential twice. */
function unknownOutcome(e: VendazeApiError): string {
  const text = l10n.t('Vendaze may have processed the request before this failure, so it was not repeated automatically.');
  return e.method === 'DELETE' ? `${text} ${l10n.t('Confirm by reading it back: a 404 then means it was deleted.')}` : text;
}

function baseUserMessage(e: VendazeApiError): string {
  const rid = requestIdSuffix(e.requestId);
  const host = e.host ?? l10n.t('the Vendaze API');
  const call = `${e.method ?? ''} ${e.path ?? ''}`.trim();
  switch (e.kind) {
    case 'config':
      return e.userDetail ?? e.detail;
    case 'cancelled':
      return l10n.t('The Vendaze request was cancelled.');
    case 'network':
      if (e.advice && !e.connected) return l10n.t('Could not reach {0}: {1}. {2}', host, e.userDetail ?? e.detail, e.advice);
      return e.connected
        ? `${l10n.t('The connection to {0} dropped before Vendaze answered {1} ({2}).', host, call, e.detail)} ${e.outcomeUnknown ? unknownOutcome(e) : l10n.t('Try again.')}`.replace(/\s{2,}/g, ' ')
        : l10n.t('Could not reach {0}: {1}. Check vendaze.apiBaseUrl and your network (is the sandbox running?).', host, e.detail);
    case 'timeout':
      return e.outcomeUnknown
        ? `${l10n.t('Vendaze did not answer {0} within {1}.', call, seconds(e.timeoutMs))} ${unknownOutcome(e)} ${l10n.t('If this happens often, raise vendaze.requestTimeoutSeconds.')}`.replace(/\s{2,}/g, ' ')
        : `${l10n.t('Vendaze did not answer {0} within {1}.', call, seconds(e.timeoutMs))} ${l10n.t('Try again, or raise vendaze.requestTimeoutSeconds.')}`.replace(/\s{2,}/g, ' ');
    case 'invalid_response':
      return `${l10n.t('Vendaze sent an unexpected answer to {0}: {1}{2}. The API may have changed; please report it with the request id.', call, e.detail, rid)}${e.outcomeUnknown && e.status !== undefined && e.status < 300 ? ` ${unknownOutcome(e)}` : ''}`.replace(/\s{2,}/g, ' ');
    case 'http':
      return httpUserMessage(e, rid);
  }
}

function httpUserMessage(e: VendazeApiError, rid: string): string {
  const status = e.status ?? 0;
  if (status === 429) {
    return e.retryAfterSeconds !== undefined
      ? l10n.t('Vendaze rate limit reached: retry in {0} s{1}.', e.retryAfterSeconds, rid)
      : l10n.t('Vendaze rate limit reached: retry later{0}.', rid);
  }
  if (status >= 500 && e.outcomeUnknown) {
    return `${l10n.t('Vendaze (or a proxy on the way) answered HTTP {0} to {1}{2}.', status, `${e.method ?? ''} ${e.path ?? ''}`.trim(), rid)} ${unknownOutcome(e)}`.replace(/\s{2,}/g, ' ');
  }
  if (status >= 500) {
    return l10n.t('Vendaze had an internal error{0}. Try again later; if it persists, send the request id to support@vendaze.com.', rid || ` ${l10n.t('(no request id)')}`);
  }
  switch (e.code) {
    case 'invalid_client':
      return e.path === '/v1/auth/rotate-app' || e.path === '/v1/auth/delete-app'
        ? l10n.t('Vendaze does not recognise this client_id (or the email does not match): check the app\'s client_id{0}.', rid)
        : l10n.t('client_secret rejected (or the client_id is unknown): rotate the app to get a new secret, or re-enter it{0}.', rid);
    case 'token_expired':
      return l10n.t('The access token has expired: refresh it, or sign in again{0}.', rid);
    case 'unauthorized':
      return l10n.t('The access token was rejected ({0}): sign in again{1}.', e.detail.replace(/\.$/, ''), rid);
    case 'invalid_grant':
      return l10n.t('The authorization code or refresh token is invalid, expired or already used: sign in again{0}.', rid);
    case 'insufficient_scope':
      return l10n.t('{0} Sign in again with that scope (rotate the app first if it is not registered){1}.', e.detail, rid);
    case 'validation_error':
      return l10n.t('Vendaze rejected the request: {0}{1}.', e.fields && Object.keys(e.fields).length ? formatFields(e.fields) : e.detail, rid);
    case 'conflict':
      return e.path === '/v1/auth/register-app'
        ? l10n.t('An app is already registered with this email: rotate that app instead, or use another email{0}.', rid)
        : `${e.detail}${e.fields ? ` ${formatFields(e.fields)}` : ''}${rid}`;
    default:
      return l10n.t('Vendaze answered HTTP {0}: {1}{2}', e.code ? `${status} ${e.code}` : status, e.detail, rid);
  }
}
