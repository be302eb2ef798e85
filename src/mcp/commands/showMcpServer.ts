import * as vscode from 'vscode';
import { Commands } from '../../commands/ids';
import type { McpServerCatalog } from '../catalog';

export interface McpServerSummary {
  label: string;
  sessionId: string;
  workspace: string;
  clientId: string;
  appName?: string;
  scopes: string[];
  apiBaseUrl: string;
  readOnly: boolean;
  /** host:port of the local proxy once the editor started the server (never its key). */
  proxy?: string;
}

/**
 * `Vendaze: Show MCP Server`: a definition has no description field, so this is where users see which workspace,
 * app and scopes the agent-mode tools act with. `{ pick: false }` returns the summaries only (tests, other commands).
 * `{ resolve: true }` also resolves each definition through the provider, as the editor does when it starts one.
 */
export function showMcpServerCommand(
  catalog: McpServerCatalog,
  readOnly: () => boolean,
  provider: vscode.McpServerDefinitionProvider<vscode.McpHttpServerDefinition>,
) {
  return async (options: { pick?: boolean; resolve?: boolean } = {}): Promise<McpServerSummary[]> => {
    const offered = await catalog.offered();
    if (options.resolve) {
      const token = new vscode.CancellationTokenSource().token;
      for (const definition of (await provider.provideMcpServerDefinitions(token)) ?? []) await provider.resolveMcpServerDefinition?.(definition, token);
    }
    const proxy = await catalog.runningProxy();
    const served = new Set(proxy?.servedSessions() ?? []);
    const port = proxy ? await proxy.start() : undefined;
    const summaries = offered.map((s): McpServerSummary => ({
      label: s.label,
      sessionId: s.sessionId,
      workspace: s.workspaceSlug,
      clientId: s.clientId,
      appName: s.appName,
      scopes: s.scopes,
      apiBaseUrl: s.apiBaseUrl,
      readOnly: readOnly(),
      proxy: served.has(s.sessionId) && port ? `127.0.0.1:${port}` : undefined,
    }));
    if (options.pick === false) return summaries;
    if (summaries.length === 0) {
      const choice = await vscode.window.showInformationMessage(vscode.l10n.t('No Vendaze MCP server: sign in to a Vendaze workspace first.'), vscode.l10n.t('Sign In'));
      if (choice) void vscode.commands.executeCommand(Commands.signIn);
      return summaries;
    }
    const picked = await vscode.window.showQuickPick(
      [
        ...summaries.map((s) => ({
          label: `$(server) ${s.label}`,
          description: `${s.workspace} · ${s.appName ?? s.clientId}`,
          detail: [vscode.l10n.t('scopes: {0}', s.scopes.join(' ')), s.readOnly ? vscode.l10n.t('read-only (write and delete tools hidden)') : vscode.l10n.t('read and write tools'), s.proxy ? vscode.l10n.t('running through {0}', s.proxy) : vscode.l10n.t('starts when agent mode first uses it'), s.apiBaseUrl].join(' · '),
        })),
        { label: `$(gear) ${vscode.l10n.t('MCP settings (read-only, offer every session)')}`, action: 'settings' as const },
        { label: `$(account) ${vscode.l10n.t('Switch the active session')}`, action: 'sessions' as const },
      ],
      { placeHolder: vscode.l10n.t('Vendaze MCP servers offered to agent mode (tokens stay in the extension)') },
    );
    if (picked && 'action' in picked) {
      if (picked.action === 'settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'vendaze.mcp');
      else void vscode.commands.executeCommand(Commands.showSessions);
    }
    return summaries;
  };
}
