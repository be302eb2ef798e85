import type { VendazeClient } from '../api/client';
import { RefreshFn } from './refreshCoordinator';

/**
 * The refresh call the coordinator makes: grant_type=refresh_token with the app's client_secret, against the API
 * the session came from. Missing secret = a clear error, not a request the server would refuse.
 */
export function makeRefreshFn(
  getSecret: (clientId: string) => PromiseLike<string | undefined>,
  clientFor: (apiBaseUrl: string) => VendazeClient,
): RefreshFn {
  return async (session) => {
    const clientSecret = await getSecret(session.clientId);
    if (!clientSecret) {
      throw new Error(`Cannot refresh the ${session.workspaceSlug} session: the client_secret of ${session.clientId} is not stored. Set it (Apps view) and try again.`);
    }
    const result = await clientFor(session.apiBaseUrl).refreshToken({ clientId: session.clientId, clientSecret, refreshToken: session.refreshToken });
    return { accessToken: result.data.access_token, refreshToken: result.data.refresh_token, expiresInSeconds: result.data.expires_in };
  };
}
