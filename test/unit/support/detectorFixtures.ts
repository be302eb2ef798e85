/**
 * Shared values for the detector tests. The secrets are random-looking strings made for these tests only; the
 * JWTs are unsigned-looking but well-formed, with the claims Vendaze tokens carry.
 */
export const SECRET = 'vz8fK2mQ9xL4pR7tW1nB6cJ3'; // vendaze:allow (test data)
export const SECRET_B = 'Zq81LmN0pRs7VwX2yK4hD9uE'; // vendaze:allow (test data)
export const CLIENT_ID = '3f2c9a1e-7b44-4d2a-9c1f-2e8b5d6a7c90';

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

const SIGNATURE = 'kq3Xb7Lm2Nw9Pz4Rt8Vy1Hs6Jd5Fg0Ca-_Ue3Wo7Ii2';

/** A JWT with Vendaze's claims (client_id, workspace_id, vendaze_scopes), plus any overrides. */
export function vendazeJwt(extra: Record<string, unknown>): string {
  const claims = { sub: 'user-81', client_id: CLIENT_ID, workspace_id: 'ws_5521', vendaze_scopes: ['people:read'], iat: 1_780_000_000, ...extra };
  return `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}.${SIGNATURE}`;
}

export function otherJwt(): string {
  return `${b64({ alg: 'RS256', kid: 'abc' })}.${b64({ iss: 'https://accounts.example.org', sub: '42', aud: 'my-app' })}.${SIGNATURE}`;
}
