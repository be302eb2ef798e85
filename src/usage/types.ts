import type { BucketScope } from './buckets';

/** The usage monitor's shapes: its options, what it reports (snapshots, findings) and its inner state. */

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
  /** The API base URL the call went to (a stopped sandbox's calls are forgotten with it). */
  origin?: string;
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
  | (FindingBase & { kind: 'unexpected-401'; sessionId: string; workspace?: string; tokenExpiresAt: string; path: string; method?: string });

export interface WindowState {
  resetAtMs?: number;
  /** Remaining after this VS Code's first call in the window. */
  firstRemaining: number;
  minRemaining: number;
  ownCalls: number;
  /** The monitor saw this window begin, so it knows all its own calls in it. */
  fullySeen: boolean;
  warned: boolean;
}

export interface BucketState {
  key: string;
  scope: BucketScope;
  limit?: number;
  remaining?: number;
  resetAtMs?: number;
  window?: WindowState;
}

export interface AppState {
  clientId: string;
  ownRequests: number;
  buckets: Map<string, BucketState>;
  recent: RequestRecord[];
  sessions: Map<string, { workspace?: string; requests: number; unauthorized: number }>;
  findings: UsageFinding[];
}
