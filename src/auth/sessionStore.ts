import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { SecretStore } from '../storage/stores';

/**
 * Signed-in sessions, kept ENTIRELY in SecretStorage: one record per session plus an index of ids, both secret
 * keys, so not even "which workspaces this developer can reach" lands in globalState. SecretStorage is shared by
 * every window and its change event fires for other windows' writes too, which is what lets a window adopt a
 * token pair another window refreshed (see refreshCoordinator.ts).
 *
 * No `vscode` import: the provider, the tree and the unit tests all use this over a SecretStore.
 */

export interface StoredSession {
  /** Stable id handed to VS Code as AuthenticationSession.id; survives refreshes and client_id rotation. */
  id: string;
  clientId: string;
  workspaceSlug: string;
  /** Granted scopes (Vendaze's token response has no `scope`, so these are the scopes that were requested). */
  scopes: string[];
  accessToken: string;
  refreshToken: string;
  /** ISO time the access token expires. */
  expiresAt: string;
  createdAt: string;
  /** ISO time the current access token was issued (sign-in or last refresh): gives the token's lifetime. */
  issuedAt?: string;
  /** API the tokens belong to; a token is never sent to another base URL. */
  apiBaseUrl: string;
  /**
   * ISO time a refresh of this session got no usable answer (500, drop, timeout after sending). The server may
   * have rotated the refresh token and issued a pair nobody received, so the stored refresh token is never sent
   * again (reuse would revoke the whole grant). The session lives on its access token, then ends; its access
   * token is revoked while still valid, which removes the grant behind the orphan (see refreshCoordinator.ts).
   */
  refreshOutcomeUnknownAt?: string;
}

export type SessionChange = { kind: 'saved' | 'deleted'; id: string } | { kind: 'index' };

export const SESSION_INDEX_KEY = 'vendaze.sessions.index.v1';
const SESSION_PREFIX = 'vendaze.session.';
export const sessionKey = (id: string) => `${SESSION_PREFIX}${id}`;

export class SessionStore {
  private readonly events = new EventEmitter();
  /** Serialises this window's read-modify-write of the index (other windows are handled by tolerant reads). */
  private indexQueue: Promise<unknown> = Promise.resolve();
  private readonly subscription: { dispose(): unknown };

  constructor(
    private readonly secrets: SecretStore,
    /** Called with every token read or written, so the log redactor learns it. */
    private readonly onSecretSeen: (secret: string) => void = () => undefined,
  ) {
    this.subscription = secrets.onDidChange(({ key }) => {
      if (key === SESSION_INDEX_KEY) this.events.emit('change', { kind: 'index' } satisfies SessionChange);
      else if (key.startsWith(SESSION_PREFIX)) {
        const id = key.slice(SESSION_PREFIX.length);
        // A change event does not say whether the key was written or deleted; listeners re-read either way.
        void this.secrets.get(key).then((value) =>
          this.events.emit('change', { kind: value === undefined ? 'deleted' : 'saved', id } satisfies SessionChange),
        );
      }
    });
  }

  async list(): Promise<StoredSession[]> {
    const ids = await this.readIndex();
    const sessions = await Promise.all(ids.map((id) => this.get(id)));
    return sessions.filter((s): s is StoredSession => s !== undefined);
  }

  async listForApp(clientId: string): Promise<StoredSession[]> {
    return (await this.list()).filter((s) => s.clientId === clientId);
  }

  async get(id: string): Promise<StoredSession | undefined> {
    const raw = await this.secrets.get(sessionKey(id));
    const session = raw === undefined ? undefined : parseSession(raw);
    if (session) this.see(session);
    return session;
  }

  /** The session for this (app, workspace), if any: there is at most one. */
  async find(clientId: string, workspaceSlug: string): Promise<StoredSession | undefined> {
    return (await this.list()).find((s) => s.clientId === clientId && s.workspaceSlug === workspaceSlug);
  }

  /** Writes the record first, then the index: a crash in between leaves an orphan record, never a dangling id. */
  async save(session: StoredSession): Promise<StoredSession> {
    this.see(session);
    await this.secrets.store(sessionKey(session.id), JSON.stringify(session));
    await this.updateIndex((ids) => (ids.includes(session.id) ? ids : [...ids, session.id]));
    return session;
  }

