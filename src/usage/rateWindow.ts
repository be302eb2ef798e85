import type { ResponseInfo } from '../api/transport';
import type { BucketState, UsageFinding, WindowState } from './types';

/**
 * Rate-limit window accounting for one counter (see UsageMonitor): which window an answer belongs to, how many of
 * the window's requests this VS Code made, and the "unexplained usage" warning when the rest exceeds the threshold.
 */

export const UNATTRIBUTED = '';
/** Two answers whose resets differ by less than this are in the same window (older APIs send seconds-to-reset). */
const SAME_WINDOW_MS = 2_000;

export interface WindowEnv {
  now: () => number;
  ratio: () => number;
  minUnexplained: number;
  requestIds: (clientId: string) => string[];
}

export function accountAnswer(clientId: string, state: BucketState, info: ResponseInfo, env: WindowEnv): UsageFinding | undefined {
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
  const ratio = env.ratio();
  if (ratio <= 0 || window.warned) return undefined;
  const threshold = Math.max(env.minUnexplained, Math.ceil(ratio * state.limit));
  if (unexplained <= threshold) return undefined;
  window.warned = true;
  const resetAt = window.resetAtMs !== undefined ? new Date(window.resetAtMs).toISOString() : undefined;
  const requestIds = env.requestIds(clientId);
  // In a window first seen mid-way the first answer is only the baseline: own calls count after it (as in unexplainedUse).
  const ownCalls = window.fullySeen ? window.ownCalls : window.ownCalls - 1;
  return {
    kind: 'unexplained-usage',
    clientId,
    at: new Date(env.now()).toISOString(),
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

/**
 * Requests in the window this VS Code did not make. Fully seen window: used (limit - remaining) minus own calls.
 * First window: the fall since the first answer minus the own calls after it.
 */
export function unexplainedUse(window: Pick<WindowState, 'firstRemaining' | 'minRemaining' | 'ownCalls' | 'fullySeen'>, limit: number) {
  if (window.fullySeen) return { from: limit, unexplained: limit - window.minRemaining - window.ownCalls };
  return { from: window.firstRemaining, unexplained: window.firstRemaining - window.minRemaining - (window.ownCalls - 1) };
}
