import type { AppUsageSnapshot, BucketSnapshot, RequestRecord } from './monitor';
import { l10n } from '../common/l10n';

/** Words and numbers the Activity view shows; pure so they are unit-tested with the monitor. */

export function timeOfDay(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}:${String(d.getSeconds()).padStart(2, '0')}`;
}

/** "38 of 40 left · resets 10:42:00 · 2 by this VS Code" */
export function bucketText(b: BucketSnapshot): string {
  const left = b.remaining === undefined ? l10n.t('no rate-limit headers') : b.limit !== undefined ? l10n.t('{0} of {1} left', b.remaining, b.limit) : l10n.t('{0} left', b.remaining);
  const parts = [left];
  if (b.resetAt) parts.push(l10n.t('resets {0}', timeOfDay(b.resetAt)));
  parts.push(l10n.t('{0} by this VS Code', b.ownCallsInWindow));
  if (b.scope === 'app' && b.unexplainedInWindow > 0) parts.push(l10n.t('{0} from elsewhere', b.unexplainedInWindow));
  return parts.join(' · ');
}

/** The app line: its per-app counter (the one that reflects everyone using the app), else how many calls were seen. */
export function appSummary(usage: AppUsageSnapshot | undefined): string {
  if (!usage || usage.ownRequests === 0) return l10n.t('no calls yet');
  const perApp = usage.buckets.find((b) => b.scope === 'app' && b.remaining !== undefined);
  const head = perApp ? `${perApp.remaining}/${perApp.limit ?? '?'} ${perApp.key}` : l10n.t('{0} call(s)', usage.ownRequests);
  return usage.findings.length ? `$(warning) ${head}` : head;
}

export function requestLabel(r: RequestRecord): string {
  return `${r.method} ${r.path} → ${r.status}`;
}

/** True when the per-app counter is at or below 10% of its limit. */
export function isLow(b: BucketSnapshot): boolean {
  return b.remaining !== undefined && b.limit !== undefined && b.limit > 0 && b.remaining <= Math.max(1, Math.floor(b.limit / 10));
}
