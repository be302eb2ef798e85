import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { RegisterAppRequestSchema, RotateAppRequestSchema } from '../schemas/app';
import { ERROR_MESSAGES, fieldsFromZodError } from '../schemas/errors';
import type { SandboxContext } from './context';
import { parseBody, type Exchange } from './http';
import { randomToken, sha256 } from './jwt';
import { appByClientId, revokeAppGrants, type AppRecord } from './state';

/** POST /v1/auth/register-app and POST /v1/auth/rotate-app ([P]: rotation answers 201 with a NEW client_id). */

export async function registerApp(ctx: SandboxContext, ex: Exchange): Promise<void> {
  const input = await validatedBody(ex, RegisterAppRequestSchema);
  if (!input) return;
  const email = input.email.toLowerCase();
  if (ctx.state.apps.some((a) => a.email.toLowerCase() === email)) {
    ex.error('conflict', ERROR_MESSAGES.emailTaken, { fields: { email: ERROR_MESSAGES.emailTaken } });
    return;
  }
  const { app, secret } = createApp(ctx, input);
  ctx.sendCredentials(app, secret, 'registered');
  ex.json(201, { data: credentialsData(app, `Credentials sent to ${app.email}`) });
}

/** Shared with the demo-app seeding, which registers without HTTP. */
export function createApp(ctx: SandboxContext, input: z.infer<typeof RegisterAppRequestSchema>): { app: AppRecord; secret: string } {
  const secret = newSecret();
  const app: AppRecord = {
    id: randomUUID(),
    client_id: randomUUID(),
    secret_hash: sha256(secret),
    email: input.email,
    app_name: input.app_name,
    description: input.description,
    avatar_url: input.avatar_url,
    redirect_uris: [...input.redirect_uris],
    scopes: [...input.scopes],
    retired_client_ids: [],
    created_at: ctx.nowIso(),
  };
  ctx.state.apps.push(app);
  ctx.touch();
  return { app, secret };
}

export async function rotateApp(ctx: SandboxContext, ex: Exchange): Promise<void> {
  const input = await validatedBody(ex, RotateAppRequestSchema);
  if (!input) return;
  const app = appByClientId(ctx.state, input.client_id);
  // [L] lets the email prove ownership too; when sent it must match (and the answer never says which part was wrong).
  if (!app || (input.email !== undefined && input.email.toLowerCase() !== app.email.toLowerCase())) {
    ex.error('invalid_client', ERROR_MESSAGES.invalidClientOrEmail);
    return;
  }
  const scopesChanged = !sameSet(app.scopes, input.scopes);
  const secret = newSecret();
  app.retired_client_ids.push(app.client_id);
  app.client_id = randomUUID();
  app.secret_hash = sha256(secret);
  app.app_name = input.app_name;
  app.description = input.description;
  app.avatar_url = input.avatar_url;
  app.redirect_uris = [...input.redirect_uris];
  app.scopes = [...input.scopes];
  app.rotated_at = ctx.nowIso();
  // Pending consents and unexchanged codes were issued under the old client_id: they die with it.
  ctx.state.pending = ctx.state.pending.filter((p) => p.app_id !== app.id);
  for (const code of ctx.state.codes) if (code.app_id === app.id) code.used = true;
  const revoked = scopesChanged ? revokeAppGrants(ctx.state, app.id, ctx.nowIso()) : 0;
  ctx.touch();
  ctx.log(`[sandbox] rotated "${app.app_name}": new client_id ${app.client_id}; scopes ${scopesChanged ? `changed, ${revoked} grant(s) revoked` : 'unchanged, sessions kept'}`);
  ctx.sendCredentials(app, secret, 'rotated');
  ex.json(201, { data: credentialsData(app, `New credentials sent to ${app.email}`) });
}

/** Parses the JSON body against a schema, answering 400 / 422 itself; undefined when it did. */
export async function validatedBody<T extends z.ZodType>(ex: Exchange, schema: T): Promise<z.infer<T> | undefined> {
  const body = await parseBody(ex, false);
  if (!body.ok) {
    ex.error('bad_request', body.message);
    return undefined;
  }
  const parsed = schema.safeParse(body.value);
  if (!parsed.success) {
    ex.error('validation_error', ERROR_MESSAGES.validationFailed, { fields: fieldsFromZodError(parsed.error) });
    return undefined;
  }
  return parsed.data;
}

export function credentialsData(app: AppRecord, message: string): Record<string, string> {
  const data: Record<string, string> = { app_name: app.app_name, client_id: app.client_id, message };
  // [L]: avatars are re-hosted on storage.vendaze.com and the stored URL is returned.
  if (app.avatar_url) data.avatar_url = `https://storage.vendaze.com/assets/integrations/${app.id}.webp`;
  return data;
}

export function newSecret(): string {
  // The docs give no secret format, so none is invented: 43 base64url characters.
  return randomToken(32);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
}
