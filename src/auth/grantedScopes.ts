import { schemas } from '../schemas/lazy';

/**
 * Which scopes a token really carries. Vendaze's token response has no `scope` field and the consent page may
 * let the user approve scopes one by one, so the requested list can overstate the grant; the access token (a JWT)
 * names them in its `vendaze_scopes` claim. The claims are only READ here, to label the session: the signature is
 * the server's business, and an unreadable token falls back to the requested scopes.
 */
export function grantedScopes(accessToken: string, requested: readonly string[]): string[] {
  const payload = accessToken.split('.')[1];
  if (!payload) return [...requested];
  try {
    const claims = schemas().AccessTokenClaimsSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return claims.success ? [...claims.data.vendaze_scopes] : [...requested];
  } catch {
    return [...requested];
  }
}
