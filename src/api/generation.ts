/**
 * The two documented generations of the Vendaze API, as one model every feature asks instead of assuming
 * (sign-in, revoke, rotate, delete, the payload schema, the MCP bridge, practice rules). Pure: no vscode, no I/O.
 *
 *  - '2026-05' = [P] in the API spec: the PKCE era our product documents describe (the default).
 *  - '2026-07' = [L]: the latest docs source, most likely live.
 *
 * Add a rule here (not an `if (generation === ...)` in a feature) when a new difference matters.
 */

export const API_GENERATIONS = ['2026-05', '2026-07'] as const;
export type ApiGeneration = (typeof API_GENERATIONS)[number];

/** `vendaze.apiGeneration`: a generation, or `auto` (detect, cache per base URL). */
export type ApiGenerationSetting = ApiGeneration | 'auto';

export const DEFAULT_GENERATION: ApiGeneration = '2026-05';
export const LATEST_GENERATION: ApiGeneration = '2026-07';
export const GENERATION_SETTING = 'vendaze.apiGeneration';

export interface GenerationRules {
  readonly id: ApiGeneration;
  /** e.g. "2026-05 (PKCE era)", for messages. */
  readonly label: string;
  readonly authorize: {
    /** `scope` is a query parameter ([P]) or fixed at registration ([L]). */
    readonly sendScope: boolean;
    /** The client sends code_challenge + S256 ([P]); [L] runs PKCE itself. */
    readonly sendPkce: boolean;
  };
  readonly token: {
    /** authorization_code grant carries redirect_uri and code_verifier ([P]) or neither ([L]). */
    readonly sendRedirectUri: boolean;
    readonly sendCodeVerifier: boolean;
  };
  readonly codeTtlSeconds: number;
  readonly revoke: {
    /** [P] takes access or refresh token; [L] answers a refresh token 400 invalid_request. */
    readonly acceptsRefreshToken: boolean;
    /** Which of a session's tokens sign-out revokes. */
    readonly signOutTokens: 'access' | 'access+refresh';
  };
  readonly rotate: {
    /** [L] proves ownership with the registered email. */
    readonly requiresEmail: boolean;
    /** [P] lists replace the old ones (a change revokes sessions); [L] scopes are fixed at registration. */
    readonly scopesMutable: boolean;
    /** [P] requires app_name, redirect_uris and scopes; [L] only client_id + email (the rest optional). */
    readonly requiresFullBody: boolean;
    readonly successStatus: 200 | 201;
    /** [P] may hand out a new client_id; [L] keeps it. */
    readonly mayChangeClientId: boolean;
    /** [L]: active tokens keep working. [P]: kept unless the scopes change. */
    readonly sessionsKept: 'always' | 'unless-scopes-change';
  };
  /** DELETE /v1/auth/delete-app exists ([L], added 2026-07-06). */
  readonly deleteApp: boolean;
  /** GET /v1/me is documented ([L], 2026-06-02). */
  readonly me: boolean;
  readonly secretDelivery: { readonly kind: 'email' } | { readonly kind: 'one-time-link'; readonly linkTtlMinutes: number };
  /** Consent screen: each scope approved on its own ([P]) or all-or-nothing ([L]). */
  readonly consent: 'per-scope' | 'all-or-nothing';
}

const P: GenerationRules = {
  id: '2026-05',
  label: '2026-05 (PKCE era)',
  authorize: { sendScope: true, sendPkce: true },
  token: { sendRedirectUri: true, sendCodeVerifier: true },
  codeTtlSeconds: 5 * 60,
  revoke: { acceptsRefreshToken: true, signOutTokens: 'access+refresh' },
  rotate: { requiresEmail: false, scopesMutable: true, requiresFullBody: true, successStatus: 201, mayChangeClientId: true, sessionsKept: 'unless-scopes-change' },
  deleteApp: false,
  me: false,
  secretDelivery: { kind: 'email' },
  consent: 'per-scope',
};

const L: GenerationRules = {
  id: '2026-07',
  label: '2026-07 (latest)',
  authorize: { sendScope: false, sendPkce: false },
  token: { sendRedirectUri: false, sendCodeVerifier: false },
  codeTtlSeconds: 10 * 60,
  revoke: { acceptsRefreshToken: false, signOutTokens: 'access' },
  rotate: { requiresEmail: true, scopesMutable: false, requiresFullBody: false, successStatus: 200, mayChangeClientId: false, sessionsKept: 'always' },
  deleteApp: true,
  me: true,
  secretDelivery: { kind: 'one-time-link', linkTtlMinutes: 15 },
  consent: 'all-or-nothing',
};

const RULES: Record<ApiGeneration, GenerationRules> = { '2026-05': P, '2026-07': L };

export function generationRules(generation: ApiGeneration): GenerationRules {
  return RULES[generation];
}

export function isApiGeneration(value: unknown): value is ApiGeneration {
  return typeof value === 'string' && (API_GENERATIONS as readonly string[]).includes(value);
}

/** Reads a setting value leniently: anything unknown means `auto`. */
export function parseGenerationSetting(value: unknown): ApiGenerationSetting {
  return isApiGeneration(value) ? value : 'auto';
}

/** Why scopes cannot be edited on rotation, in the words the editor, preview and docs use. */
export const SCOPES_FIXED_REASON = 'Scopes are fixed at registration: register a new app to change them.';

/**
 * What the generation to use is, and where it came from: the setting wins, then what was detected for this base
 * URL, then the default. `source` lets messages say "detected" or "configured" honestly.
 */
export interface ResolvedGeneration {
  generation: ApiGeneration;
  source: 'setting' | 'detected' | 'default';
}

export function resolveGeneration(setting: ApiGenerationSetting, detected: ApiGeneration | undefined): ResolvedGeneration {
  if (setting !== 'auto') return { generation: setting, source: 'setting' };
  if (detected) return { generation: detected, source: 'detected' };
  return { generation: DEFAULT_GENERATION, source: 'default' };
}
