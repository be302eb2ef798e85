import * as vscode from 'vscode';
import type { AppRegistry } from '../apps/registry';
import type { SessionStore } from '../auth/sessionStore';
import { describeError, type Logger } from '../common/logger';
import type { KnownSecret } from '../detector';
import { collectKnownSecrets } from './collectKnownSecrets';
import type { KnownSecretsProvider } from './knownSecrets';

/**
 * Tier-1 secrets backed by SecretStorage. Scans run on every keystroke and must not await SecretStorage, so the
 * list is cached here and rebuilt only when an app or a session changes (in this window or another one).
 */
export class StoredKnownSecrets implements KnownSecretsProvider, vscode.Disposable {
  private cached: readonly KnownSecret[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscriptions: Array<{ dispose(): unknown }>;
  private generation = 0;
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly apps: AppRegistry,
    private readonly sessions: SessionStore,
    private readonly log: Logger,
  ) {
    this.subscriptions = [apps.onDidChange(() => void this.reload()), sessions.onDidChange(() => void this.reload())];
    void this.reload();
  }

  knownSecrets(): readonly KnownSecret[] {
    return this.cached;
  }

  /** Rebuilds the cache; a reload started later wins over one still in flight. */
  async reload(): Promise<void> {
    const generation = ++this.generation;
    try {
      const secrets = await collectKnownSecrets(this.apps, this.sessions);
      if (generation !== this.generation) return;
      this.cached = secrets;
      this.changed.fire();
    } catch (error) {
      this.log.warn(`Could not read the stored secrets for leak detection: ${describeError(error)}`);
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}
