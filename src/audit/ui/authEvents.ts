import type { RefreshCoordinator } from '../../auth/refreshCoordinator';
import { audit } from '../recorder';

/**
 * Refreshes happen in the background (scheduler, provider, 401 retries) through one coordinator: its events are
 * the one place that sees every refresh and every session ended by invalid_grant, whoever triggered it.
 */
export function auditSessionEvents(coordinator: RefreshCoordinator): { dispose(): void } {
  const subscriptions = [
    coordinator.onDidRefresh((s) => void audit.record({ action: 'refresh', outcome: 'ok', app: s.clientId, workspace: s.workspaceSlug, detail: `Token pair renewed; access token valid until ${s.expiresAt}` })),
    coordinator.onDidEnd(({ session, reason }) =>
      void audit.record({ action: 'session-ended', outcome: 'failed', app: session.clientId, workspace: session.workspaceSlug, detail: `Refresh refused (${reason}): the session ended` }),
    ),
  ];
  return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
}
