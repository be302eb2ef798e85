import * as vscode from 'vscode';
import type { AppRegistry } from '../../apps/registry';
import type { RefreshCoordinator } from '../../auth/refreshCoordinator';
import type { SessionStore } from '../../auth/sessionStore';
import { onAnyResponse } from '../../clientFactory';
import type { Logger } from '../../common/logger';
import { Commands, Views } from '../../commands/ids';
import { readUsageSpikeThresholdPercent } from '../../config';
import { currentUsageContext } from '../context';
import { UsageMonitor } from '../monitor';
import { ActivityTreeProvider } from './activityTree';
import { warnAboutFinding } from './spikeWarning';
import { lazyHandler } from '../../commands/lazy';

/** Check Usage, required on its first run (docs/startup.md). */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy-load boundary (scripts/build.mjs)
const checkUsageCommand = () => require('./checkUsage') as typeof import('./checkUsage');

/**
 * The usage monitor: hears every response of every client (clientFactory.onAnyResponse), attributes it to an app
 * and session through the usage context, warns on spikes, and shows it all in the Activity view.
 */
export function activateUsage(deps: { apps: AppRegistry; sessions: SessionStore; coordinator: RefreshCoordinator; log: Logger }) {
  const monitor = new UsageMonitor({ thresholdRatio: () => readUsageSpikeThresholdPercent() / 100 });
  const tree = new ActivityTreeProvider(deps.apps, monitor);
  const disposable = vscode.Disposable.from(
    onAnyResponse((info) => monitor.observe(info, currentUsageContext())),
    followRegistry(deps.apps, monitor),
    monitor.onFinding(warnAboutFinding(deps.apps, deps.log)),
    tree,
    vscode.window.createTreeView(Views.activity, { treeDataProvider: tree }),
  );
  const commands = {
    [Commands.checkUsage]: lazyHandler(() => checkUsageCommand().checkUsage({ ...deps, monitor })),
    [Commands.copyRequestId]: copyRequestId,
  };
  return { monitor, tree, commands, disposable };
}

/**
 * The monitor follows the registry: a rotation that changed the client_id keeps the app's history; a removed app
 * (Remove App, or Stop Local Sandbox forgetting its apps) takes its counters with it, and once no app of that API
 * base URL is left, so do its "Other calls".
 */
function followRegistry(apps: AppRegistry, monitor: UsageMonitor): vscode.Disposable {
  const origins = new Map(apps.list().map((a) => [a.clientId, a.apiBaseUrl]));
  const subscription = apps.onDidChange((change) => {
    if (change.kind === 'updated' && change.previousClientId && change.previousClientId !== change.clientId) {
      monitor.renameApp(change.previousClientId, change.clientId);
      origins.delete(change.previousClientId);
    }
    if (change.kind === 'removed') {
      const origin = origins.get(change.clientId);
      origins.delete(change.clientId);
      monitor.forget(change.clientId);
      if (origin && !apps.list().some((a) => a.apiBaseUrl === origin)) monitor.forgetOrigin(origin);
    } else {
      const app = apps.get(change.clientId);
      if (app) origins.set(app.clientId, app.apiBaseUrl);
    }
  });
  return new vscode.Disposable(() => subscription.dispose());
}

/** Request ids are not secrets: they are what Vendaze support needs to find a call. */
async function copyRequestId(arg?: unknown): Promise<{ requestId?: string }> {
  const requestId = typeof arg === 'string' ? arg : (arg as { requestId?: string } | undefined)?.requestId;
  if (!requestId) return {};
  await vscode.env.clipboard.writeText(requestId);
  vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('Copied request id {0}', requestId)}`, 3000);
  return { requestId };
}
