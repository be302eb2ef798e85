import { z } from 'zod';
import { APP_NAME_MAX, AVATAR_URL_PATTERN, avatarUrlProblem, DESCRIPTION_MAX, REDIRECT_URI_PATTERN, redirectUriProblem } from './appRules';
import { SCOPES, ScopeSchema } from './scopes';

/**
 * App management payloads (POST /v1/auth/register-app and /v1/auth/rotate-app), [P] era.
 *
 * Each documented rule is its own check with its own message, because the extension shows these messages as
 * diagnostics on the user's JSON file and the sandbox returns them in the 422 `fields` map. The parts that JSON
 * Schema can express (maxLength, minItems, pattern, uniqueItems, enum) are expressed, so `z.toJSONSchema` gives the
 * editor the same rules; the rest (duplicates with a message, URL parsing) are refinements.
 */

export * from './appRules';

export const RedirectUriSchema = z
  .string({ error: 'Each redirect URI must be a string.' })
  .superRefine((uri, ctx) => {
    const problem = redirectUriProblem(uri);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({
    description:
      'Exact redirect URI. https only, except http://localhost and http://127.0.0.1 (any port and path). No wildcards, patterns or fragments.',
    pattern: REDIRECT_URI_PATTERN,
    patternErrorMessage:
      'Use an exact https URI (http only for localhost / 127.0.0.1), without wildcards (*), patterns ({...}) or fragments (#).',
    examples: ['https://yourapp.com/oauth/callback', 'http://127.0.0.1:53682/callback'],
  });

export const RedirectUrisSchema = z
  .array(RedirectUriSchema, { error: typeError('redirect_uris', 'an array of URIs') })
  .min(1, { error: 'redirect_uris must contain at least one URI.' })
  .superRefine((uris, ctx) => duplicates(uris, ctx, 'redirect URI'))
  .meta({ description: 'Exact redirect URIs (at least one, no duplicates).', uniqueItems: true });

export const ScopesSchema = z
  .array(ScopeSchema, { error: typeError('scopes', 'an array of scope names') })
  .min(1, { error: 'scopes must contain at least one scope.' })
  .superRefine((scopes, ctx) => duplicates(scopes, ctx, 'scope'))
  .meta({
    description: `Scopes the app needs (at least one, no duplicates); users approve them on the consent screen. Known: ${SCOPES.join(', ')}.`,
    uniqueItems: true,
  });

export const AppNameSchema = z
  .string({ error: typeError('app_name', 'a string') })
  .min(1, { error: 'app_name must not be empty.' })
  .max(APP_NAME_MAX, { error: `app_name must be at most ${APP_NAME_MAX} characters.` })
  .refine((v) => v.length === 0 || v.trim().length > 0, { error: 'app_name must not be blank.' })
  .meta({ description: `Name shown to users on the consent screen (1-${APP_NAME_MAX} characters).`, examples: ['My SaaS'] });

export const DescriptionSchema = z
  .string({ error: typeError('description', 'a string') })
  .max(DESCRIPTION_MAX, { error: `description must be at most ${DESCRIPTION_MAX} characters.` })
  .meta({ description: `What the app does (at most ${DESCRIPTION_MAX} characters).` });

export const EmailSchema = z
  .email({ error: (issue) => (issue.input === undefined ? 'email is required.' : 'email must be a valid email address (e.g. dev@yourapp.com).') })
  .meta({
    description:
      'Receives the client_secret. One app per email; it cannot be changed later and is never revealed by the API.',
    examples: ['dev@yourapp.com'],
  });

export const AvatarUrlSchema = z
  .string({ error: typeError('avatar_url', 'a string') })
  .superRefine((url, ctx) => {
    const problem = avatarUrlProblem(url);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({
    description: 'Public HTTPS URL of a WebP logo, at most 400x400 px, shown on the consent screen.',
    pattern: AVATAR_URL_PATTERN,
    patternErrorMessage: 'Use a public https URL of a .webp image.',
    examples: ['https://yourapp.com/assets/vendaze-avatar.webp'],
  });

export const ClientIdSchema = z
  // The docs' own example ids (9a8b7c6d-5e4f-3a2b-1c0d-...) are not RFC 4122 variants, so accept any 8-4-4-4-12 hex.
  .guid({
    error: (issue) =>
      issue.input === undefined ? 'client_id is required.' : 'client_id must be a UUID (8-4-4-4-12 hex digits), as returned by register-app.',
  })
  .meta({ description: 'The app client_id returned by register-app (or by the last rotation).' });

export const RegisterAppRequestSchema = z
  .strictObject(
    {
      app_name: AppNameSchema,
      email: EmailSchema,
      description: DescriptionSchema.optional(),
      redirect_uris: RedirectUrisSchema,
      scopes: ScopesSchema,
      avatar_url: AvatarUrlSchema.optional(),
    },
    { error: unknownKeyOrType('register-app') },
  )
  .meta({
    title: 'Vendaze register-app request',
    description: 'Body of POST /v1/auth/register-app. The client_secret is sent to `email`, never returned.',
  });

export const RotateAppRequestSchema = z
  .strictObject(
    {
      client_id: ClientIdSchema,
      app_name: AppNameSchema,
      description: DescriptionSchema.optional(),
      redirect_uris: RedirectUrisSchema.meta({ description: 'New list of redirect URIs; replaces the previous list entirely.' }),
      scopes: ScopesSchema.meta({
        description: 'New list of scopes; replaces the previous one. Changing the scopes revokes every active user session.',
      }),
      avatar_url: AvatarUrlSchema.optional(),
      // [L] rotation also proves ownership with the registered email; harmless to send, so allowed.
      email: EmailSchema.optional(),
    },
    { error: unknownKeyOrType('rotate-app') },
  )
  .meta({
    title: 'Vendaze rotate-app request',
    description:
      'Body of POST /v1/auth/rotate-app. Issues a new client_secret (sent to the registered email) and kills the old one at once.',
  });

/**
 * [L] (2026-07) rotate-app: client_id + the registered email prove ownership; everything else optional and left
 * unchanged when omitted. Scopes cannot change at all: the field is accepted here only so a server (the sandbox) can
 * refuse or ignore it, as the docs leave open; the extension never sends it.
 */
export const RotateAppLatestRequestSchema = z
  .strictObject(
    {
      client_id: ClientIdSchema,
      email: EmailSchema.meta({ description: 'The email the app was registered with (proves ownership; it is never revealed by the API).' }),
      app_name: AppNameSchema.optional(),
      description: DescriptionSchema.optional(),
      redirect_uris: RedirectUrisSchema.meta({ description: 'New list of redirect URIs; replaces the previous list. Omit to keep it.' }).optional(),
      avatar_url: AvatarUrlSchema.optional(),
      scopes: ScopesSchema.meta({
        description: 'Read-only: scopes are fixed at registration: register a new app to change them. Not sent.',
        markdownDescription: '**Read-only.** Scopes are fixed at registration: register a new app to change them. Shown for reference; never sent.',
      }).optional(),
    },
    { error: unknownKeyOrType('rotate-app') },
  )
  .meta({
    title: 'Vendaze rotate-app request (API 2026-07)',
    description:
      'Body of POST /v1/auth/rotate-app (2026-07): a new client_secret goes to the registered email as a one-time link (15 minutes); the client_id stays and active tokens keep working.',
  });

/** Register/rotate answer. [P] has no avatar_url and says "Credentials sent to <email>"; [L] adds avatar_url. */
export const AppCredentialsDataSchema = z.looseObject({
  app_name: z.string(),
  client_id: z.string().min(1),
  message: z.string(),
  avatar_url: z.string().optional(),
});

export const RegisterAppResponseSchema = z.looseObject({ data: AppCredentialsDataSchema });
export const RotateAppResponseSchema = z.looseObject({ data: AppCredentialsDataSchema });

export type RegisterAppRequest = z.infer<typeof RegisterAppRequestSchema>;
export type RotateAppRequest = z.infer<typeof RotateAppRequestSchema>;
export type RotateAppLatestRequest = z.infer<typeof RotateAppLatestRequestSchema>;

/** DELETE /v1/auth/delete-app ([L] only): all three prove ownership. */
export const DeleteAppRequestSchema = z.strictObject(
  { client_id: ClientIdSchema, email: EmailSchema, client_secret: z.string({ error: typeError('client_secret', 'a string') }).min(1, { error: 'client_secret is required.' }) },
  { error: unknownKeyOrType('delete-app') },
);
export type DeleteAppRequest = z.infer<typeof DeleteAppRequestSchema>;

/** delete-app answers 204 with no body ([L]); whatever comes is accepted, the status says it all. */
export const AnyBodySchema = z.unknown();
export type AppCredentialsData = z.infer<typeof AppCredentialsDataSchema>;
export type RegisterAppResponse = z.infer<typeof RegisterAppResponseSchema>;
export type RotateAppResponse = z.infer<typeof RotateAppResponseSchema>;

function duplicates(values: readonly string[], ctx: z.RefinementCtx, what: string): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [index], message: `Duplicate ${what} "${value}".` });
    seen.add(value);
  });
}

/** "x is required." when the field is missing, "x must be <what>." when it has the wrong type. */
export function typeError(field: string, what: string) {
  return (issue: z.core.$ZodRawIssue): string =>
    issue.input === undefined ? `${field} is required.` : `${field} must be ${what}.`;
}

function unknownKeyOrType(endpoint: string) {
  return (issue: z.core.$ZodRawIssue): string | undefined => {
    if (issue.code === 'unrecognized_keys') {
      return `Unknown field(s) for ${endpoint}: ${issue.keys.join(', ')}.`;
    }
    if (issue.code === 'invalid_type') return `The ${endpoint} body must be a JSON object.`;
    return undefined;
  };
}
