import { z } from 'zod';

/**
 * The error envelope every non-2xx Vendaze answer carries (spec section 6), the documented codes with their HTTP
 * status, and the documented messages, so the sandbox emits exactly what the docs show and the client can match them.
 */

export const ERROR_CODES = [
  'bad_request',
  'invalid_request',
  'invalid_grant',
  'unsupported_grant_type',
  'unsupported_response_type',
  'invalid_redirect_uri',
  'unauthorized',
  'token_expired',
  'invalid_client',
  'insufficient_scope',
  'forbidden',
  'not_found',
  'conflict',
  'validation_error',
  'idempotency_conflict',
  'rate_limit_exceeded',
  'internal_error',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorCodeSchema = z.enum(ERROR_CODES);

export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = {
  bad_request: 400,
  invalid_request: 400,
  invalid_grant: 400,
  unsupported_grant_type: 400,
  unsupported_response_type: 400,
  invalid_redirect_uri: 400,
  unauthorized: 401,
  token_expired: 401,
  invalid_client: 401,
  insufficient_scope: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  validation_error: 422,
  idempotency_conflict: 422,
  rate_limit_exceeded: 429,
  internal_error: 500,
};

/** Messages as the docs print them. Functions for the ones with a parameter. */
export const ERROR_MESSAGES = {
  invalidJson: 'Request body must be valid JSON.',
  noFieldsForUpdate: 'No fields provided for update.',
  missingParameter: (name: string) => `Missing required parameter: ${name}.`,
  redirectUriMismatch: 'redirect_uri does not match any registered URI.',
  unsupportedResponseType: 'response_type must be "code".',
  unsupportedGrantType: 'grant_type must be "authorization_code" or "refresh_token".',
  invalidGrant: 'The provided authorization grant is invalid, expired, or does not match.',
  missingAuthorization: 'Missing or invalid Authorization header.',
  malformedToken: 'Invalid or malformed token.',
  missingClaims: 'Token is missing required claims.',
  tokenExpired: 'Access token expired. Refresh using the refresh token.',
  invalidClient: 'Invalid client credentials.',
  invalidClientOrEmail: 'Invalid client_id or email address.',
  insufficientScope: (scope: string) => `This endpoint requires the '${scope}' scope.`,
  notFound: (entity: string) => `${entity} not found.`,
  conflict: 'A record with this value already exists.',
  emailTaken: 'An app is already registered with this email address.',
  validationFailed: 'Validation failed.',
  rateLimited: (seconds: number) => `Rate limit exceeded. Try again in ${seconds} seconds.`,
  internal: 'An unexpected error occurred.',
} as const;

/**
 * Parsing is tolerant: an unknown `code` or a missing `request_id` still parses (the client falls back to the
 * X-Request-ID header and reports the raw code), because a strict schema here would turn a server error into a
 * confusing "invalid response" error.
 */
export const ErrorBodySchema = z.looseObject({
  code: z.string().min(1),
  message: z.string(),
  fields: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  request_id: z.string().optional(),
});

export const ErrorEnvelopeSchema = z.looseObject({ error: ErrorBodySchema });

export type ErrorBody = z.infer<typeof ErrorBodySchema>;
export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;

export function isKnownErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

/** Formats a zod issue path the way `fields` keys read: redirect_uris[0], emails[1].email, custom_fields[0].value. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/**
 * The 422 `fields` map from a zod error: one message per field (the first), key from fieldPath; issues on the
 * object itself (unknown keys, wrong body type) land under "body".
 */
export function fieldsFromZodError(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = fieldPath(issue.path) || 'body';
    if (!(key in fields)) fields[key] = issue.message;
  }
  return fields;
}
