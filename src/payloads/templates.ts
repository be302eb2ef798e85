import type { AppRecord } from '../apps/registry';
import { KIND_KEY, PAYLOAD_FILE_SUFFIX } from './payloadFile';

/** The documents the Register / Rotate commands open. Pure: text in, text out. */

export interface RegisterDefaults {
  appName?: string;
  email?: string;
  description?: string;
  redirectUris?: string[];
  scopes?: string[];
}

/** Placeholders that pass validation (so the file starts green) but that the preview flags if left unchanged. */
export const PLACEHOLDER_EMAIL = 'dev@example.com';
export const DEFAULT_REDIRECT_URI = 'http://127.0.0.1:53682/callback';

export function registerTemplate(defaults: RegisterDefaults = {}): string {
  const payload = {
    [KIND_KEY]: 'register',
    app_name: defaults.appName ?? 'My Vendaze Integration',
    email: defaults.email ?? PLACEHOLDER_EMAIL,
    description: defaults.description ?? 'What the app does, shown to users on the Vendaze consent screen.',
    redirect_uris: defaults.redirectUris ?? [DEFAULT_REDIRECT_URI],
    // Least privilege by default: the security guide's "Read contacts only".
    scopes: defaults.scopes ?? ['people:read'],
  };
  return stringify(payload);
}

/** A rotate payload prefilled with the app's current values, so the user edits only what should change. */
export function rotateTemplate(app: AppRecord): string {
  const payload: Record<string, unknown> = {
    [KIND_KEY]: 'rotate',
    client_id: app.clientId,
    app_name: app.appName,
  };
  if (app.description !== undefined) payload.description = app.description;
  // [L] servers prove ownership with the registered email; [P] servers accept it as an optional field.
  if (app.email !== undefined) payload.email = app.email;
  payload.redirect_uris = app.redirectUris;
  payload.scopes = app.scopes;
  if (app.avatarUrl !== undefined) payload.avatar_url = app.avatarUrl;
  return stringify(payload);
}

/** "My SaaS v2!" -> "my-saas-v2.vendaze-app.json" (kind appended so a register and a rotate file never collide). */
export function payloadFileName(appName: string, kind: 'register' | 'rotate'): string {
  const slug =
    appName
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'vendaze-app';
  return `${slug}${kind === 'rotate' ? '-rotate' : ''}${PAYLOAD_FILE_SUFFIX}`;
}

function stringify(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
