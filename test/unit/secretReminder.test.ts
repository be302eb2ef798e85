import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AppRecord } from '../../src/apps/registry';
import { appRecord } from './support/appRecord';
import { decideReminders, mute, notified, snooze, type ReminderState } from '../../src/apps/reminder/policy';

const now = new Date('2026-11-20T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
const app = appRecord;
const OLD = '2026-01-01T00:00:00Z';
const FRESH = '2026-11-01T00:00:00Z';

describe('secret-age reminder policy', () => {
  const cases: Array<{ name: string; apps: AppRecord[]; state: ReminderState; stale: string[]; notify?: string; othersDue?: number }> = [
    { name: 'nothing stale: no badge, no notification', apps: [app('a', FRESH)], state: {}, stale: [] },
    { name: 'one stale app, never notified: notify it', apps: [app('a', OLD), app('b', FRESH)], state: {}, stale: ['a'], notify: 'a', othersDue: 0 },
    { name: 'three stale apps: one notification names one and counts the rest', apps: [app('a', OLD), app('b', OLD), app('c', OLD)], state: {}, stale: ['a', 'b', 'c'], notify: 'a', othersDue: 2 },
    { name: 'notified 3 h ago (by any window): quiet, still marked', apps: [app('a', OLD)], state: { lastNotifiedAt: hoursAgo(3) }, stale: ['a'] },
    { name: 'notified 25 h ago: due again', apps: [app('a', OLD)], state: { lastNotifiedAt: hoursAgo(25) }, stale: ['a'], notify: 'a', othersDue: 0 },
    { name: 'a notification time in the future (clock change) does not silence forever', apps: [app('a', OLD)], state: { lastNotifiedAt: hoursAgo(-48) }, stale: ['a'], notify: 'a', othersDue: 0 },
    { name: 'muted app: marked, never notified', apps: [app('a', OLD)], state: { muted: ['a'] }, stale: ['a'] },
    { name: 'snoozed app: the next stale one is named', apps: [app('a', OLD), app('b', OLD)], state: { snoozedUntil: { a: hoursAgo(-24) } }, stale: ['a', 'b'], notify: 'b', othersDue: 0 },
    { name: 'a snooze that ran out: notified again', apps: [app('a', OLD)], state: { snoozedUntil: { a: hoursAgo(1) } }, stale: ['a'], notify: 'a', othersDue: 0 },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const decision = decideReminders(c.apps, 90, c.state, now);
      assert.deepEqual(decision.stale.map((a) => a.clientId), c.stale);
      assert.equal(decision.notify?.clientId, c.notify);
      if (c.notify) assert.equal(decision.othersDue, c.othersDue);
    });
  }

  test('reminders off (0 days): nothing stale', () => {
    assert.deepEqual(decideReminders([app('a', OLD)], 0, {}, now), { stale: [], othersDue: 0 });
  });

  test('snooze lasts a week, mute is idempotent, notified records the time', () => {
    const s1 = snooze({}, 'a', now);
    assert.equal(decideReminders([app('a', OLD)], 90, s1, new Date(now.getTime() + 6 * 86_400_000)).notify, undefined);
    assert.equal(decideReminders([app('a', OLD)], 90, s1, new Date(now.getTime() + 8 * 86_400_000)).notify?.clientId, 'a');
    assert.deepEqual(mute(mute({}, 'a'), 'a').muted, ['a']);
    assert.equal(notified({ muted: ['x'] }, now).lastNotifiedAt, now.toISOString());
    assert.deepEqual(notified({ muted: ['x'] }, now).muted, ['x']);
  });
});
