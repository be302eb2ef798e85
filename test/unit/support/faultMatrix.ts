import type { VendazeClient } from '../../../src/api/client';
import { PendingRevokes } from '../../../src/auth/pendingRevokes';
import { retireSession } from '../../../src/auth/orphanGrant';
import { RefreshCoordinator, type SessionEnded } from '../../../src/auth/refreshCoordinator';
import { makeRefreshFn } from '../../../src/auth/refreshFn';
import { SessionStore, type StoredSession } from '../../../src/auth/sessionStore';
import type { RevokeDeps } from '../../../src/auth/signOut';
import { Logger, type LogSink } from '../../../src/common/logger';
import { SecretRedactor } from '../../../src/common/redact';
import type { FaultsPatch, RunningSandbox } from '../../../src/sandbox/types';
import { MemorySecretStore } from '../../../src/storage/memory';
import { signIn, type RegisteredApp } from './apiSandbox';

/**
 * The pieces of the fault matrix (credential-faults.test.ts): the three faults that fire AFTER the sandbox
 * committed, and a signed-in "window" (session store, refresh coordinator with a movable clock, the production
 * sign-out path for revocations) talking to the sandbox over real HTTP.
 */

export interface AfterCommitFault {
  name: string;
  patch: FaultsPatch;
}

export const AFTER_COMMIT_FAULTS: readonly AfterCommitFault[] = [
  { name: 'processed, then 500', patch: { fail500AfterNext: 1 } },
  { name: 'processed, then the connection drops', patch: { dropAfterNext: 1 } },
  { name: 'processed, then no answer (hang)', patch: { hangAfterNext: 1 } },
];

export const NO_FAULTS: FaultsPatch = { fail500AfterNext: 0, dropAfterNext: 0, hangAfterNext: 0, faultPath: '' };

/** Arms one fault for the next request to `path` (a prefix). */
export function arm(sandbox: RunningSandbox, fault: AfterCommitFault, path: string): void {
  sandbox.setFaults({ ...NO_FAULTS, ...fault.patch, faultPath: path });
}

/** Counts requests the sandbox received (whatever it answered) from now on. */
export function requestCounter(sandbox: RunningSandbox, method: string, path: string): () => number {
  const matching = () => sandbox.requestLog().filter((r) => r.method === method && r.path === path).length;
  const before = matching();
  return () => matching() - before;
}

export interface SignedInWindow {
  session: StoredSession;
  store: SessionStore;
  coordinator: RefreshCoordinator;
  revokeDeps: RevokeDeps;
  ended: SessionEnded[];
  lines: string[];
  /** Moves this window's clock (not the sandbox's) forward. */
  advance(seconds: number): void;
}

export async function signedInWindow(sandbox: RunningSandbox, client: VendazeClient, app: RegisteredApp): Promise<SignedInWindow> {
  const tokens = await signIn(client, sandbox, app);
  const secrets = new MemorySecretStore();
  const store = new SessionStore(secrets);
  let offsetMs = 0;
  const now = () => Date.now() + offsetMs;
  const { session } = await store.upsertSignIn(
    {
      clientId: app.clientId,
      workspaceSlug: tokens.workspace_slug,
      scopes: app.scopes,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresAt: new Date(now() + tokens.expires_in * 1000).toISOString(),
      apiBaseUrl: sandbox.baseUrl,
    },
    new Date(now()),
  );
  const lines: string[] = [];
  const push = (m: string) => void lines.push(m);
  const sink: LogSink = { trace: push, debug: push, info: push, warn: push, error: push };
  const revokeDeps: RevokeDeps = {
    sessions: store,
    pending: new PendingRevokes(secrets),
    getSecret: async () => app.clientSecret,
    clientFor: () => client,
    log: new Logger(sink, new SecretRedactor()),
  };
  const coordinator = new RefreshCoordinator(store, secrets, makeRefreshFn(async () => app.clientSecret, () => client), {
    owner: 'window',
    now,
    settleMs: 5,
    retire: (s) => retireSession(revokeDeps, s, 'its access token is about to expire'),
  });
  const ended: SessionEnded[] = [];
  coordinator.onDidEnd((e) => ended.push(e));
  return { session, store, coordinator, revokeDeps, ended, lines, advance: (seconds) => void (offsetMs += seconds * 1000) };
}
