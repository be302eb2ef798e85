import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { VendazeApiError } from '../api/errors';
import { SecretStore } from '../storage/stores';
import { SessionEndedError } from './errors';
import { delay, LEASE_PREFIX, parseLease, type Lease } from './refreshLease';
import { endedText, isRefreshOutcomeUnknown, retireAt, withheldError } from './refreshUnknown';
import { SessionStore, StoredSession } from './sessionStore';

/**
 * Keeps access tokens fresh without ever spending a refresh token twice. Vendaze rotates the refresh token on
 * every renewal and (like OAuth 2.1 advises) may revoke the whole grant when a spent one is replayed, so:
 *  - per session, one refresh at a time in this window (single flight: every concurrent caller shares it);
 *  - across windows, a short lease in SecretStorage, and the stored session is re-read right before spending:
 *    if another window already rotated the pair, it is adopted instead of refreshed again;
 *  - the new pair is persisted BEFORE any caller gets it, so a crash never loses the only valid refresh token;
 *  - invalid_grant first checks whether another window won a race (adopt), and only then ends the session,
 *    once, announced through onDidEnd;
 *  - a refresh whose outcome is unknown (500, drop, timeout: the server may have rotated the pair and the answer
 *    was lost) is never repeated: the session is marked, lives on its access token, and is retired just before
 *    that expires (revoking the access token while still valid removes the grant behind an orphan refresh
 *    token), then asks for a new sign-in. See refreshUnknown.ts.
 * Pure (no vscode): the refresh call is injected; tests run two coordinators over one store as two windows.
 */

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresInSeconds: number;
}

export type RefreshFn = (session: StoredSession) => Promise<TokenPair>;

export interface RefreshCoordinatorOptions {
  /** This window's identity in the lease. */
  owner?: string;
  now?: () => number;
  /** Refresh when the access token expires within this. */
  marginMs?: number;
  /** How long a lease holds other windows off (longer than one refresh call may take). */
  leaseMs?: number;
  /** Wait after writing the lease before reading it back (last writer wins between racing windows). */
  settleMs?: number;
  /** After invalid_grant, how long to wait for another window's write before declaring the session dead. */
  adoptWaitMs?: number;
  /** A session whose refresh outcome is unknown is retired this long before its access token expires (at most). */
  retireMarginMs?: number;
  /** Ends such a session: revoke its access token while still valid, delete it (default: only delete it). */
  retire?: (session: StoredSession) => Promise<unknown>;
}

export interface SessionEnded {
  session: StoredSession;
  reason: 'invalid_grant' | 'refresh_outcome_unknown';
}

export interface RefreshOutcomeUnknown {
  /** The session as marked: it keeps its access token until `retireAt`. */
  session: StoredSession;
  retireAt: string;
  error: unknown;
}

export { LEASE_PREFIX };

export class RefreshCoordinator {
  private ownerId: string | undefined;
  /** Made on first use: node:crypto is not loaded at activation (docs/startup.md). */
  get owner(): string { return (this.ownerId ??= randomUUID()); }
  /** Refresh calls actually made / pairs adopted from another window (for tests, the log and the bench). */
  readonly stats = { refreshes: 0, adoptions: 0 };
  private readonly inflight = new Map<string, Promise<StoredSession>>();
  private readonly events = new EventEmitter();
  private readonly now: () => number;
  private readonly marginMs: number;
  private readonly leaseMs: number;
  private readonly settleMs: number;
  private readonly adoptWaitMs: number;
  private readonly retireMarginMs: number;
  private readonly retire: (session: StoredSession) => Promise<unknown>;

  constructor(
    private readonly store: SessionStore,
    private readonly secrets: SecretStore,
    private readonly refresh: RefreshFn,
    options: RefreshCoordinatorOptions = {},
  ) {
    this.ownerId = options.owner;
    this.now = options.now ?? Date.now;
    this.marginMs = options.marginMs ?? 5 * 60_000;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.settleMs = options.settleMs ?? 50;
    this.adoptWaitMs = options.adoptWaitMs ?? 3_000;
    this.retireMarginMs = options.retireMarginMs ?? 60_000;
    this.retire = options.retire ?? ((session) => this.store.delete(session.id));
  }

  /** When the background scheduler should act: the refresh due time, or the retirement of a marked session. */
  nextActionAt(session: StoredSession): number {
    return session.refreshOutcomeUnknownAt ? retireAt(session, this.retireMarginMs) : this.refreshDueAt(session);
  }

