import { EventEmitter } from 'node:events';
import type { ResponseInfo } from '../api/transport';
import { bucketOf } from './buckets';
import type { UsageContext } from './context';
import { accountAnswer, UNATTRIBUTED, unexplainedUse, type WindowEnv as WindowEnvLike } from './rateWindow';
import type { AppState, AppUsageSnapshot, BucketState, BucketSnapshot, UsageFinding, UsageMonitorOptions } from './types';
import { unexpected401 } from './unauthorized';

export { UNATTRIBUTED, unexplainedUse } from './rateWindow';
export type { AppUsageSnapshot, BucketSnapshot, RequestRecord, UsageFinding, UsageMonitorOptions } from './types';

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
 * A call is filed under its app from the usage context, else from the client_id the call itself names (token,
 * rotate, revoke and register calls: see ResponseInfo.clientId), else under "Other calls" (UNATTRIBUTED).
 * Pure: no vscode, clock injected. Window accounting: rateWindow.ts; the 401 check: unauthorized.ts.
 */

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
  private readonly windowEnv: WindowEnvLike;

  constructor(options: UsageMonitorOptions = {}) {
    this.now = options.now ?? Date.now;
    this.recentIds = options.recentIds ?? 10;
    const ratio = options.thresholdRatio ?? 0.25;
    this.ratio = typeof ratio === 'function' ? ratio : () => ratio;
    this.minUnexplained = options.minUnexplained ?? 10;
    this.skewMs = options.skewMs ?? 2 * 60_000;
    this.windowEnv = { now: this.now, ratio: this.ratio, minUnexplained: this.minUnexplained, requestIds: (id) => this.requestIds(id) };
  }

  /** Feeds one HTTP answer; returns the warnings it raised (also emitted through onFinding). */
  observe(info: ResponseInfo, context?: UsageContext): UsageFinding[] {
    const bucket = bucketOf(info.method, info.path);
    if (!bucket) return [];
    const app = this.app(context?.clientId ?? info.clientId ?? UNATTRIBUTED);
    app.ownRequests++;
    const at = new Date(this.now()).toISOString();
    app.recent.unshift({ requestId: info.requestId, method: info.method, path: info.path, status: info.status, at, sessionId: context?.sessionId, origin: info.origin });
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
      const spike = accountAnswer(app.clientId, state, info, this.windowEnv);
      if (spike) findings.push(spike);
    }
    const unauthorized = unexpected401(app.clientId, info, context, { now: this.now, skewMs: this.skewMs, revoked: this.revoked, warned401: this.warned401 });
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

  /** The app is gone (removed, or its sandbox stopped): its counters go with it. */
  forget(clientId: string): void {
    if (this.apps.delete(clientId)) this.events.emit('change', clientId);
  }

  /** A stopped sandbox: the calls to it that no app claimed ("Other calls") go too. */
  forgetOrigin(origin: string): void {
    const other = this.apps.get(UNATTRIBUTED);
    if (!other) return;
    const same = (o: string | undefined) => o !== undefined && o.replace(/\/+$/, '') === origin.replace(/\/+$/, '');
    other.recent = other.recent.filter((r) => !same(r.origin));
    if (other.recent.length === 0) this.apps.delete(UNATTRIBUTED);
    this.events.emit('change', UNATTRIBUTED);
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
