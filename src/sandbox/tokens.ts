import { randomUUID } from 'node:crypto';
import { CODE_VERIFIER_PATTERN } from '../schemas/oauth';
import { ERROR_MESSAGES } from '../schemas/errors';
import type { SandboxContext } from './context';
import { parseBody, type Exchange } from './http';
import { s256, sameDigest, sha256, signJwt, verifyJwt } from './jwt';
import { appByClientId, revokeGrant, type AppRecord, type GrantRecord } from './state';

/**
 * POST /oauth/token and POST /oauth/revoke, plus bearer checking for /v1.
 *
 * Choices where the spec is silent (documented in the README):
 *  - a replayed authorization code fails with invalid_grant and revokes the grant it produced (RFC 6749 4.1.2);
 *  - a reused (already rotated) refresh token fails with invalid_grant and, by default, revokes its whole grant
 *    (OAuth 2.1 refresh-token rotation: reuse means leak) - option `revokeGrantOnRefreshReuse`;
 *  - revoking any token of a grant (access or refresh) revokes the grant: every token of it dies at once
 *    ([L]: "Revocation removes the grant");
 *  - a token of another app, unknown or already dead is answered 200 {"revoked":true} without effect (RFC 7009).
 */

type Params = Record<string, unknown>;

export async function token(ctx: SandboxContext, ex: Exchange): Promise<void> {
  const params = await oauthParams(ex);
  if (!params) return;
  const grantType = params.grant_type;
  if (grantType === undefined || grantType === '') return missing(ex, 'grant_type');
  if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
    return ex.error('unsupported_grant_type', ERROR_MESSAGES.unsupportedGrantType);
  }
  // [L] (2026-05-29 on): no redirect_uri and no code_verifier; Vendaze runs PKCE itself.
  const codeParams = ctx.isLatest ? ['client_id', 'client_secret', 'code'] : ['client_id', 'client_secret', 'code', 'redirect_uri', 'code_verifier'];
  const required = grantType === 'authorization_code' ? codeParams : ['client_id', 'client_secret', 'refresh_token'];
  if (grantType === 'authorization_code' && ctx.isLatest && ctx.latest.extraParams === 'refuse') {
    const extras = ['redirect_uri', 'code_verifier'].filter((name) => params[name] !== undefined);
    if (extras.length) return ex.error('invalid_request', `${extras.join(', ')} not accepted: Vendaze runs PKCE itself.`);
  }
  for (const name of required) {
    const value = params[name];
    if (value === undefined || value === '') return missing(ex, name);
    if (typeof value !== 'string') return ex.error('invalid_request', `${name} must be a string.`);
  }
  const app = authenticateClient(ctx, params);
  if (!app) return ex.error('invalid_client', ERROR_MESSAGES.invalidClient);
  if (grantType === 'authorization_code') return exchangeCode(ctx, ex, app, params as Record<string, string>);
  return refresh(ctx, ex, app, params.refresh_token as string);
}

function exchangeCode(ctx: SandboxContext, ex: Exchange, app: AppRecord, params: Record<string, string>): void {
  if (!ctx.isLatest && !new RegExp(CODE_VERIFIER_PATTERN).test(params.code_verifier!)) {
    return ex.error('invalid_request', 'code_verifier must be 43-128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636).');
  }
  const hash = sha256(params.code!);
  const code = ctx.state.codes.find((c) => sameDigest(c.code_hash, hash));
  const invalid = () => ex.error('invalid_grant', ERROR_MESSAGES.invalidGrant);
  if (!code || code.app_id !== app.id) return invalid();
  if (code.used) {
    // Replay: the code leaked or the client is confused; kill what the first exchange produced.
    const grant = ctx.state.grants.find((g) => g.id === code.grant_id);
    if (grant) revokeGrant(ctx.state, grant, ctx.nowIso());
    ctx.touch();
    return invalid();
  }
  if (code.expires_at <= ctx.nowSeconds()) return invalid();
  if (!ctx.isLatest) {
    if (code.redirect_uri !== params.redirect_uri) return invalid();
    if (s256(params.code_verifier!) !== code.code_challenge) return invalid();
  }
  code.used = true;
  const grant: GrantRecord = { id: randomUUID(), app_id: app.id, workspace_id: code.workspace_id, scopes: code.scopes, created_at: ctx.nowIso() };
  code.grant_id = grant.id;
  ctx.state.grants.push(grant);
  ctx.touch();
  issueTokens(ctx, ex, app, grant);
}

function refresh(ctx: SandboxContext, ex: Exchange, app: AppRecord, refreshToken: string): void {
  const invalid = () => ex.error('invalid_grant', ERROR_MESSAGES.invalidGrant);
  const checked = verifyJwt(refreshToken, ctx.state.jwt_key);
  if (!checked.ok || checked.payload.typ !== 'refresh') return invalid();
  const record = ctx.state.refresh_tokens.find((t) => t.jti === checked.payload.jti);
  const grant = record && ctx.state.grants.find((g) => g.id === record.grant_id);
  if (!record || !grant || grant.app_id !== app.id) return invalid();
  if (record.status === 'used') {
    if (ctx.revokeGrantOnRefreshReuse) {
      revokeGrant(ctx.state, grant, ctx.nowIso());
      ctx.touch();
      ctx.log(`[sandbox] refresh token reused: grant ${grant.id} revoked`);
    }
    return invalid();
  }
  if (record.status === 'revoked' || grant.revoked_at || record.expires_at <= ctx.nowSeconds()) return invalid();
  record.status = 'used';
  ctx.touch();
  issueTokens(ctx, ex, app, grant);
}

