import * as vscode from 'vscode';
import type { AppRecord } from '../apps/registry';
import type { StoredSession } from '../auth/sessionStore';
import { serverLabel } from '../mcp/catalog';
import { leastPrivilegeAdvice } from '../payloads/advice';
import { isScope, scopeDescription } from '../schemas/scopeList';
import { expiryText, isLoopbackUri, isSecretTooOld, scopeAccess, secretAgeText, shortClientId } from './format';
import { nodeId, type AppsTreeNode } from './nodes';

/** Turns tree nodes into TreeItems: labels, codicons, tooltips. Everything a node shows is computed here. */

export interface AppView {
  app: AppRecord;
  hasSecret: boolean;
  sessions: StoredSession[];
  maxAgeDays: number;
}

export function appItem(node: AppsTreeNode & { type: 'app' }, view: AppView): vscode.TreeItem {
  const { app, hasSecret, sessions, maxAgeDays } = view;
  const item = new vscode.TreeItem(app.appName, vscode.TreeItemCollapsibleState.Collapsed);
  const age = secretAgeText(app, hasSecret);
  const old = isSecretTooOld(app, maxAgeDays);
  item.id = nodeId(node);
  item.description = `${shortClientId(app.clientId)} · ${age}`;
  item.iconPath = !hasSecret || old ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')) : new vscode.ThemeIcon('key');
  item.contextValue = 'app';
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escape(app.appName)}**\n\n`);
  tooltip.appendMarkdown(`- client_id: \`${app.clientId}\`\n`);
  tooltip.appendMarkdown(`- email: ${app.email ? escape(app.email) : `_${vscode.l10n.t('unknown (added by client_id)')}_`}\n`);
  tooltip.appendMarkdown(`- client_secret: ${age}${old ? ` — ${vscode.l10n.t('older than {0} days, rotate it', maxAgeDays)}` : ''}\n`);
  tooltip.appendMarkdown(`- API: ${escape(app.apiBaseUrl)}\n`);
  tooltip.appendMarkdown(`- ${vscode.l10n.t('{0} scope(s), {1} redirect URI(s), {2} signed-in workspace(s)', app.scopes.length, app.redirectUris.length, sessions.length)}`);
  item.tooltip = tooltip;
  const warnings = [old ? vscode.l10n.t('older than {0} days: rotate it', maxAgeDays) : '', hasSecret ? '' : vscode.l10n.t('no client_secret stored')].filter(Boolean);
  item.accessibilityInformation = { label: vscode.l10n.t('App {0}, client_id {1}, {2}', app.appName, app.clientId, [age, ...warnings].join(', ')) };
  return item;
}

export function groupItem(node: AppsTreeNode & { type: 'group' }, view: AppView): vscode.TreeItem {
  const labels = { scopes: vscode.l10n.t('Scopes'), redirectUris: vscode.l10n.t('Redirect URIs'), tokens: vscode.l10n.t('Tokens') };
  const icons = { scopes: 'shield', redirectUris: 'link', tokens: 'account' } as const;
  const count = { scopes: view.app.scopes.length, redirectUris: view.app.redirectUris.length, tokens: view.sessions.length }[node.group];
  const item = new vscode.TreeItem(labels[node.group], vscode.TreeItemCollapsibleState.Expanded);
  item.id = nodeId(node);
  const notSignedIn = vscode.l10n.t('not signed in');
  item.description = node.group === 'tokens' && count === 0 ? notSignedIn : String(count);
  item.iconPath = new vscode.ThemeIcon(icons[node.group]);
  item.contextValue = node.group;
  item.accessibilityInformation = { label: `${labels[node.group]}: ${node.group === 'tokens' && count === 0 ? notSignedIn : count}` };
  return item;
}

