/**
 * Which rate-limit counter a response's X-RateLimit-* headers describe (spec section 5). Only the per-app
 * counters of /v1/* say anything about an app's tokens being used elsewhere; the per-IP ones (OAuth endpoints,
 * /v1/auth/*) are shown but never feed the spike heuristic (anything on this machine's address shares them).
 */
export type BucketScope = 'app' | 'ip';

export interface Bucket {
  /** Stable key, e.g. "GET /v1/*" or "POST /oauth/token". */
  key: string;
  scope: BucketScope;
}

export function bucketOf(method: string, path: string): Bucket | undefined {
  const clean = path.split('?')[0] ?? path;
  if (clean.startsWith('/_sandbox/')) return undefined;
  if (clean.startsWith('/oauth/')) return { key: `${method} ${clean}`, scope: 'ip' };
  if (clean.startsWith('/v1/auth/')) return { key: `${method} ${clean}`, scope: 'ip' };
  if (clean.startsWith('/v1/')) return { key: `${method} /v1/*`, scope: 'app' };
  return undefined;
}