  /**
   * Stores a fresh sign-in. Vendaze allows one grant per (app, workspace), so signing in again replaces the
   * tokens of the existing session and keeps its id (other extensions holding the session see it "changed").
   */
  async upsertSignIn(fields: Omit<StoredSession, 'id' | 'createdAt'>, now = new Date()): Promise<{ session: StoredSession; replaced?: StoredSession }> {
    const existing = await this.find(fields.clientId, fields.workspaceSlug);
    const session: StoredSession = { issuedAt: now.toISOString(), ...fields, id: existing?.id ?? randomUUID(), createdAt: now.toISOString() };
    await this.save(session);
    return { session, replaced: existing };
  }

  /** Index first, then the record, for the same reason as save(). */
  async delete(id: string): Promise<StoredSession | undefined> {
    const previous = await this.get(id);
    await this.updateIndex((ids) => ids.filter((existing) => existing !== id));
    await this.secrets.delete(sessionKey(id));
    return previous;
  }

  /** Deletes every session of an app (e.g. after a rotation that changed scopes); returns what was removed. */
  async deleteForApp(clientId: string): Promise<StoredSession[]> {
    const doomed = await this.listForApp(clientId);
    for (const session of doomed) await this.delete(session.id);
    return doomed;
  }

  /** A rotation that handed out a new client_id keeps the grants: move the sessions over, ids unchanged. */
  async reassignApp(oldClientId: string, newClientId: string): Promise<StoredSession[]> {
    const moved: StoredSession[] = [];
    for (const session of await this.listForApp(oldClientId)) {
      moved.push(await this.save({ ...session, clientId: newClientId }));
    }
    return moved;
  }

  /**
   * The sessions of an app that was just rotated. A scope change made Vendaze revoke every session, so the local
   * copies are dead and go; otherwise the grants survive and the sessions follow the app to its (maybe new) client_id.
   * One rule for every path that rotates (payload submit, incident response).
   */
  async followRotation(oldClientId: string, newClientId: string, scopesChanged: boolean): Promise<{ dropped: StoredSession[]; moved: StoredSession[] }> {
    if (scopesChanged) return { dropped: await this.deleteForApp(oldClientId), moved: [] };
    if (newClientId === oldClientId) return { dropped: [], moved: [] };
    return { dropped: [], moved: await this.reassignApp(oldClientId, newClientId) };
  }

  /**
   * Fires for this window's writes and other windows' alike: it is driven only by the SecretStore's own change
   * event (VS Code fires it for every writer), so there is one code path for both.
   */
  onDidChange(listener: (change: SessionChange) => void): { dispose(): void } {
    this.events.on('change', listener);
    return { dispose: () => this.events.off('change', listener) };
  }

  dispose(): void {
    this.subscription.dispose();
    this.events.removeAllListeners();
  }

  private see(session: StoredSession): void {
    this.onSecretSeen(session.accessToken);
    this.onSecretSeen(session.refreshToken);
  }

  private async readIndex(): Promise<string[]> {
    const raw = await this.secrets.get(SESSION_INDEX_KEY);
    if (!raw) return [];
    try {
      const ids: unknown = JSON.parse(raw);
      return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
    } catch {
      return [];
    }
  }

  private updateIndex(change: (ids: string[]) => string[]): Promise<void> {
    const next = this.indexQueue.then(async () => {
      const before = await this.readIndex();
      const after = change(before);
      if (after.length !== before.length || after.some((id, i) => id !== before[i])) {
        await this.secrets.store(SESSION_INDEX_KEY, JSON.stringify(after));
      }
    });
    this.indexQueue = next.catch(() => undefined);
    return next;
  }
}

/** A corrupt record (hand-edited keychain, older format) is skipped rather than breaking every session. */
function parseSession(raw: string): StoredSession | undefined {
  try {
    const value = JSON.parse(raw) as Partial<StoredSession>;
    const strings = ['id', 'clientId', 'workspaceSlug', 'accessToken', 'refreshToken', 'expiresAt', 'createdAt', 'apiBaseUrl'] as const;
    if (strings.some((key) => typeof value[key] !== 'string') || !Array.isArray(value.scopes)) return undefined;
    return value as StoredSession;
  } catch {
    return undefined;
  }
}

/** Milliseconds until the access token expires (negative once expired). */
export function msUntilExpiry(session: Pick<StoredSession, 'expiresAt'>, now = Date.now()): number {
  return Date.parse(session.expiresAt) - now;
}
