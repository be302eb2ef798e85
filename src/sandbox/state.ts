import { randomBytes, randomUUID } from 'node:crypto';
import type { AppSnapshot, MailMessage, TokenCounts, WorkspaceSeed } from './types';

/**
 * The sandbox's whole server-side state as plain JSON-able records, so persistence is one JSON.stringify.
 * An app keeps a stable internal `id` across rotations: grants hang off it, which is what lets a rotation
 * with unchanged scopes keep user sessions while the client_id changes.
 */

export interface AppRecord {
  id: string;
  client_id: string;
  /** sha256 of the current client_secret (the plain value only ever lives in the mailbox). */
  secret_hash: string;
  email: string;
  app_name: string;
  description?: string;
  avatar_url?: string;
  redirect_uris: string[];
  scopes: string[];
  /** client_ids this app had before its rotations; all dead. */
  retired_client_ids: string[];
  created_at: string;
  rotated_at?: string;
}

export interface WorkspaceRecord {
  id: string;
  slug: string;
  name: string;
}

/** A consent page waiting for the user's answer. */
export interface PendingAuthorization {
  id: string;
  app_id: string;
  client_id: string;
  redirect_uri: string;
  scopes: string[];
  state: string;
  code_challenge: string;
  expires_at: number;
}

export interface CodeRecord {
  code_hash: string;
  app_id: string;
  redirect_uri: string;
  code_challenge: string;
  scopes: string[];
  workspace_id: string;
  expires_at: number;
  used: boolean;
  /** Grant created when the code was exchanged (revoked if the code is replayed). */
  grant_id?: string;
}

export interface GrantRecord {
  id: string;
  app_id: string;
  workspace_id: string;
  scopes: string[];
  created_at: string;
  revoked_at?: string;
}

export interface AccessTokenRecord {
  jti: string;
  grant_id: string;
  expires_at: number;
  revoked: boolean;
}

export interface RefreshTokenRecord {
  jti: string;
  grant_id: string;
  expires_at: number;
  status: 'active' | 'used' | 'revoked';
}

export interface PersonRecord {
  id: string;
  entity_id: string;
  workspace_id: string;
  full_name: string;
  emails: Array<{ email: string; type?: string }>;
  phones: Array<{ phone: string; type?: string }>;
  company_id: string | null;
  position: string | null;
  owner_email: string | null;
  tags: string[];
  list_ids: string[];
  custom_fields: Array<{ field_key: string; value: string }>;
  score: number;
  source: string;
  created_at: string;
  updated_at: string;
}

export interface IdempotencyRecord {
  key: string;
  app_id: string;
  body_hash: string;
  status: number;
  body: unknown;
  expires_at: number;
}

export interface StateData {
  version: 1;
  /** HS256 key of this sandbox's JWTs (base64url). */
  jwt_key: string;
  apps: AppRecord[];
  workspaces: WorkspaceRecord[];
  pending: PendingAuthorization[];
  codes: CodeRecord[];
  grants: GrantRecord[];
  access_tokens: AccessTokenRecord[];
  refresh_tokens: RefreshTokenRecord[];
  people: PersonRecord[];
  idempotency: IdempotencyRecord[];
  mailbox: MailMessage[];
}

export const DEFAULT_WORKSPACES: WorkspaceSeed[] = [
  { slug: 'acme-corp', name: 'Acme Corp' },
  { slug: 'globex', name: 'Globex' },
];

export function emptyState(): StateData {
  return {
    version: 1,
    jwt_key: randomBytes(32).toString('base64url'),
    apps: [],
    workspaces: [],
    pending: [],
    codes: [],
    grants: [],
    access_tokens: [],
    refresh_tokens: [],
    people: [],
    idempotency: [],
    mailbox: [],
  };
}

/** Adds the workspaces not there yet (a loaded state keeps its ids, so tokens issued before a restart still work). */
export function ensureWorkspaces(state: StateData, seeds: Array<string | WorkspaceSeed>): void {
  for (const seed of seeds) {
    const { slug, name } = typeof seed === 'string' ? { slug: seed, name: undefined } : seed;
    if (state.workspaces.some((w) => w.slug === slug)) continue;
    state.workspaces.push({ id: randomUUID(), slug, name: name ?? titleCase(slug) });
  }
}

function titleCase(slug: string): string {
  return slug.replace(/(^|-)(\w)/g, (_m, dash: string, c: string) => (dash ? ' ' : '') + c.toUpperCase());
}

export function appByClientId(state: StateData, clientId: string): AppRecord | undefined {
  return state.apps.find((a) => a.client_id === clientId);
}

/** Current or retired client_id: for test inspection only, never for authentication. */
export function appByAnyClientId(state: StateData, clientId: string): AppRecord | undefined {
  return state.apps.find((a) => a.client_id === clientId || a.retired_client_ids.includes(clientId));
}

export function snapshotApp(app: AppRecord): AppSnapshot {
  const { id: _id, secret_hash: _s, ...rest } = app;
  return structuredClone(rest);
}

/** Revokes every grant of an app, and with them all their access and refresh tokens. */
export function revokeAppGrants(state: StateData, appId: string, nowIso: string): number {
  let count = 0;
  for (const grant of state.grants) {
    if (grant.app_id === appId && !grant.revoked_at) {
      revokeGrant(state, grant, nowIso);
      count++;
    }
  }
  return count;
}

export function revokeGrant(state: StateData, grant: GrantRecord, nowIso: string): void {
  grant.revoked_at ??= nowIso;
  for (const t of state.access_tokens) if (t.grant_id === grant.id) t.revoked = true;
  for (const t of state.refresh_tokens) if (t.grant_id === grant.id && t.status === 'active') t.status = 'revoked';
}

export function countTokens(state: StateData, appId: string, nowSeconds: number): TokenCounts {
  const grants = new Set(state.grants.filter((g) => g.app_id === appId && !g.revoked_at).map((g) => g.id));
  return {
    grants: grants.size,
    accessTokens: state.access_tokens.filter((t) => grants.has(t.grant_id) && !t.revoked && t.expires_at > nowSeconds).length,
    refreshTokens: state.refresh_tokens.filter((t) => grants.has(t.grant_id) && t.status === 'active' && t.expires_at > nowSeconds).length,
  };
}

/** Drops what can never be used again (expired codes, consent requests, idempotency keys) so the file stays small. */
export function pruneExpired(state: StateData, nowSeconds: number): void {
  state.pending = state.pending.filter((p) => p.expires_at > nowSeconds);
  state.codes = state.codes.filter((c) => c.expires_at > nowSeconds - 3600);
  state.idempotency = state.idempotency.filter((i) => i.expires_at > nowSeconds);
  state.access_tokens = state.access_tokens.filter((t) => t.expires_at > nowSeconds - 86400);
}
