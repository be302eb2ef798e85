import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which app and session an API call is made for. A ResponseInfo carries no credentials (rightly), so it cannot
 * say whose token it used; code that calls the API for a known session wraps the call in `withUsageContext`, and
 * the usage monitor (listening to every client's responses) reads it back: the transport reports each response
 * inside the caller's async chain, so AsyncLocalStorage follows it through undici and the retries.
 */
export interface UsageContext {
  clientId: string;
  sessionId?: string;
  workspace?: string;
  /** ISO expiry of the access token used: a 401 before it is suspicious. */
  tokenExpiresAt?: string;
}

const storage = new AsyncLocalStorage<UsageContext>();

export function withUsageContext<T>(context: UsageContext, run: () => T): T {
  return storage.run(context, run);
}

export function currentUsageContext(): UsageContext | undefined {
  return storage.getStore();
}
