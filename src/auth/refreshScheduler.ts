import { Logger } from '../common/logger';
import { SessionEndedError } from './errors';
import { RefreshCoordinator } from './refreshCoordinator';
import { SessionStore } from './sessionStore';

/**
 * Refreshes each session as soon as it becomes due (see RefreshCoordinator.refreshDueAt), so consumers rarely meet
 * an expired token; retires a session whose refresh outcome is unknown before its access token expires. Every window schedules its own timers; the coordinator's lease and re-read make the later
 * window adopt the earlier one's pair instead of spending the refresh token again. A small random delay after the
 * due time spreads windows apart.
 */
export class RefreshScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly store: SessionStore,
    private readonly coordinator: RefreshCoordinator,
    private readonly log: Logger,
    private readonly maxJitterMs = 20_000,
  ) {
    this.subscription = store.onDidChange(() => void this.reschedule());
    void this.reschedule();
  }

  async reschedule(): Promise<void> {
    const sessions = await this.store.list();
    const live = new Set(sessions.map((s) => s.id));
    for (const [id, timer] of this.timers) {
      if (!live.has(id)) {
        clearTimeout(timer);
        this.timers.delete(id);
      }
    }
    for (const session of sessions) {
      clearTimeout(this.timers.get(session.id));
      // A session whose refresh outcome is unknown is not refreshed but retired, on time: no jitter for it.
      const dueIn = this.coordinator.nextActionAt(session) - Date.now();
      // Jitter at most a tenth of the time left, so short-lived tokens are still renewed before they expire.
      const jitter = session.refreshOutcomeUnknownAt ? 0 : Math.random() * Math.min(this.maxJitterMs, Math.max(0, Date.parse(session.expiresAt) - Date.now()) / 10);
      // Capped at a day: setTimeout overflows past ~24.8 days, and any change of the session re-plans it anyway.
      const delay = Math.min(Math.max(0, dueIn) + jitter, 86_400_000);
      const timer = setTimeout(() => {
        this.timers.delete(session.id);
        this.coordinator.ensureFresh(session.id).catch((error: unknown) => {
          if (!(error instanceof SessionEndedError)) this.log.warn(`Background refresh of a session failed: ${String(error)}`);
        });
      }, delay);
      timer.unref?.();
      this.timers.set(session.id, timer);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
