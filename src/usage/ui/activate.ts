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
import { checkUsage } from './checkUsage';
import { warnAboutFinding } from './spikeWarning';

/**
 * The usage monitor: hears every response of every client (clientFactory.onAnyResponse), attributes it to an app
 * and session through the usage context, warns on spikes, and shows it all in the Activity view.
 */
export function activateUsage(deps: { apps: AppRegistry; sessions: SessionStore; coordinator: RefreshCoordinator; log: Logger }) {
  const monitor = new UsageMonitor({ thresholdRatio: () => readUsageSpikeThresholdPercent() / 100 });
  const tree = new ActivityTreeProvider(deps.apps, monitor);
  const disposable = vscode.Disposable.from(
    onAnyResponse((info) => monitor.observe(info, currentUsageContext())),
    monitor.onFinding(warnAboutFinding(deps.apps, deps.log)),
    tree,
    vscode.window.createTreeView(Views.activity, { treeDataProvider: tree }),
  );
  const commands = {
    [Commands.checkUsage]: checkUsage({ ...deps, monitor }),
    [Commands.copyRequestId]: copyRequestId,
  };
  return { monitor, tree, commands, disposable };
}

/** Request ids are not secrets: they are what Vendaze support needs to find a call. */
async function copyRequestId(arg?: unknown): Promise<{ requestId?: string }> {
  const requestId = typeof arg === 'string' ? arg : (arg as { requestId?: string } | undefined)?.requestId;
  if (!requestId) return {};
  await vscode.env.clipboard.writeText(requestId);
  vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('Copied request id {0}', requestId)}`, 3000);
  return { requestId };
}
