import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { StoredSession } from '../auth/sessionStore';
import type { HttpLayer } from '../api/http';
import type { ForwardDeps, TokenSource } from './forward';
import type { Endpoint, McpProxy } from './proxyServer';

/**
 * Which Vendaze MCP servers this window offers, and the resolve step that hands out a loopback endpoint. No vscode:
 * the provider glue (./activate.ts) maps these to McpHttpServerDefinitions, and the unit tier drives this class the
 * way VS Code drives the provider.
 *
 * By default only the active session is offered: each session brings 27 tools and the editor caps the tools of one
 * request. Labels are stable per session (the editor derives the server id from them): workspace + app name, never
 * the expiry, the scopes or whether the session is the active one.
 */

export interface OfferedServer {
  sessionId: string;
  label: string;
  workspaceSlug: string;
  clientId: string;
  appName?: string;
  scopes: string[];
  apiBaseUrl: string;
  /** Changes when the tools the server shows can change (scopes, read-only): the editor then offers a refresh. */
  version: string;
}

export interface SessionsLike {
  list(): Promise<StoredSession[]>;
  onDidChange(listener: () => void): { dispose(): void };
}

export interface CatalogDeps {
  sessions: SessionsLike;
  tokens: TokenSource;
  /** The session the user picked (Show Sessions) or signed in last. */
  activeId(): string | undefined;
  offerAll(): boolean;
  readOnly(): boolean;
  appName(clientId: string): string | undefined;
  log?(line: string): void;
  /** How the proxy reaches Vendaze (ForwardDeps.http): the composition root passes the host's fetch. */
  http: HttpLayer;
  /** Loads the proxy code on first resolve, so activation never pays for it. */
  loadProxy(): Promise<{ McpProxy: new (deps: ForwardDeps) => McpProxy }>;
}

export function serverLabel(session: Pick<StoredSession, 'workspaceSlug' | 'clientId'>, appName: string | undefined): string {
  return `Vendaze ${session.workspaceSlug} (${appName ?? session.clientId.slice(0, 8)})`;
}

/** The active session, else the longest signed-in one (a stable choice, unlike "expires soonest"). */
export function defaultSession(sessions: readonly StoredSession[], activeId: string | undefined): StoredSession | undefined {
  return sessions.find((s) => s.id === activeId) ?? [...sessions].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))[0];
}

export class McpServerCatalog {
  private readonly events = new EventEmitter();
  private readonly subscription: { dispose(): void };
  private proxy?: Promise<McpProxy>;
  private known = new Set<string>();

  constructor(private readonly deps: CatalogDeps) {
    this.subscription = deps.sessions.onDidChange(() => void this.sessionsChanged());
    void deps.sessions.list().then((all) => (this.known = new Set(all.map((s) => s.id))));
  }

  async offered(): Promise<OfferedServer[]> {
    const sessions = await this.deps.sessions.list();
    const chosen = this.deps.offerAll() ? sessions : [defaultSession(sessions, this.deps.activeId())].filter((s): s is StoredSession => s !== undefined);
    const readOnly = this.deps.readOnly();
    return chosen
      .map((s) => {
        const appName = this.deps.appName(s.clientId);
        const scopes = [...s.scopes].sort();
        const version = createHash('sha256').update(`${scopes.join(' ')}|${readOnly ? 'ro' : 'rw'}`).digest('hex').slice(0, 12);
        return { sessionId: s.id, label: serverLabel(s, appName), workspaceSlug: s.workspaceSlug, clientId: s.clientId, appName, scopes, apiBaseUrl: s.apiBaseUrl, version };
      })
      .sort((a, b) => a.label.localeCompare(b.label));
  }

  /** The endpoint for an offered server (by label), starting the proxy on first use; undefined when not offered. */
  async resolve(label: string): Promise<Endpoint | undefined> {
    const server = (await this.offered()).find((s) => s.label === label);
    if (!server) return undefined;
    const proxy = await this.loadProxy();
    return proxy.endpointFor(server.sessionId);
  }

  /** The proxy, if a resolve started it (Show MCP Server reports it). */
  async runningProxy(): Promise<McpProxy | undefined> {
    return this.proxy;
  }

  /** Fires when the offered list may have changed (sign-in, sign-out, active session, settings). */
  onDidChange(listener: () => void): { dispose(): void } {
    this.events.on('change', listener);
    return { dispose: () => this.events.off('change', listener) };
  }

  changed(): void {
    this.events.emit('change');
  }

  async dispose(): Promise<void> {
    this.subscription.dispose();
    this.events.removeAllListeners();
    const proxy = await this.proxy?.catch(() => undefined);
    await proxy?.close();
  }

  private loadProxy(): Promise<McpProxy> {
    this.proxy ??= this.deps.loadProxy().then(({ McpProxy: Proxy }) => {
      const proxy = new Proxy({ tokens: this.deps.tokens, http: this.deps.http, readOnly: () => this.deps.readOnly(), log: this.deps.log });
      return proxy.start().then(() => proxy);
    });
    return this.proxy;
  }

  /** Signed-out sessions lose their proxy path at once; the editor is told the list changed. */
  private async sessionsChanged(): Promise<void> {
    const now = new Set((await this.deps.sessions.list()).map((s) => s.id));
    const gone = [...this.known].filter((id) => !now.has(id));
    this.known = now;
    if (gone.length && this.proxy) {
      const proxy = await this.proxy.catch(() => undefined);
      for (const id of gone) proxy?.forget(id);
    }
    this.changed();
  }
}
