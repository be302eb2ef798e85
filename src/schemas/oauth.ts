import { z } from 'zod';
import { ClientIdSchema, typeError } from './app';
import { isScope, splitScopeParam } from './scopes';

/** OAuth payloads: /oauth/authorize query, /oauth/token and /oauth/revoke bodies and answers ([P] era, PKCE S256). */

/** RFC 7636: 43-128 characters from the unreserved set. */
export const CODE_VERIFIER_PATTERN = '^[A-Za-z0-9._~-]{43,128}$';
/** BASE64URL(SHA256(verifier)) is always 43 characters without padding. */
export const CODE_CHALLENGE_PATTERN = '^[A-Za-z0-9_-]{43}$';

const nonEmpty = (field: string) =>
  z.string({ error: typeError(field, 'a string') }).min(1, { error: `${field} must not be empty.` });

export const CodeVerifierSchema = z
  .string({ error: typeError('code_verifier', 'a string') })
  .regex(new RegExp(CODE_VERIFIER_PATTERN), {
    error: 'code_verifier must be 43-128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636).',
  });

export const CodeChallengeSchema = z
  .string({ error: typeError('code_challenge', 'a string') })
  .regex(new RegExp(CODE_CHALLENGE_PATTERN), {
    error: 'code_challenge must be BASE64URL(SHA256(code_verifier)): 43 characters, no padding.',
  });

/** Longest `scope` parameter looked at: every scope there is, space-separated, with room to spare. */
export const MAX_SCOPE_PARAM = 2048;

export const ScopeParamSchema = z
  .string({ error: typeError('scope', 'a space-separated string of scopes') })
  .superRefine((value, ctx) => {
    // Every known scope together is a few hundred characters. A longer parameter is refused before it is split:
    // splitting megabytes into pieces costs more than linear time (the engine's allocation, not the pattern).
    if (value.length > MAX_SCOPE_PARAM) {
      ctx.addIssue({ code: 'custom', message: `scope is ${value.length} characters long: no list of known scopes is longer than ${MAX_SCOPE_PARAM}.` });
      return;
    }
    const scopes = splitScopeParam(value);
    if (scopes.length === 0) ctx.addIssue({ code: 'custom', message: 'scope must name at least one scope.' });
    const unknown = scopes.filter((s) => !isScope(s));
    if (unknown.length) ctx.addIssue({ code: 'custom', message: `Unknown scope(s): ${unknown.join(', ')}.` });
  })
  .meta({ description: 'Space-separated scopes, e.g. "people:read deals:write".' });

export const AuthorizeParamsSchema = z.looseObject({
  client_id: ClientIdSchema,
  redirect_uri: nonEmpty('redirect_uri'),
  response_type: z.literal('code', { error: 'response_type must be "code".' }),
  scope: ScopeParamSchema,
  state: nonEmpty('state'),
  code_challenge: CodeChallengeSchema,
  code_challenge_method: z.literal('S256', { error: 'code_challenge_method must be "S256" (plain is not accepted).' }),
});

export const AuthorizationCodeTokenRequestSchema = z.looseObject({
  grant_type: z.literal('authorization_code'),
  client_id: ClientIdSchema,
  client_secret: nonEmpty('client_secret'),
  code: nonEmpty('code'),
  redirect_uri: nonEmpty('redirect_uri'),
  code_verifier: CodeVerifierSchema,
});

export const RefreshTokenRequestSchema = z.looseObject({
  grant_type: z.literal('refresh_token'),
  client_id: ClientIdSchema,
  client_secret: nonEmpty('client_secret'),
  refresh_token: nonEmpty('refresh_token'),
});

export const TokenRequestSchema = z.discriminatedUnion('grant_type', [
  AuthorizationCodeTokenRequestSchema,
  RefreshTokenRequestSchema,
]);

/** Extra fields (a future `scope`, `id_token`...) are tolerated, the documented five are required. */
export const TokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  token_type: z.string().refine((t) => t.toLowerCase() === 'bearer', { error: 'token_type must be "Bearer".' }),
  expires_in: z.number().int().positive(),
  workspace_slug: z.string().min(1),
});

export const RevokeRequestSchema = z.looseObject({
  token: nonEmpty('token'),
  client_id: ClientIdSchema,
  client_secret: nonEmpty('client_secret'),
});

/** `{"revoked": true}` ([L] schema), possibly wrapped in `data`, or an empty body ([P] only documents "200"). */
export const RevokeResponseSchema = z.union([
  z.looseObject({ revoked: z.boolean() }),
  z.looseObject({ data: z.looseObject({ revoked: z.boolean() }) }),
  z.strictObject({}),
  z.literal(''),
  z.null(),
  z.undefined(),
]);

/** Claims inside a Vendaze access token (JWT payload); the sandbox issues exactly these. */
export const AccessTokenClaimsSchema = z.looseObject({
  iss: z.string(),
  sub: z.string().optional(),
  workspace_id: z.string(),
  workspace_slug: z.string().optional(),
  client_id: z.string(),
  vendaze_scopes: z.array(z.string()),
  iat: z.number(),
  exp: z.number(),
  jti: z.string().optional(),
});

export type AuthorizeParams = z.infer<typeof AuthorizeParamsSchema>;
export type AuthorizationCodeTokenRequest = z.infer<typeof AuthorizationCodeTokenRequestSchema>;
export type RefreshTokenRequest = z.infer<typeof RefreshTokenRequestSchema>;
export type TokenRequest = z.infer<typeof TokenRequestSchema>;
export type TokenResponse = z.infer<typeof TokenResponseSchema>;
export type RevokeRequest = z.infer<typeof RevokeRequestSchema>;
export type RevokeResponse = z.infer<typeof RevokeResponseSchema>;
export type AccessTokenClaims = z.infer<typeof AccessTokenClaimsSchema>;
