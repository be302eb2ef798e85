import { EventEmitter } from 'node:events';
import type { ResponseInfo } from '../api/transport';
import { bucketOf, type BucketScope } from './buckets';
import type { UsageContext } from './context';

/**
 * Per app (and session, when known): the rate-limit counters the API reported, the last request ids, and how many
 * requests THIS VS Code made. From those, two explainable warnings (the security guide: "use X-RateLimit-Remaining
 * and X-Request-ID to monitor usage patterns; unexpected spikes may indicate compromised tokens"):
 *
 *  - unexplained usage: in one rate-limit window of a per-app counter (/v1/*), the counter fell by more than this
 *    VS Code's own calls explain, by more than the threshold. Within the first window the monitor sees, only the
 *    fall since its first answer counts (its own earlier calls, before a reload, are unknown); in later windows,
 *    which it saw begin, the whole use (limit - remaining) counts.
 *  - unexpected 401: a call with a session's token was refused while the token should be valid (not expired by our
 *    clock, allowing for skew, and not revoked by this VS Code).
 *
 * Each warning is raised once per window (or per session), says exactly what was seen, and lists request ids.
 * Pure: no vscode, clock injected.
 */

export interface UsageMonitorOptions {
  now?: () => number;
  /** Request ids kept per app. */
  recentIds?: number;
  /** Unexplained requests must exceed max(minUnexplained, thresholdRatio * limit). thresholdRatio 0 = off. */
  thresholdRatio?: number | (() => number);
  minUnexplained?: number;
  /** A 401 within this long before the token's expiry is not suspicious (clock skew). */
  skewMs?: number;
}

export interface RequestRecord {
  requestId?: string;
  method: string;
  path: string;
  status: number;
  at: string;
  sessionId?: string;
}

export interface BucketSnapshot {
  key: string;
  scope: BucketScope;
  limit?: number;
  remaining?: number;
  resetAt?: string;
  /** Requests this VS Code made in the current window of this counter. */
  ownCallsInWindow: number;
  /** Requests in the current window that this VS Code did not make (see the class comment for how). */
  unexplainedInWindow: number;
}

export interface AppUsageSnapshot {
  /** '' = calls made without a known app (e.g. register-app). */
  clientId: string;
  ownRequests: number;
  buckets: BucketSnapshot[];
  recent: RequestRecord[];
  sessions: Array<{ sessionId: string; workspace?: string; requests: number; unauthorized: number }>;
  findings: UsageFinding[];
}

interface FindingBase {
  clientId: string;
  at: string;
  /** One sentence a person can check: the numbers seen and where. */
  message: string;
  requestIds: string[];
}

export type UsageFinding =
  | (FindingBase & {
      kind: 'unexplained-usage';
      bucket: string;
      limit: number;
      /** Remaining at the reference point (first answer of the window, or the limit in a fully seen window). */
      from: number;
      remaining: number;
      ownCalls: number;
      unexplained: number;
      threshold: number;
      resetAt?: string;
    })
  | (FindingBase & { kind: 'unexpected-401'; sessionId: string; workspace?: string; tokenExpiresAt: string; path: string });

interface WindowState {
  resetAtMs?: number;
  /** Remaining after this VS Code's first call in the window. */
  firstRemaining: number;
  minRemaining: number;
  ownCalls: number;
  /** The monitor saw this window begin, so it knows all its own calls in it. */
  fullySeen: boolean;
  warned: boolean;
}

interface BucketState {
  key: string;
  scope: BucketScope;
  limit?: number;
  remaining?: number;
  resetAtMs?: number;
  window?: WindowState;
}

interface AppState {
  clientId: string;
  ownRequests: number;
  buckets: Map<string, BucketState>;
  recent: RequestRecord[];
  sessions: Map<string, { workspace?: string; requests: number; unauthorized: number }>;
  findings: UsageFinding[];
}

export const UNATTRIBUTED = '';
/** Two answers whose resets differ by less than this are in the same window (older APIs send seconds-to-reset). */
const SAME_WINDOW_MS = 2_000;
const MAX_FINDINGS = 20;

export class UsageMonitor {
  private readonly apps = new Map<string, AppState>();
  private readonly revoked = new Set<string>();
  private readonly warned401 = new Set<string>();
  private readonly events = new EventEmitter();
  private readonly now: () => number;
  private readonly recentIds: number;
  private readonly ratio: () => number;
  private readonly minUnexplained: number;
  private readonly skewMs: number;

