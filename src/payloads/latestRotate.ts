import { z } from 'zod';
import { SCOPES_FIXED_REASON } from '../api/generation';
import type { AppRecord } from '../apps/registry';
import { RotateAppLatestRequestSchema, type RotateAppLatestRequest, type RotateAppRequest } from '../schemas';
import { diffLists } from './preview';

/**
 * The rotate payload of API 2026-07 ([L]): `$api: "2026-07"` says so, `email` proves ownership, `scopes` is shown
 * read-only (fixed at registration) and never sent. The editor validates it against a second shipped schema file,
 * which the template names in `$schema` (one `jsonValidation` pattern cannot follow an app's generation).
 */

export const API_KEY = '$api';
export const LATEST_API = '2026-07';
export const LATEST_SCHEMA_FILE = 'schemas/vendaze-app-2026-07.schema.json';
/** Served from LATEST_SCHEMA_FILE by the extension's `vendaze-schema:` content provider. */
export const LATEST_SCHEMA_URI = 'vendaze-schema://schemas/vendaze-app-2026-07.schema.json';

export const RotatePayloadLatestSchema = RotateAppLatestRequestSchema.extend({
  $kind: z.literal('rotate', { error: '$kind must be "rotate": API 2026-07 payloads rotate an existing app.' }).meta({
    markdownDescription: '`rotate`: this file is the body of `POST /v1/auth/rotate-app` (API 2026-07).',
  }),
  $api: z.literal(LATEST_API, { error: `$api must be "${LATEST_API}" in this file.` }).meta({
    markdownDescription: 'The API generation this payload follows: `2026-07` (rotation by client_id + registered email; scopes fixed).',
  }),
  $schema: z.string().optional().meta({ description: 'The JSON schema the editor validates this file against.' }),
}).meta({ ...RotateAppLatestRequestSchema.meta(), title: 'Vendaze rotate-app payload (API 2026-07)' });

export type RotatePayloadLatest = z.infer<typeof RotatePayloadLatestSchema>;

export function latestPayloadJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(RotatePayloadLatestSchema, { target: 'draft-7' }) as Record<string, unknown>;
}

export function isLatestPayload(value: unknown): boolean {
  return Boolean(value && typeof value === 'object' && (value as Record<string, unknown>)[API_KEY] === LATEST_API);
}

/** The wire body: the document minus its `$` keys and minus `scopes` (read-only on 2026-07, never sent). */
export function latestWireBody(document: RotatePayloadLatest): RotateAppLatestRequest {
  const { $kind: _k, $api: _a, $schema: _s, scopes: _scopes, ...body } = document;
  return body;
}

export function rotateTemplateLatest(app: AppRecord, email: string): string {
  const payload: Record<string, unknown> = {
    $schema: LATEST_SCHEMA_URI,
    $kind: 'rotate',
    $api: LATEST_API,
    client_id: app.clientId,
    email,
    app_name: app.appName,
  };
  if (app.description !== undefined) payload.description = app.description;
  payload.redirect_uris = app.redirectUris;
  payload.scopes = app.scopes;
  if (app.avatarUrl !== undefined) payload.avatar_url = app.avatarUrl;
  return `${JSON.stringify(payload, null, 2)}\n`;
}

/** Why the payload cannot be sent as is: the scopes differ from the registered ones. */
export function scopesChangeProblem(scopes: readonly string[] | undefined, previous: AppRecord | undefined): string | undefined {
  if (!scopes || !previous) return undefined;
  const diff = diffLists(previous.scopes, scopes);
  if (!diff.changed) return undefined;
  const change = [...diff.added.map((s) => `+${s}`), ...diff.removed.map((s) => `-${s}`)].join(', ');
  return `${SCOPES_FIXED_REASON} (this payload changes them: ${change}).`;
}

/** The app as it will be after an accepted 2026-07 rotation: omitted fields keep their values, scopes never change. */
export function effectiveRotateBody(body: RotateAppLatestRequest, previous: AppRecord | undefined): RotateAppRequest {
  return {
    client_id: body.client_id,
    email: body.email,
    app_name: body.app_name ?? previous?.appName ?? '',
    description: body.description ?? previous?.description,
    avatar_url: body.avatar_url ?? previous?.avatarUrl,
    redirect_uris: body.redirect_uris ?? previous?.redirectUris ?? [],
    scopes: (previous?.scopes ?? []) as RotateAppRequest['scopes'],
  };
}
