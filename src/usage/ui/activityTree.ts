import * as vscode from 'vscode';
import type { AppRegistry } from '../../apps/registry';
import { findingText } from '../findingText';
import { appSummary, bucketText, isLow, requestLabel, timeOfDay } from '../format';
import { UNATTRIBUTED, type AppUsageSnapshot, type UsageMonitor } from '../monitor';

/**
 * The "Activity" view: per app, the rate-limit counters the API last reported, the usage warnings, an incident
 * in progress, and the last request ids (inline action to copy: they are what Vendaze support asks for). Items
 * never act as buttons: a click selects, actions sit inline and in the context menu.
 * Nodes carry `clientId`, so app commands (Incident Response…, Check Usage) work on them directly.
 */

export type ActivityNode =
  | { type: 'usageApp'; clientId: string }
  | { type: 'usageBucket'; clientId: string; key: string }
  | { type: 'usageFinding'; clientId: string; index: number }
  | { type: 'usageIncident'; clientId: string }
  | { type: 'usageRequests'; clientId: string }
  | { type: 'requestId'; clientId: string; index: number; requestId?: string };

/** What the view needs from the incident feature (set once it is activated). */
export interface IncidentSource {
  progress(clientId: string): { done: number; total: number; next?: string } | undefined;
}

export class ActivityTreeProvider implements vscode.TreeDataProvider<ActivityNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ActivityNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: Array<{ dispose(): unknown }>;
  private incidents?: IncidentSource;
  private pending?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly apps: AppRegistry,
    private readonly monitor: UsageMonitor,
  ) {
    this.subscriptions = [apps.onDidChange(() => this.refresh()), monitor.onDidChange(() => this.refresh()), this.changed];
  }

  setIncidentSource(source: IncidentSource): void {
    this.incidents = source;
    this.refresh();
  }

  /** Coalesced: a burst of responses redraws once. */
  refresh(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.changed.fire(undefined);
    }, 100);
  }

  getChildren(node?: ActivityNode): ActivityNode[] {
    if (!node) {
      // Apps VS Code knows, then "Other calls": counters of an app that is gone (a stopped sandbox's) go with it.
      const ids = this.apps.list().map((a) => a.clientId);
      if (this.monitor.snapshot(UNATTRIBUTED).length > 0) ids.push(UNATTRIBUTED);
      return ids.map((clientId) => ({ type: 'usageApp', clientId }));
    }
    const usage = this.usage(node.clientId);
    if (node.type === 'usageApp') {
      const children: ActivityNode[] = [];
      if (this.incidents?.progress(node.clientId)) children.push({ type: 'usageIncident', clientId: node.clientId });
      usage?.findings.forEach((_f, index) => children.push({ type: 'usageFinding', clientId: node.clientId, index }));
      usage?.buckets.forEach((b) => children.push({ type: 'usageBucket', clientId: node.clientId, key: b.key }));
      if (usage?.recent.length) children.push({ type: 'usageRequests', clientId: node.clientId });
      return children;
    }
    if (node.type === 'usageRequests') {
      return (usage?.recent ?? []).map((r, index) => ({ type: 'requestId', clientId: node.clientId, index, requestId: r.requestId }));
    }
    return [];
  }

  getTreeItem(node: ActivityNode): vscode.TreeItem {
    const usage = this.usage(node.clientId);
    switch (node.type) {
      case 'usageApp': {
        const app = this.apps.get(node.clientId);
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
        const progress = this.incidents?.progress(node.clientId);
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

  private usage(clientId: string): AppUsageSnapshot | undefined {
    return this.monitor.snapshot(clientId)[0];
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    this.subscriptions.forEach((s) => s.dispose());
  }
}
