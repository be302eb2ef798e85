import type { RateLimitRule, RateLimits } from './types';

/** The documented limits (spec section 5). */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  authorize: { limit: 20, windowSeconds: 60 },
  token: { limit: 20, windowSeconds: 60 },
  revoke: { limit: 20, windowSeconds: 60 },
  register: { limit: 10, windowSeconds: 3600 },
  rotate: { limit: 10, windowSeconds: 3600 },
  apiGet: { limit: 1000, windowSeconds: 60 },
  apiPost: { limit: 200, windowSeconds: 60 },
  apiPatch: { limit: 200, windowSeconds: 60 },
  apiDelete: { limit: 100, windowSeconds: 60 },
  sandbox: { limit: 10000, windowSeconds: 60 },
};

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Unix seconds when the window resets (the X-RateLimit-Reset header). */
  reset: number;
  /** Seconds until reset, at least 1 (the Retry-After header when refused). */
  retryAfter: number;
}

/** Fixed windows keyed by bucket + subject (IP or app). A refused request does not consume the next window. */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  take(key: string, rule: RateLimitRule, nowSeconds: number): RateDecision {
    const windowStart = Math.floor(nowSeconds / rule.windowSeconds) * rule.windowSeconds;
    let window = this.windows.get(key);
    if (!window || window.start !== windowStart) {
      window = { start: windowStart, count: 0 };
      this.windows.set(key, window);
    }
    const reset = windowStart + rule.windowSeconds;
    const retryAfter = Math.max(1, Math.ceil(reset - nowSeconds));
    if (window.count >= rule.limit) return { allowed: false, limit: rule.limit, remaining: 0, reset, retryAfter };
    window.count++;
    return { allowed: true, limit: rule.limit, remaining: rule.limit - window.count, reset, retryAfter };
  }

  clear(): void {
    this.windows.clear();
  }
}
