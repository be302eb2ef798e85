import type { RefreshCoordinator } from '../auth/refreshCoordinator';
import type { TokenSource } from './forward';

/**
 * The proxy's token source over the session store's refresh coordinator: the same single-flight, cross-window
 * refresh every other API call uses, so a proxied call never spends a refresh token another caller is spending.
 */
export function coordinatorTokens(coordinator: Pick<RefreshCoordinator, 'ensureFresh'>, appScopes?: (clientId: string) => readonly string[] | undefined): TokenSource {
  return {
    fresh: (sessionId, staleAccessToken) => coordinator.ensureFresh(sessionId, staleAccessToken ? { staleAccessToken } : {}),
    appScopes,
  };
}