  constructor(options: UsageMonitorOptions = {}) {
    this.now = options.now ?? Date.now;
    this.recentIds = options.recentIds ?? 10;
    const ratio = options.thresholdRatio ?? 0.25;
    this.ratio = typeof ratio === 'function' ? ratio : () => ratio;
    this.minUnexplained = options.minUnexplained ?? 10;
    this.skewMs = options.skewMs ?? 2 * 60_000;
  }

  /** Feeds one HTTP answer; returns the warnings it raised (also emitted through onFinding). */
  observe(info: ResponseInfo, context?: UsageContext): UsageFinding[] {
    const bucket = bucketOf(info.method, info.path);
    if (!bucket) return [];
    const app = this.app(context?.clientId ?? UNATTRIBUTED);
    app.ownRequests++;
    const at = new Date(this.now()).toISOString();
    app.recent.unshift({ requestId: info.requestId, method: info.method, path: info.path, status: info.status, at, sessionId: context?.sessionId });
    app.recent.length = Math.min(app.recent.length, this.recentIds);
    if (context?.sessionId) {
      const session = app.sessions.get(context.sessionId) ?? { workspace: context.workspace, requests: 0, unauthorized: 0 };
      session.requests++;
      if (info.status === 401) session.unauthorized++;
      app.sessions.set(context.sessionId, session);
    }

    const findings: UsageFinding[] = [];
    const state = app.buckets.get(bucket.key) ?? { key: bucket.key, scope: bucket.scope };
    app.buckets.set(bucket.key, state);
    if (info.rateLimit) {
      const spike = this.account(app.clientId, state, info);
      if (spike) findings.push(spike);
    }
    const unauthorized = this.check401(app.clientId, info, context);
    if (unauthorized) findings.push(unauthorized);

    for (const finding of findings) {
      app.findings.unshift(finding);
      app.findings.length = Math.min(app.findings.length, MAX_FINDINGS);
      this.events.emit('finding', finding);
    }
    this.events.emit('change', app.clientId);
    return findings;
  }

  /** Tokens this VS Code revoked: a 401 on them is expected. */
  markRevoked(sessionId: string): void {
    this.revoked.add(sessionId);
  }

  /** Rotation may hand out a new client_id: keep the history under the new one. */
  renameApp(from: string, to: string): void {
    const state = this.apps.get(from);
    if (!state || from === to) return;
    this.apps.delete(from);
    this.apps.set(to, { ...state, clientId: to, findings: state.findings.map((f) => ({ ...f, clientId: to })) });
    this.events.emit('change', to);
  }

  snapshot(clientId?: string): AppUsageSnapshot[] {
    const apps = clientId === undefined ? [...this.apps.values()] : [this.apps.get(clientId)].filter((a): a is AppState => a !== undefined);
    return apps.map((app) => ({
      clientId: app.clientId,
      ownRequests: app.ownRequests,
      buckets: [...app.buckets.values()].map((b) => this.bucketSnapshot(b)),
      recent: app.recent.map((r) => ({ ...r })),
      sessions: [...app.sessions.entries()].map(([sessionId, s]) => ({ sessionId, ...s })),
      findings: app.findings.map((f) => ({ ...f })),
    }));
  }

  /** Request ids of the app's recent calls, newest first (for the incident email). */
  requestIds(clientId: string): string[] {
    return (this.apps.get(clientId)?.recent ?? []).map((r) => r.requestId).filter((id): id is string => !!id);
  }

  findings(clientId: string): UsageFinding[] {
    return [...(this.apps.get(clientId)?.findings ?? [])];
  }

  onFinding(listener: (finding: UsageFinding) => void): { dispose(): void } {
    this.events.on('finding', listener);
    return { dispose: () => this.events.off('finding', listener) };
  }

  onDidChange(listener: (clientId: string) => void): { dispose(): void } {
    this.events.on('change', listener);
    return { dispose: () => this.events.off('change', listener) };
  }

  private app(clientId: string): AppState {
    let app = this.apps.get(clientId);
    if (!app) {
      app = { clientId, ownRequests: 0, buckets: new Map(), recent: [], sessions: new Map(), findings: [] };
      this.apps.set(clientId, app);
    }
    return app;
  }

