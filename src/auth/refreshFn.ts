import type { VendazeClient } from '../api/client';
import { english, l10n as display, type Words } from '../common/l10n';
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
      // `message` stays English (the log, the MCP proxy's answer); Refresh Session and Copy Access Token show `displayMessage`.
      const words = (l10n: Words) =>
        l10n.t('Cannot refresh the {0} session: the client_secret of {1} is not stored. Set it (Apps view) and try again.', session.workspaceSlug, session.clientId);
      throw Object.assign(new Error(words(english)), { displayMessage: words(display) });
    }
    const result = await clientFor(session.apiBaseUrl).refreshToken({ clientId: session.clientId, clientSecret, refreshToken: session.refreshToken });
    return { accessToken: result.data.access_token, refreshToken: result.data.refresh_token, expiresInSeconds: result.data.expires_in };
  };
}