  /**
   * Due when the token expires within the margin, or within half its lifetime for short-lived tokens (a server
   * issuing 2-minute tokens must not make every call a refresh).
   */
  needsRefresh(session: Pick<StoredSession, 'expiresAt' | 'issuedAt'>): boolean {
    return this.now() >= this.refreshDueAt(session);
  }

  /** When (ms since epoch) the session becomes due for a refresh; the background scheduler aims just after it. */
  refreshDueAt(session: Pick<StoredSession, 'expiresAt' | 'issuedAt'>): number {
    const expiresAt = Date.parse(session.expiresAt);
    const lifetime = session.issuedAt ? expiresAt - Date.parse(session.issuedAt) : NaN;
    const margin = lifetime > 0 ? Math.min(this.marginMs, lifetime / 2) : this.marginMs;
    return expiresAt - margin;
  }

  /**
   * The session with a usable access token. `force` renews even a fresh token (manual refresh);
   * `staleAccessToken` is the token a 401 token_expired was answered to: if the stored one differs, someone
   * already renewed it and no refresh is made.
   */
  ensureFresh(id: string, options: { force?: boolean; staleAccessToken?: string } = {}): Promise<StoredSession> {
    const running = this.inflight.get(id);
    if (running) return running;
    const run = this.run(id, options).finally(() => this.inflight.delete(id));
    this.inflight.set(id, run);
    return run;
  }

  /**
   * Runs an API call with a fresh access token; on 401 token_expired (the server's clock says expired while ours
   * did not) refreshes once (or adopts a pair renewed meanwhile) and retries once.
   */
  async withAccessToken<T>(id: string, call: (accessToken: string, session: StoredSession) => Promise<T>): Promise<T> {
    const session = await this.ensureFresh(id);
    try {
      return await call(session.accessToken, session);
    } catch (error) {
      if (!(error instanceof VendazeApiError && error.status === 401 && error.code === 'token_expired')) throw error;
      const renewed = await this.ensureFresh(id, { staleAccessToken: session.accessToken });
      return call(renewed.accessToken, renewed);
    }
  }

  /** Fires once per refresh actually made by this window (not for adoptions or shared callers). */
  onDidRefresh(listener: (session: StoredSession) => void): { dispose(): void } {
    this.events.on('refreshed', listener);
    return { dispose: () => this.events.off('refreshed', listener) };
  }

  onDidEnd(listener: (event: SessionEnded) => void): { dispose(): void } {
    this.events.on('ended', listener);
    return { dispose: () => this.events.off('ended', listener) };
  }

  /** Fires when a refresh made by this window got no usable answer and the session was marked. */
  onRefreshOutcomeUnknown(listener: (event: RefreshOutcomeUnknown) => void): { dispose(): void } {
    this.events.on('unknown', listener);
    return { dispose: () => this.events.off('unknown', listener) };
  }

  private async run(id: string, options: { force?: boolean; staleAccessToken?: string }): Promise<StoredSession> {
    const first = await this.mustGet(id);
    if (first.refreshOutcomeUnknownAt) return this.holdOrRetire(first, options);
    const due = (s: StoredSession) =>
      s.refreshToken === first.refreshToken &&
      (options.force || this.needsRefresh(s) || (options.staleAccessToken !== undefined && s.accessToken === options.staleAccessToken));
    if (!due(first)) return first;

    const adopted = await this.acquireLease(id, first.refreshToken);
    if (adopted) return this.adopt(adopted);
    try {
      // Re-read right before spending: another window may have renewed (or marked) it while we waited.
      const current = await this.mustGet(id);
      if (current.refreshOutcomeUnknownAt) return await this.holdOrRetire(current, options);
      if (current.refreshToken !== first.refreshToken) return this.adopt(current);
      let pair: TokenPair;
      try {
        pair = await this.refresh(current);
      } catch (error) {
        if (isInvalidGrant(error)) return await this.afterInvalidGrant(current);
        if (isRefreshOutcomeUnknown(error)) return await this.afterUnknownOutcome(current, error, options);
        throw error;
      }
      this.stats.refreshes++;
      // Persist before use. A sign-out that happened meanwhile wins: do not resurrect the session.
      const latest = await this.mustGet(id);
      const next: StoredSession = {
        ...latest,
        accessToken: pair.accessToken,
        refreshToken: pair.refreshToken,
        expiresAt: new Date(this.now() + pair.expiresInSeconds * 1000).toISOString(),
        issuedAt: new Date(this.now()).toISOString(),
      };
      await this.store.save(next);
      this.events.emit('refreshed', next);
      return next;
    } finally {
      await this.releaseLease(id);
    }
  }