  private account(clientId: string, state: BucketState, info: ResponseInfo): UsageFinding | undefined {
    const { limit, remaining } = info.rateLimit ?? {};
    const resetAtMs = info.rateLimit?.resetAt?.getTime();
    if (limit !== undefined) state.limit = limit;
    if (remaining === undefined) return undefined;
    const previous = state.window;
    const sameWindow =
      previous !== undefined &&
      (resetAtMs === undefined || previous.resetAtMs === undefined || Math.abs(resetAtMs - previous.resetAtMs) < SAME_WINDOW_MS);
    // Answers can arrive out of order: the latest state is the one with the latest reset, then the lowest remaining.
    if (sameWindow && previous) {
      previous.ownCalls++;
      previous.minRemaining = Math.min(previous.minRemaining, remaining);
      if (resetAtMs !== undefined) previous.resetAtMs = previous.resetAtMs ?? resetAtMs;
    } else if (previous && resetAtMs !== undefined && previous.resetAtMs !== undefined && resetAtMs < previous.resetAtMs) {
      return undefined; // a late answer from the previous window: already accounted for there
    } else {
      state.window = { resetAtMs, firstRemaining: remaining, minRemaining: remaining, ownCalls: 1, fullySeen: previous !== undefined, warned: false };
    }
    const window = state.window!;
    state.remaining = window.minRemaining;
    state.resetAtMs = window.resetAtMs;
    if (state.scope !== 'app' || clientId === UNATTRIBUTED || state.limit === undefined) return undefined;

    const { from, unexplained } = unexplainedUse(window, state.limit);
    const ratio = this.ratio();
    if (ratio <= 0 || window.warned) return undefined;
    const threshold = Math.max(this.minUnexplained, Math.ceil(ratio * state.limit));
    if (unexplained <= threshold) return undefined;
    window.warned = true;
    const resetAt = window.resetAtMs !== undefined ? new Date(window.resetAtMs).toISOString() : undefined;
    const requestIds = this.requestIds(clientId);
    // In a window first seen mid-way the first answer is only the baseline: own calls count after it (as in unexplainedUse).
    const ownCalls = window.fullySeen ? window.ownCalls : window.ownCalls - 1;
    return {
      kind: 'unexplained-usage',
      clientId,
      at: new Date(this.now()).toISOString(),
      bucket: state.key,
      limit: state.limit,
      from,
      remaining: window.minRemaining,
      ownCalls,
      unexplained,
      threshold,
      resetAt,
      requestIds,
      message:
        `X-RateLimit-Remaining for ${state.key} fell from ${from} to ${window.minRemaining} (limit ${state.limit}${resetAt ? `, window resets ${resetAt}` : ''}) ` +
        `while this VS Code made ${ownCalls} of those requests: ${unexplained} came from elsewhere (warning threshold ${threshold}).`,
    };
  }

  private check401(clientId: string, info: ResponseInfo, context: UsageContext | undefined): UsageFinding | undefined {
    if (info.status !== 401 || !context?.sessionId || !context.tokenExpiresAt) return undefined;
    const expiresAt = Date.parse(context.tokenExpiresAt);
    if (!(expiresAt - this.skewMs > this.now())) return undefined; // expired (or nearly): a 401 is expected
    if (this.revoked.has(context.sessionId) || this.warned401.has(context.sessionId)) return undefined;
    this.warned401.add(context.sessionId);
    const where = context.workspace ? ` (workspace ${context.workspace})` : '';
    return {
      kind: 'unexpected-401',
      clientId,
      at: new Date(this.now()).toISOString(),
      sessionId: context.sessionId,
      workspace: context.workspace,
      tokenExpiresAt: context.tokenExpiresAt,
      path: info.path,
      requestIds: info.requestId ? [info.requestId] : [],
      message:
        `${info.method} ${info.path} answered 401 for a session${where} whose access token should be valid until ${context.tokenExpiresAt} and that this VS Code did not revoke` +
        `${info.requestId ? ` (request id ${info.requestId})` : ''}: someone may have revoked it, or the grant was revoked after a refresh token was replayed.`,
    };
  }

  private bucketSnapshot(b: BucketState): BucketSnapshot {
    const window = b.window;
    return {
      key: b.key,
      scope: b.scope,
      limit: b.limit,
      remaining: b.remaining,
      resetAt: b.resetAtMs !== undefined ? new Date(b.resetAtMs).toISOString() : undefined,
      ownCallsInWindow: window?.ownCalls ?? 0,
      unexplainedInWindow: window && b.limit !== undefined ? Math.max(0, unexplainedUse(window, b.limit).unexplained) : 0,
    };
  }
}

/**
 * Requests in the window this VS Code did not make. Fully seen window: used (limit - remaining) minus own calls.
 * First window: the fall since the first answer minus the own calls after it.
 */
export function unexplainedUse(window: Pick<WindowState, 'firstRemaining' | 'minRemaining' | 'ownCalls' | 'fullySeen'>, limit: number) {
  if (window.fullySeen) return { from: limit, unexplained: limit - window.minRemaining - window.ownCalls };
  return { from: window.firstRemaining, unexplained: window.firstRemaining - window.minRemaining - (window.ownCalls - 1) };
}
