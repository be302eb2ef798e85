import * as vscode from 'vscode';
import type { AppRegistry } from '../../apps/registry';
import { UNATTRIBUTED, type AppUsageSnapshot, type UsageMonitor } from '../monitor';

/** How each node looks, required when the view first shows an item (docs/startup.md): not needed at activation. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy-load boundary (scripts/build.mjs)
const items = () => require('./activityItems') as typeof import('./activityItems');

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
    return items().activityItem(node, this.usage(node.clientId), this.apps, this.incidents);
  }

  private usage(clientId: string): AppUsageSnapshot | undefined {
    return this.monitor.snapshot(clientId)[0];
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    this.subscriptions.forEach((s) => s.dispose());
  }
}