function issueTokens(ctx: SandboxContext, ex: Exchange, app: AppRecord, grant: GrantRecord): void {
  const workspace = ctx.state.workspaces.find((w) => w.id === grant.workspace_id);
  const now = ctx.nowSeconds();
  const accessJti = randomUUID();
  const refreshJti = randomUUID();
  const accessExp = now + ctx.faults.accessTokenTtlSeconds;
  const refreshExp = now + ctx.faults.refreshTokenTtlSeconds;
  const access = signJwt(
    {
      iss: ctx.baseUrl,
      sub: 'sandbox-user',
      workspace_id: grant.workspace_id,
      client_id: app.client_id,
      vendaze_scopes: grant.scopes,
      iat: now,
      exp: accessExp,
      jti: accessJti,
    },
    ctx.state.jwt_key,
  );
  const refreshToken = signJwt(
    { iss: ctx.baseUrl, typ: 'refresh', client_id: app.client_id, workspace_id: grant.workspace_id, iat: now, exp: refreshExp, jti: refreshJti },
    ctx.state.jwt_key,
  );
  ctx.state.access_tokens.push({ jti: accessJti, grant_id: grant.id, expires_at: accessExp, revoked: false });
  ctx.state.refresh_tokens.push({ jti: refreshJti, grant_id: grant.id, expires_at: refreshExp, status: 'active' });
  ctx.touch();
  ex.json(200, {
    access_token: access,
    refresh_token: refreshToken,
    token_type: 'Bearer',
    expires_in: ctx.faults.accessTokenTtlSeconds,
    workspace_slug: workspace?.slug ?? '',
  });
}

export async function revoke(ctx: SandboxContext, ex: Exchange): Promise<void> {
  const params = await oauthParams(ex);
  if (!params) return;
  for (const name of ['token', 'client_id', 'client_secret']) {
    const value = params[name];
    if (value === undefined || value === '') return missing(ex, name);
    if (typeof value !== 'string') return ex.error('invalid_request', `${name} must be a string.`);
  }
  const app = authenticateClient(ctx, params);
  if (!app) return ex.error('invalid_client', ERROR_MESSAGES.invalidClient);
  const checked = verifyJwt(params.token as string, ctx.state.jwt_key);
  if (ctx.isLatest && checked.ok && checked.payload.typ === 'refresh') {
    return ex.error('invalid_request', 'token must be a valid access_token. refresh_tokens are not accepted.');
  }
  if (checked.ok && ctx.isLatest && ctx.latest.revokeExpired === 'keeps-grant' && Number(checked.payload.exp) <= ctx.nowSeconds()) {
    return ex.json(200, { revoked: true }); // an expired token revokes nothing under this reading of [L]
  }
  if (checked.ok) {
    const jti = checked.payload.jti;
    const record = ctx.state.access_tokens.find((t) => t.jti === jti) ?? ctx.state.refresh_tokens.find((t) => t.jti === jti);
    const grant = record && ctx.state.grants.find((g) => g.id === record.grant_id);
    if (grant && grant.app_id === app.id && !grant.revoked_at) {
      revokeGrant(ctx.state, grant, ctx.nowIso());
      ctx.touch();
    }
  }
  ex.json(200, { revoked: true });
}

export type BearerCheck =
  | { ok: true; grant: GrantRecord; app: AppRecord; scopes: string[] }
  | { ok: false; code: 'unauthorized' | 'token_expired'; message: string };

/** The /v1 bearer check, with the documented 401 messages. */
export function checkBearer(ctx: SandboxContext, ex: Exchange): BearerCheck {
  const header = ex.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return { ok: false, code: 'unauthorized', message: ERROR_MESSAGES.missingAuthorization };
  const checked = verifyJwt(match[1]!, ctx.state.jwt_key);
  if (!checked.ok || checked.payload.typ === 'refresh') return { ok: false, code: 'unauthorized', message: ERROR_MESSAGES.malformedToken };
  const p = checked.payload;
  if (typeof p.workspace_id !== 'string' || typeof p.client_id !== 'string' || !Array.isArray(p.vendaze_scopes) || typeof p.exp !== 'number' || typeof p.jti !== 'string') {
    return { ok: false, code: 'unauthorized', message: ERROR_MESSAGES.missingClaims };
  }
  if (p.exp <= ctx.nowSeconds()) return { ok: false, code: 'token_expired', message: ERROR_MESSAGES.tokenExpired };
  const record = ctx.state.access_tokens.find((t) => t.jti === p.jti);
  const grant = record && ctx.state.grants.find((g) => g.id === record.grant_id);
  const app = grant && ctx.state.apps.find((a) => a.id === grant.app_id);
  // Revoked (disconnect, scope-changing rotation, refresh reuse) or unknown to this sandbox: plain 401.
  if (!record || record.revoked || !grant || grant.revoked_at || !app) {
    return { ok: false, code: 'unauthorized', message: ERROR_MESSAGES.malformedToken };
  }
  return { ok: true, grant, app, scopes: grant.scopes };
}

/** Client authentication: current client_id (a rotated-away one is dead) and the current secret. */
function authenticateClient(ctx: SandboxContext, params: Params): AppRecord | undefined {
  const app = appByClientId(ctx.state, String(params.client_id));
  if (!app) return undefined;
  return sameDigest(app.secret_hash, sha256(String(params.client_secret))) ? app : undefined;
}

async function oauthParams(ex: Exchange): Promise<Params | undefined> {
  const body = await parseBody(ex, true);
  if (!body.ok) {
    ex.error('bad_request', body.message);
    return undefined;
  }
  if (typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) {
    ex.error('bad_request', 'Request body must be a JSON object or a form.');
    return undefined;
  }
  return body.value as Params;
}

function missing(ex: Exchange, name: string): void {
  ex.error('invalid_request', ERROR_MESSAGES.missingParameter(name));
}
