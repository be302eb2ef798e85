import type { AppUsageSnapshot, BucketSnapshot, RequestRecord } from './monitor';

/** Words and numbers the Activity view shows; pure so they are unit-tested with the monitor. */

export function timeOfDay(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}:${String(d.getSeconds()).padStart(2, '0')}`;
}

/** "38 of 40 left · resets 10:42:00 · 2 by this VS Code" */
export function bucketText(b: BucketSnapshot): string {
  const left = b.remaining === undefined ? 'no rate-limit headers' : `${b.remaining}${b.limit !== undefined ? ` of ${b.limit}` : ''} left`;
  const parts = [left];
  if (b.resetAt) parts.push(`resets ${timeOfDay(b.resetAt)}`);
  parts.push(`${b.ownCallsInWindow} by this VS Code`);
  if (b.scope === 'app' && b.unexplainedInWindow > 0) parts.push(`${b.unexplainedInWindow} from elsewhere`);
  return parts.join(' · ');
}

/** The app line: its per-app counter (the one that reflects everyone using the app), else how many calls were seen. */
export function appSummary(usage: AppUsageSnapshot | undefined): string {
  if (!usage || usage.ownRequests === 0) return 'no calls yet';
  const perApp = usage.buckets.find((b) => b.scope === 'app' && b.remaining !== undefined);
  const head = perApp ? `${perApp.remaining}/${perApp.limit ?? '?'} ${perApp.key}` : `${usage.ownRequests} call(s)`;
  return usage.findings.length ? `$(warning) ${head}` : head;
}

export function requestLabel(r: RequestRecord): string {
  return `${r.method} ${r.path} → ${r.status}`;
}

/** True when the per-app counter is at or below 10% of its limit. */
export function isLow(b: BucketSnapshot): boolean {
  return b.remaining !== undefined && b.limit !== undefined && b.limit > 0 && b.remaining <= Math.max(1, Math.floor(b.limit / 10));
}
