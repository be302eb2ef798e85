import * as vscode from 'vscode';
import type { AppRegistry } from '../apps/registry';
import type { SessionStore } from '../auth/sessionStore';
import { parentOf, type AppsTreeNode } from './nodes';
import type { AppView } from './treeItems';

/** How each node looks, required when the view first shows an item (docs/startup.md): not needed at activation. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy-load boundary (scripts/build.mjs)
const items = () => require('./treeItems') as typeof import('./treeItems');

/**
 * The "Apps" view: App -> Scopes / Redirect URIs / Tokens. The registry and the session store are the only
 * sources; the tree re-reads them on every change event and once a minute while tokens are shown (countdowns).
 */

const COUNTDOWN_MS = 60_000;

export interface RenderedNode {
  node: AppsTreeNode;
  label: string;
  description?: string;
  contextValue?: string;
  children: RenderedNode[];
}

export class AppsTreeProvider implements vscode.TreeDataProvider<AppsTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<AppsTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: Array<{ dispose(): unknown }> = [];
  private countdown: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly apps: AppRegistry,
    private readonly sessions: SessionStore,
    private readonly maxAgeDays: () => number,
  ) {
    this.subscriptions.push(
      apps.onDidChange(() => this.refresh()),
      sessions.onDidChange(() => this.refresh()),
      this.changed,
    );
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getTreeItem(node: AppsTreeNode): Promise<vscode.TreeItem> {
    const { appItem, groupItem, notSignedInItem, redirectUriItem, scopeItem, tokenItem } = items();
    if (node.type === 'redirectUri') return redirectUriItem(node);
    if (node.type === 'notSignedIn') return notSignedInItem(node);
    const view = await this.view(node.clientId);
    if (!view) return new vscode.TreeItem(vscode.l10n.t('(removed)'));
    switch (node.type) {
      case 'app':
        return appItem(node, view);
      case 'group':
        return groupItem(node, view);
      case 'scope':
        return scopeItem(node, view);
      case 'token':
        return tokenItem(node, view.sessions.find((s) => s.id === node.sessionId), view.app.appName);
    }
  }

  async getChildren(node?: AppsTreeNode): Promise<AppsTreeNode[]> {
    if (!node) {
      const apps = this.apps.list().sort((a, b) => a.appName.localeCompare(b.appName));
      return apps.map((app) => ({ type: 'app', clientId: app.clientId }));
    }
    const app = this.apps.get(node.clientId);
    if (!app) return [];
    switch (node.type) {
      case 'app':
        return (['scopes', 'redirectUris', 'tokens'] as const).map((group) => ({ type: 'group', clientId: app.clientId, group }));
      case 'group':
        if (node.group === 'scopes') return app.scopes.map((scope) => ({ type: 'scope', clientId: app.clientId, scope }));
        if (node.group === 'redirectUris') return app.redirectUris.map((uri) => ({ type: 'redirectUri', clientId: app.clientId, uri }));
        return this.tokenNodes(app.clientId);
      default:
        return [];
    }
  }

  getParent(node: AppsTreeNode): AppsTreeNode | undefined {
    return parentOf(node);
  }

  /** The whole tree as the view would render it: what `vendaze.refreshApps` returns, so tests can read the tree. */
  async render(node?: AppsTreeNode): Promise<RenderedNode[]> {
    const children = await this.getChildren(node);
    return Promise.all(
      children.map(async (child) => {
        const item = await this.getTreeItem(child);
        const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
        const description = typeof item.description === 'string' ? item.description : undefined;
        return { node: child, label, description, contextValue: item.contextValue, children: await this.render(child) };
      }),
    );
  }

  dispose(): void {
    if (this.countdown) clearInterval(this.countdown);
    for (const s of this.subscriptions) s.dispose();
  }

  private async tokenNodes(clientId: string): Promise<AppsTreeNode[]> {
    const sessions = await this.sessions.listForApp(clientId);
    this.keepCountdown(sessions.length > 0);
    if (sessions.length === 0) return [{ type: 'notSignedIn', clientId }];
    return sessions
      .sort((a, b) => a.workspaceSlug.localeCompare(b.workspaceSlug))
      .map((s) => ({ type: 'token', clientId, sessionId: s.id, workspaceSlug: s.workspaceSlug }));
  }

  /** A timer only while some token countdown is visible; it refreshes the labels, nothing else. */
  private keepCountdown(needed: boolean): void {
    if (needed && !this.countdown) this.countdown = setInterval(() => this.refresh(), COUNTDOWN_MS);
  }

  private async view(clientId: string): Promise<AppView | undefined> {
    const app = this.apps.get(clientId);
    if (!app) return undefined;
    const [hasSecret, sessions] = await Promise.all([this.apps.hasSecret(clientId), this.sessions.listForApp(clientId)]);
    return { app, hasSecret, sessions, maxAgeDays: this.maxAgeDays() };
  }
}