  private adopt(session: StoredSession): StoredSession {
    this.stats.adoptions++;
    return session;
  }

  private async mustGet(id: string): Promise<StoredSession> {
    const session = await this.store.get(id);
    if (!session) throw new SessionEndedError(id, 'deleted', endedText('deleted', ''));
    return session;
  }

  /** Resolves undefined once this window holds the lease, or with the session another window renewed meanwhile. */
  private async acquireLease(id: string, spendable: string): Promise<StoredSession | undefined> {
    const key = LEASE_PREFIX + id;
    for (;;) {
      const lease = parseLease(await this.secrets.get(key));
      if (lease && lease.owner !== this.owner && lease.until > this.now()) {
        await this.waitForChange(id, Math.min(lease.until - this.now(), this.leaseMs));
        const session = await this.mustGet(id);
        if (session.refreshToken !== spendable) return session;
        continue;
      }
      await this.secrets.store(key, JSON.stringify({ owner: this.owner, until: this.now() + this.leaseMs } satisfies Lease));
      await delay(this.settleMs);
      if (parseLease(await this.secrets.get(key))?.owner === this.owner) return undefined;
    }
  }

  private async releaseLease(id: string): Promise<void> {
    const key = LEASE_PREFIX + id;
    if (parseLease(await this.secrets.get(key))?.owner === this.owner) await this.secrets.delete(key);
  }

  private async afterInvalidGrant(spent: StoredSession): Promise<StoredSession> {
    // Two windows that slipped past the lease together: the loser sees invalid_grant while the winner is still
    // writing the new pair. Give it a moment before calling the session dead.
    let current = await this.store.get(spent.id);
    if (current === undefined) return this.mustGet(spent.id);
    if (current.refreshToken === spent.refreshToken) {
      await this.waitForChange(spent.id, this.adoptWaitMs);
      current = await this.store.get(spent.id);
    }
    if (current && current.refreshToken !== spent.refreshToken) return this.adopt(current);
    await this.store.delete(spent.id);
    this.events.emit('ended', { session: spent, reason: 'invalid_grant' } satisfies SessionEnded);
    throw new SessionEndedError(spent.id, 'invalid_grant', endedText('invalid_grant', spent.workspaceSlug));
  }

  /** The refresh may have gone through: never spend that refresh token again; mark the session and hold. */
  private async afterUnknownOutcome(spent: StoredSession, error: unknown, options: { force?: boolean; staleAccessToken?: string }): Promise<StoredSession> {
    const latest = await this.mustGet(spent.id);
    const marked: StoredSession = { ...latest, refreshOutcomeUnknownAt: new Date(this.now()).toISOString() };
    await this.store.save(marked);
    const until = new Date(retireAt(marked, this.retireMarginMs)).toISOString();
    this.events.emit('unknown', { session: marked, retireAt: until, error } satisfies RefreshOutcomeUnknown);
    return this.holdOrRetire(marked, options, error);
  }

  /**
   * A marked session: handed out as is while its access token has time left; retired once it has not (or once the
   * server called the token expired). A manual refresh is told why nothing is sent.
   */
  private async holdOrRetire(session: StoredSession, options: { force?: boolean; staleAccessToken?: string }, cause?: unknown): Promise<StoredSession> {
    const stale = options.staleAccessToken !== undefined && session.accessToken === options.staleAccessToken;
    if (stale || this.now() >= retireAt(session, this.retireMarginMs)) {
      await this.retire(session);
      this.events.emit('ended', { session, reason: 'refresh_outcome_unknown' } satisfies SessionEnded);
      throw new SessionEndedError(session.id, 'refresh_outcome_unknown', endedText('refresh_outcome_unknown', session.workspaceSlug));
    }
    if (options.force) throw withheldError(session, new Date(retireAt(session, this.retireMarginMs)).toISOString(), cause);
    return session;
  }

  private waitForChange(id: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        subscription.dispose();
        resolve();
      };
      const subscription = this.store.onDidChange((change) => {
        if (change.kind !== 'index' && change.id === id) done();
      });
      const timer = setTimeout(done, Math.max(0, ms));
    });
  }
}

export function isInvalidGrant(error: unknown): boolean {
  return error instanceof VendazeApiError && error.kind === 'http' && error.code === 'invalid_grant';
}
