/** Public option and handle types of the sandbox (re-exported from ./index). */

import type { ApiGeneration } from '../api/generation';
import type { LatestBehaviour } from './generation';
import type { AppRecord } from './state';

/** One rate-limit bucket: `limit` requests per `windowSeconds` (fixed window). */
export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

/** The documented limits, by bucket. /v1 buckets are per app (client), the others per IP. */
export interface RateLimits {
  authorize: RateLimitRule;
  token: RateLimitRule;
  revoke: RateLimitRule;
  register: RateLimitRule;
  rotate: RateLimitRule;
  apiGet: RateLimitRule;
  apiPost: RateLimitRule;
  apiPatch: RateLimitRule;
  apiDelete: RateLimitRule;
  /** /_sandbox/* and the consent page: not a Vendaze limit, generous, only so every answer carries headers. */
  sandbox: RateLimitRule;
}

/** Behaviour that tests (or a user, via POST /_sandbox/faults) change at run time. */
export interface Faults {
  /** Delay before every (non-/_sandbox) request is handled. */
  latencyMs: number;
  /** The next n matching requests answer 500 internal_error. */
  fail500Next: number;
  /** The next n matching requests get their socket destroyed before any answer. */
  dropNext: number;
  /** The next n matching requests answer 200 with a truncated, invalid JSON body. */
  malformedNext: number;
  /**
   * Faults AFTER the commit: the next n matching requests are processed normally (state changed, tokens issued,
   * emails sent), then the answer is lost: replaced by a 500 internal_error, the connection dropped, or never
   * sent (the request hangs until the client gives up). What a gateway or a crashed worker does to a real API.
   */
  fail500AfterNext: number;
  dropAfterNext: number;
  hangAfterNext: number;
  /** Only requests whose path starts with this prefix consume the fault counters ('' = all but /_sandbox). */
  faultPath: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  codeTtlSeconds: number;
  /** How long the consent page of one authorization stays usable. */
  consentTtlSeconds: number;
  rateLimits: RateLimits;
}

export type FaultsPatch = Partial<Omit<Faults, 'rateLimits'>> & { rateLimits?: Partial<RateLimits> };

/**
 * false: the consent page is served and waits for the user.
 * true: /oauth/authorize redirects straight back with a code (first workspace, every requested scope).
 * 'browser': the consent page is served and approves itself with a script (a real browser tab lands on it).
 */
export type AutoApprove = boolean | 'browser';

export interface WorkspaceSeed {
  slug: string;
  name?: string;
}

export interface SandboxOptions {
  /** API generation: '2026-05' ([P], default) or '2026-07' ([L]). */
  api?: ApiGeneration;
  /** [L] only: behaviour where the 2026-07 docs are silent (see LatestBehaviour). */
  latest?: Partial<LatestBehaviour>;
  /** 0 (default) = a free port. The server listens on 127.0.0.1 only. */
  port?: number;
  /** Serve https with this PEM key and certificate chain instead of plain http (tests of proxies and CAs). */
  tls?: { key: string | Buffer; cert: string | Buffer };
  autoApprove?: AutoApprove;
  /** Default: acme-corp, globex. Ignored for slugs already in a loaded state file. */
  workspaces?: Array<string | WorkspaceSeed>;
  /** JSON file holding the whole server-side state: loaded on start, rewritten after every change. */
  stateFile?: string;
  faults?: FaultsPatch;
  /** Receives one line per request and every email the sandbox "sends" (with its secret: it is the mailbox). */
  log?: (line: string) => void;
  /** Registers (once) the demo app and a few demo people so a user can try the extension at once. */
  seedDemoApp?: boolean;
  /**
   * Redirect URIs the demo app accepts besides the default loopback callbacks: the one the editor will really use
   * (code-server maps the loopback to its /proxy/<port>/callback route). Added to a persisted demo app too.
   */
  demoRedirectUris?: string[];
  /**
   * Reusing an already-used refresh token fails with invalid_grant; when true (default, as OAuth 2.1 advises) it
   * also revokes the whole grant, since reuse means the token leaked.
   */
  revokeGrantOnRefreshReuse?: boolean;
  /**
   * Host names (or URLs / authorities to take them from) served besides loopback: the name the editor's
   * `asExternalUri` gives the sandbox (code-server, Codespaces). Any other `Host` is refused (DNS rebinding).
   */
  allowedHosts?: string[];
}

export interface MailMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  /** The client_id the message is about, and the secret it delivers (the only place a secret ever appears). */
  client_id: string;
  client_secret: string;
  kind: 'registered' | 'rotated';
  sent_at: string;
  /** [L]: the one-time link that shows the secret once, for 15 minutes (the text carries the link, not the secret). */
  secret_link?: string;
  link_expires_at?: string;
  link_opened_at?: string;
}

export interface Mailbox {
  list(): MailMessage[];
  latestFor(email: string): MailMessage | undefined;
  /** The current secret of `client_id`, as delivered by the latest email about it. */
  secretFor(clientId: string): string | undefined;
}

/** An app as tests and tools may see it: the stored record without its internal id and secret hash. */
export type AppSnapshot = Omit<AppRecord, 'id' | 'secret_hash'>;

export interface TokenCounts {
  /** Grants (user authorizations) not revoked. */
  grants: number;
  /** Access tokens not revoked and not expired. */
  accessTokens: number;
  /** Refresh tokens neither used, revoked nor expired. */
  refreshTokens: number;
}

export interface RequestLogEntry {
  at: string;
  method: string;
  /** Path without the query string (it may carry a code). */
  path: string;
  status: number;
  requestId: string;
  /** Error code when the answer was an error envelope. */
  error?: string;
}

export interface DemoApp {
  client_id: string;
  client_secret: string;
  email: string;
  app_name: string;
  redirect_uris: string[];
  scopes: string[];
}

export interface RunningSandbox {
  /** The generation it speaks, and (for 2026-07) its choices on the undocumented points. */
  api: ApiGeneration;
  latest?: LatestBehaviour;
  /** e.g. http://127.0.0.1:7450 (no trailing slash). */
  baseUrl: string;
  port: number;
  mailbox: Mailbox;
  demoApp?: DemoApp;
  close(): Promise<void>;
  setFaults(patch: FaultsPatch): Faults;
  faults(): Faults;
  setAutoApprove(mode: AutoApprove): void;
  /** Moves the sandbox clock forward (token/code expiry, rate-limit windows) without waiting. */
  advanceClock(seconds: number): void;
  apps(): AppSnapshot[];
  /** Counts for the app that has (or had, before a rotation) this client_id. */
  activeTokens(clientId: string): TokenCounts;
  workspaces(): Array<{ id: string; slug: string; name: string; people: number }>;
  /** Every request answered so far (oldest first, last 1000). */
  requestLog(): RequestLogEntry[];
}
