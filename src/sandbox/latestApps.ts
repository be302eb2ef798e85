import { DeleteAppRequestSchema, RotateAppLatestRequestSchema } from '../schemas/app';
import { ERROR_MESSAGES } from '../schemas/errors';
import type { SandboxContext } from './context';
import { SCOPES_FIXED_MESSAGE } from './generation';
import type { Exchange } from './http';
import { credentialsData, newSecret, validatedBody } from './apps';
import { sameDigest, sha256 } from './jwt';
import { appByClientId, revokeAppGrants } from './state';

/**
 * [L] (2026-07) app management: rotate-app proves ownership with the registered email, keeps the client_id and
 * every session, answers 200; DELETE /v1/auth/delete-app (client_id + email + client_secret) answers 204.
 */

export async function rotateAppLatest(ctx: SandboxContext, ex: Exchange): Promise<void> {
  const input = await validatedBody(ex, RotateAppLatestRequestSchema);
  if (!input) return;
  const app = appByClientId(ctx.state, input.client_id);
  if (!app) return ex.error('not_found', 'App not found.');
  if (input.email.toLowerCase() !== app.email.toLowerCase()) return ex.error('invalid_client', ERROR_MESSAGES.invalidClientOrEmail);
  if (input.scopes && !sameSet(input.scopes, app.scopes) && ctx.latest.rotateScopes === 'refuse') {
    return ex.error('validation_error', ERROR_MESSAGES.validationFailed, { fields: { scopes: SCOPES_FIXED_MESSAGE } });
  }
  const secret = newSecret();
  app.secret_hash = sha256(secret);
  if (input.app_name !== undefined) app.app_name = input.app_name;
  if (input.description !== undefined) app.description = input.description;
  if (input.avatar_url !== undefined) app.avatar_url = input.avatar_url;
  if (input.redirect_uris !== undefined) app.redirect_uris = [...input.redirect_uris];
  app.rotated_at = ctx.nowIso();
  ctx.touch();
  ctx.log(`[sandbox] rotated "${app.app_name}" (2026-07): client_id ${app.client_id} kept, sessions kept${input.scopes ? '; scopes field ignored' : ''}`);
  ctx.sendCredentials(app, secret, 'rotated');
  ex.json(200, { data: credentialsData(app, 'New credentials sent by email.') });
}

export async function deleteAppLatest(ctx: SandboxContext, ex: Exchange): Promise<void> {
  if (!ctx.isLatest) return ex.error('not_found', `No such endpoint: ${ex.method} ${ex.path}.`);
  const input = await validatedBody(ex, DeleteAppRequestSchema);
  if (!input) return;
  const app = appByClientId(ctx.state, input.client_id);
  if (!app) return ex.error('not_found', 'App not found.');
  const emailOk = input.email.toLowerCase() === app.email.toLowerCase();
  if (!emailOk || !sameDigest(app.secret_hash, sha256(input.client_secret))) return ex.error('invalid_client', ERROR_MESSAGES.invalidClient);
  // Permanent: the app, its pending consents and codes, and every user session go.
  revokeAppGrants(ctx.state, app.id, ctx.nowIso());
  ctx.state.pending = ctx.state.pending.filter((p) => p.app_id !== app.id);
  ctx.state.codes = ctx.state.codes.filter((c) => c.app_id !== app.id);
  ctx.state.apps = ctx.state.apps.filter((a) => a.id !== app.id);
  ctx.touch();
  ctx.log(`[sandbox] deleted "${app.app_name}" (${app.client_id}) and all its sessions`);
  ex.send(204, '', undefined);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
}