export function scopeItem(node: AppsTreeNode & { type: 'scope' }, view: AppView): vscode.TreeItem {
  const item = new vscode.TreeItem(node.scope, vscode.TreeItemCollapsibleState.None);
  const grants = isScope(node.scope) ? scopeDescription(node.scope, vscode.env.language) : vscode.l10n.t('Not a scope this extension knows.');
  const access = scopeAccess(node.scope);
  item.id = nodeId(node);
  item.description = grants;
  item.iconPath = new vscode.ThemeIcon(access === 'read' ? 'eye' : access === 'write' ? 'edit' : access === 'manage' ? 'gear' : 'question');
  item.contextValue = 'scope';
  item.accessibilityInformation = { label: vscode.l10n.t('Scope {0}: {1}', node.scope, grants) };
  const advice = leastPrivilegeAdvice(view.app.scopes).filter((a) => a.scope === node.scope);
  item.tooltip = new vscode.MarkdownString(`**${node.scope}**: ${grants}${advice.map((a) => `\n\n$(lightbulb) ${escape(a.message)}`).join('')}`, true);
  return item;
}

export function redirectUriItem(node: AppsTreeNode & { type: 'redirectUri' }): vscode.TreeItem {
  const item = new vscode.TreeItem(node.uri, vscode.TreeItemCollapsibleState.None);
  const local = isLoopbackUri(node.uri);
  item.id = nodeId(node);
  item.description = local ? vscode.l10n.t('loopback') : undefined;
  item.iconPath = new vscode.ThemeIcon(local ? 'vm' : 'globe');
  item.contextValue = 'redirectUri';
  item.accessibilityInformation = { label: local ? vscode.l10n.t('Redirect URI {0}, loopback', node.uri) : vscode.l10n.t('Redirect URI {0}', node.uri) };
  item.tooltip = `${node.uri}\n${vscode.l10n.t('Matched exactly by Vendaze: the sign-in must use this very string.')}`;
  return item;
}

export function tokenItem(node: AppsTreeNode & { type: 'token' }, session: StoredSession | undefined, appName?: string): vscode.TreeItem {
  const item = new vscode.TreeItem(node.workspaceSlug, vscode.TreeItemCollapsibleState.None);
  item.id = nodeId(node);
  item.contextValue = 'token';
  if (!session) return item;
  const expired = Date.parse(session.expiresAt) <= Date.now();
  item.description = `${expiryText(session.expiresAt)} · ${session.scopes.join(' ')}`;
  item.iconPath = new vscode.ThemeIcon(expired ? 'history' : 'pass');
  item.accessibilityInformation = { label: vscode.l10n.t('Signed in to workspace {0}, access token {1}, scopes {2}', session.workspaceSlug, expiryText(session.expiresAt), session.scopes.join(', ')) };
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escape(session.workspaceSlug)}**\n\n`);
  const expiry = `${expiryText(session.expiresAt)} (${new Date(session.expiresAt).toLocaleString()})`;
  tooltip.appendMarkdown(`- ${expired ? vscode.l10n.t('access token {0}; refreshed on next use', expiry) : vscode.l10n.t('access token {0}', expiry)}\n`);
  tooltip.appendMarkdown(`- ${vscode.l10n.t('scopes: {0}', session.scopes.map((s) => `\`${s}\``).join(' '))}\n`);
  tooltip.appendMarkdown(`- ${vscode.l10n.t('signed in {0} on {1}', new Date(session.createdAt).toLocaleString(), escape(session.apiBaseUrl))}\n`);
  // A definition has no description field: this is where users see what the agent-mode server acts with.
  tooltip.appendMarkdown(`- ${vscode.l10n.t('MCP server for agent mode: **{0}**, workspace {1}, these scopes (Vendaze: Show MCP Server)', escape(serverLabel(session, appName)), escape(session.workspaceSlug))}`);
  item.tooltip = tooltip;
  return item;
}

export function notSignedInItem(node: AppsTreeNode & { type: 'notSignedIn' }): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Sign in to a workspace…'), vscode.TreeItemCollapsibleState.None);
  item.id = nodeId(node);
  item.iconPath = new vscode.ThemeIcon('sign-in');
  item.contextValue = 'notSignedIn'; // Sign In sits inline: a click only selects
  item.accessibilityInformation = { label: vscode.l10n.t('Not signed in. Use the Sign In action of this item to sign in to a workspace.') };
  return item;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
