import * as vscode from 'vscode';
import type { HttpLayer } from '../api/http';
import type { AppRegistry } from '../apps/registry';
import type { RefreshCoordinator } from '../auth/refreshCoordinator';
import type { SessionStore } from '../auth/sessionStore';
import { Commands } from '../commands/ids';
import { lazyHandler } from '../commands/lazy';
import type { Logger } from '../common/logger';
import { McpServerCatalog, type OfferedServer } from './catalog';
import { coordinatorTokens } from './sessionTokens';

/** Show MCP Server, required on its first run (docs/startup.md). */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy-load boundary (scripts/build.mjs)
const showCommand = () => require('./commands/showMcpServer') as typeof import('./commands/showMcpServer');

/** The provider id in package.json `contributes.mcpServerDefinitionProviders`. */
export const MCP_PROVIDER_ID = 'vendaze';

export interface McpDeps {
  apps: AppRegistry;
  sessions: SessionStore;
  coordinator: RefreshCoordinator;
  /** The auth feature's active session (Show Sessions pick, last sign-in) and its change event. */
  active: { id?: string };
  onDidChangeActive: vscode.Event<void>;
  log: Logger;
  /** How the MCP proxy reaches Vendaze: the host's fetch (src/net/hostHttp.ts), like every API call. */
  http: HttpLayer;
}

/**
 * Thin VS Code glue over the catalog: registers the MCP server definition provider at start-up (cheap: no proxy
 * code runs until the editor resolves a server, and ./proxyServer is only loaded then), and the Show MCP Server
 * command. The definitions VS Code sees and caches carry no token and no local key: resolve adds the key.
 */
export function activateMcp(deps: McpDeps) {
  const config = () => vscode.workspace.getConfiguration('vendaze.mcp');
  const catalog = new McpServerCatalog({
    sessions: deps.sessions,
    tokens: coordinatorTokens(deps.coordinator, (clientId) => deps.apps.get(clientId)?.scopes),
    activeId: () => deps.active.id,
    offerAll: () => config().get<boolean>('offerAllSessions', false),
    readOnly: () => config().get<boolean>('readOnly', false),
    appName: (clientId) => deps.apps.get(clientId)?.appName,
    log: (line) => deps.log.info(line),
    http: deps.http,
    loadProxy: () => import('./proxyServer'),
  });
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.McpServerDefinitionProvider<vscode.McpHttpServerDefinition> = {
    onDidChangeMcpServerDefinitions: changed.event,
    provideMcpServerDefinitions: async () => (await catalog.offered()).map(toDefinition),
    resolveMcpServerDefinition: async (server) => {
      const endpoint = await catalog.resolve(server.label);
      // VS Code shows this error to the person: in the display language.
      if (!endpoint) throw new Error(vscode.l10n.t('{0} is not signed in any more. Run "Vendaze: Sign In", then refresh the MCP servers.', server.label));
      deps.log.info(`MCP server "${server.label}" resolved to the local proxy on ${new URL(endpoint.uri).host}.`);
      server.uri = vscode.Uri.parse(endpoint.uri);
      server.headers = endpoint.headers;
      return server;
    },
  };
  const disposables: vscode.Disposable[] = [
    changed,
    catalog.onDidChange(() => changed.fire()),
    deps.onDidChangeActive(() => catalog.changed()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('vendaze.mcp')) catalog.changed();
    }),
    { dispose: () => void catalog.dispose() },
  ];
  // Hosts older than the stable API (1.101) simply get no provider; everything else still works.
  if (typeof vscode.lm?.registerMcpServerDefinitionProvider === 'function') {
    disposables.push(vscode.lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, provider));
  } else {
    deps.log.warn('This editor has no MCP server definition API: the Vendaze MCP server is not offered.');
  }
  return {
    catalog,
    provider,
    disposable: vscode.Disposable.from(...disposables),
    commands: { [Commands.showMcpServer]: lazyHandler(() => showCommand().showMcpServerCommand(catalog, () => config().get<boolean>('readOnly', false), provider)) },
  };
}

/** What provide returns: label, version, and a placeholder address; the real one (and its key) come from resolve. */
function toDefinition(server: OfferedServer): vscode.McpHttpServerDefinition {
  return new vscode.McpHttpServerDefinition(server.label, vscode.Uri.parse('http://127.0.0.1/vendaze/unresolved/mcp'), {}, server.version);
}
