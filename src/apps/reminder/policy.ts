import type { AppRecord } from '../registry';
import { isSecretTooOld } from '../../tree/format';

/**
 * When the secret-age reminder speaks. Pure, so the whole policy is table-tested:
 * - every app whose secret is too old is *stale*: the Apps view shows it (badge, warning icon, tooltip), always;
 * - at most one notification a day across all windows (the time of the last one lives in global state), naming
 *   one stale app and how many others there are;
 * - "Remind Me Later" snoozes an app for a week, "Don't Remind Me for This App" mutes it for good: neither appears
 *   in a notification again, both stay visible in the view (the view is where the user looks, not a nag).
 */

export const NOTIFY_AT_MOST_EVERY_MS = 24 * 60 * 60 * 1000;
export const SNOOZE_MS = 7 * 24 * 60 * 60 * 1000;

/** What global state remembers (no secret: client_ids and times only). */
export interface ReminderState {
  lastNotifiedAt?: string;
  snoozedUntil?: Record<string, string>;
  muted?: string[];
}

export interface ReminderDecision {
  stale: AppRecord[];
  /** The app to name in today's notification, if one is due. */
  notify?: AppRecord;
  /** Other apps that would have been named (the notification says "and N more"). */
  othersDue: number;
}

export function decideReminders(apps: readonly AppRecord[], maxAgeDays: number, state: ReminderState, now: Date): ReminderDecision {
  const stale = apps.filter((app) => isSecretTooOld(app, maxAgeDays, now));
  const muted = new Set(state.muted ?? []);
  const due = stale.filter((app) => !muted.has(app.clientId) && !isSnoozed(state, app.clientId, now));
  const last = state.lastNotifiedAt ? Date.parse(state.lastNotifiedAt) : Number.NaN;
  const quiet = Number.isFinite(last) && now.getTime() - last < NOTIFY_AT_MOST_EVERY_MS && last <= now.getTime();
  if (due.length === 0 || quiet) return { stale, othersDue: 0 };
  return { stale, notify: due[0], othersDue: due.length - 1 };
}

function isSnoozed(state: ReminderState, clientId: string, now: Date): boolean {
  const until = state.snoozedUntil?.[clientId];
  return until !== undefined && Date.parse(until) > now.getTime();
}

export function snooze(state: ReminderState, clientId: string, now: Date): ReminderState {
  return { ...state, snoozedUntil: { ...state.snoozedUntil, [clientId]: new Date(now.getTime() + SNOOZE_MS).toISOString() } };
}

export function mute(state: ReminderState, clientId: string): ReminderState {
  const muted = new Set(state.muted ?? []);
  muted.add(clientId);
  return { ...state, muted: [...muted] };
}

export function notified(state: ReminderState, now: Date): ReminderState {
  return { ...state, lastNotifiedAt: now.toISOString() };
}
