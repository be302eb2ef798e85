import * as vscode from 'vscode';
import type { AppRegistry } from '../../apps/registry';
import { findingText } from '../findingText';
import { appSummary, bucketText, isLow, requestLabel, timeOfDay } from '../format';
import { UNATTRIBUTED, type AppUsageSnapshot } from '../monitor';
import type { ActivityNode, IncidentSource } from './activityTree';

/**
 * The Activity view's items (src/usage/ui/activityTree.ts), in a lazy bundle of their own: loaded when the view
 * first shows a node, not at activation (docs/startup.md).
 */
export function activityItem(node: ActivityNode, usage: AppUsageSnapshot | undefined, apps: AppRegistry, incidents: IncidentSource | undefined): vscode.TreeItem {
  switch (node.type) {
    case 'usageApp': {
      const app = apps.get(node.clientId);
      const label = node.clientId === UNATTRIBUTED ? vscode.l10n.t('Other calls') : (app?.appName ?? node.clientId);
      const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `activity:${node.clientId}`;
      item.description = appSummary(usage).replace('$(warning) ', '⚠ ');
      item.iconPath = new vscode.ThemeIcon(usage?.findings.length ? 'warning' : 'pulse');
      item.contextValue = node.clientId === UNATTRIBUTED ? 'usageOther' : 'usageApp';
      item.tooltip = node.clientId === UNATTRIBUTED ? vscode.l10n.t('Calls not made for a known app (for example a sign-in before the app is known).') : `client_id ${node.clientId}`;
      item.accessibilityInformation = { label: `${label}: ${appSummary(usage).replace('$(warning) ', `${vscode.l10n.t('warning')}: `)}` };
      return item;
    }
    case 'usageBucket': {
      const b = usage?.buckets.find((x) => x.key === node.key);
      const item = new vscode.TreeItem(node.key);
      item.id = `activity:${node.clientId}:bucket:${node.key}`;
      item.description = b ? bucketText(b) : '';
      item.iconPath = new vscode.ThemeIcon(b && isLow(b) ? 'warning' : b?.scope === 'app' ? 'dashboard' : 'globe');
      item.accessibilityInformation = { label: vscode.l10n.t('Rate-limit counter {0}', node.key) + (b ? `: ${bucketText(b)}` : '') + (b && isLow(b) ? `, ${vscode.l10n.t('running low')}` : '') };
      item.tooltip = b?.scope === 'app' ? vscode.l10n.t('Per-app counter: every caller using this app (your servers included) draws from it.') : vscode.l10n.t('Per-IP counter of this machine: shared with anything else calling from here.');
      return item;
    }
    case 'usageFinding': {
      const finding = usage?.findings[node.index];
      const item = new vscode.TreeItem(finding?.kind === 'unexpected-401' ? vscode.l10n.t('Unexpected 401') : vscode.l10n.t('Unexplained usage'));
      item.description = finding ? timeOfDay(finding.at) : '';
      item.tooltip = finding && findingText(finding);
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
      item.accessibilityInformation = { label: vscode.l10n.t('Warning: {0}', finding ? findingText(finding) : vscode.l10n.t('usage warning')) };
      item.contextValue = 'usageFinding'; // Incident Response… inline and in the context menu: a click only selects
      return item;
    }
    case 'usageIncident': {
      const progress = incidents?.progress(node.clientId);
      const item = new vscode.TreeItem(vscode.l10n.t('Incident response in progress'));
      item.description = progress ? vscode.l10n.t('{0}/{1} done', progress.done, progress.total) + (progress.next ? ` · ${vscode.l10n.t('next: {0}', progress.next)}` : '') : '';
      item.iconPath = new vscode.ThemeIcon('shield');
      item.contextValue = 'usageIncident';
      return item;
    }
    case 'usageRequests': {
      const item = new vscode.TreeItem(vscode.l10n.t('Recent requests'), vscode.TreeItemCollapsibleState.Collapsed);
      item.description = String(usage?.recent.length ?? 0);
      item.iconPath = new vscode.ThemeIcon('history');
      return item;
    }
    case 'requestId': {
      const r = usage?.recent[node.index];
      const item = new vscode.TreeItem(r ? requestLabel(r) : vscode.l10n.t('(gone)'));
      item.description = `${r?.requestId ?? vscode.l10n.t('no request id')} · ${timeOfDay(r?.at)}`;
      item.iconPath = new vscode.ThemeIcon(r && r.status >= 400 ? 'error' : 'arrow-swap');
      item.contextValue = r?.requestId ? 'requestId' : undefined;
      item.accessibilityInformation = { label: vscode.l10n.t('{0}, request id {1}, at {2}', r ? requestLabel(r) : vscode.l10n.t('Request gone'), r?.requestId ?? vscode.l10n.t('none'), timeOfDay(r?.at)) };
      return item;
    }
  }
}
