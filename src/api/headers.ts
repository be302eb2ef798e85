/**
 * Response headers the client reads: X-Request-ID (quoted in every error so support can trace the call),
 * the X-RateLimit-* trio (shown in the UI) and Retry-After (drives the 429 retry). Pure parsing, tolerant of
 * junk: a malformed header is treated as absent, never as an error.
 */

export type HeaderBag = Record<string, string | string[] | undefined>;

export interface RateLimitInfo {
  limit?: number;
  remaining?: number;
  /** When the window resets. */
  resetAt?: Date;
}

export function headerValue(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  const first = Array.isArray(value) ? value[0] : value;
  const trimmed = first?.trim();
  return trimmed ? trimmed : undefined;
}

function nonNegativeInt(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * X-RateLimit-Reset is a Unix timestamp in seconds since v1.0.1, and was "seconds remaining" before; a value too
 * small to be a 2020s timestamp is read the old way.
 */
export function parseRateLimit(headers: HeaderBag, now: number = Date.now()): RateLimitInfo | undefined {
  const limit = nonNegativeInt(headerValue(headers, 'x-ratelimit-limit'));
  const remaining = nonNegativeInt(headerValue(headers, 'x-ratelimit-remaining'));
  const reset = nonNegativeInt(headerValue(headers, 'x-ratelimit-reset'));
  if (limit === undefined && remaining === undefined && reset === undefined) return undefined;
  const info: RateLimitInfo = {};
  if (limit !== undefined) info.limit = limit;
  if (remaining !== undefined) info.remaining = remaining;
  if (reset !== undefined) info.resetAt = new Date(reset >= 1_000_000_000 ? reset * 1000 : now + reset * 1000);
  return info;
}

/** Retry-After: delta-seconds or an HTTP date (RFC 9110 §10.2.3), as whole seconds from `now` (>= 0). */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const seconds = nonNegativeInt(value);
  if (seconds !== undefined) return seconds;
  if (!/[a-z]/i.test(value)) return undefined;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
