import * as vscode from 'vscode';
import { userFacingMessage, VendazeApiError } from '../../api/errors';
import { clientIdOf } from '../../apps/commandArgs';
import type { AppRegistry } from '../../apps/registry';
import type { RefreshCoordinator } from '../../auth/refreshCoordinator';
import type { SessionStore } from '../../auth/sessionStore';
import { createVendazeClient } from '../../clientFactory';
import type { Logger } from '../../common/logger';
import { withUsageContext } from '../context';
import type { AppUsageSnapshot, UsageFinding, UsageMonitor } from '../monitor';

export interface UsageProbe {
  workspace: string;
  status?: number;
  requestId?: string;
  remaining?: number;
  limit?: number;
  error?: string;
}

export interface CheckUsageResult {
  apps: Array<{ clientId: string; appName: string; probes: UsageProbe[]; usage?: AppUsageSnapshot }>;
  /** Warnings raised by this check (each also shown as a notification). */
  findings: UsageFinding[];
}

/**
 * `Vendaze: Check Usage` (Activity view): one GET /v1/me per signed-in session of the app (or of every app).
 * The extension makes few /v1 calls of its own, so this is how the per-app counter (which your servers and anyone
 * holding the app's tokens draw from) is read on demand; two checks in the same minute show what others used.
 * vendaze.checkUsage(clientId? | node) returns plain data (no tokens).
 */
export function checkUsage(deps: { apps: AppRegistry; sessions: SessionStore; coordinator: RefreshCoordinator; monitor: UsageMonitor; log: Logger }) {
  return async (arg?: unknown): Promise<CheckUsageResult> => {
    const clientId = clientIdOf(arg);
    const apps = clientId ? [deps.apps.get(clientId)].filter((a) => a !== undefined) : deps.apps.list();
    const findings: UsageFinding[] = [];
    const listening = deps.monitor.onFinding((f) => findings.push(f));
    const result: CheckUsageResult = { apps: [], findings };
    try {
      for (const app of apps) {
        const probes: UsageProbe[] = [];
        for (const session of await deps.sessions.listForApp(app.clientId)) {
          const client = createVendazeClient(deps.log, undefined, { baseUrl: session.apiBaseUrl });
          try {
            const answer = await deps.coordinator.withAccessToken(session.id, (token, fresh) =>
              withUsageContext({ clientId: app.clientId, sessionId: fresh.id, workspace: fresh.workspaceSlug, tokenExpiresAt: fresh.expiresAt }, () => client.me(token)),
            );
            probes.push({ workspace: session.workspaceSlug, status: answer.status, requestId: answer.requestId, remaining: answer.rateLimit?.remaining, limit: answer.rateLimit?.limit });
          } catch (error) {
            const message = userFacingMessage(error);
            probes.push({ workspace: session.workspaceSlug, status: error instanceof VendazeApiError ? error.status : undefined, requestId: error instanceof VendazeApiError ? error.requestId : undefined, error: message });
          }
        }
        result.apps.push({ clientId: app.clientId, appName: app.appName, probes, usage: deps.monitor.snapshot(app.clientId)[0] });
      }
    } finally {
      listening.dispose();
    }
    const probed = result.apps.reduce((n, a) => n + a.probes.length, 0);
    if (probed === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Vendaze: nobody is signed in for this app, so its per-app rate limit cannot be read. Sign in first.'));
    } else if (!findings.length) {
      vscode.window.setStatusBarMessage(`$(pulse) ${vscode.l10n.t('Vendaze usage checked ({0} session(s)): nothing unusual', probed)}`, 4000);
    }
    return result;
  };
}
