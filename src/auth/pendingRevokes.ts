import { randomUUID } from 'node:crypto';
import { SecretStore } from '../storage/stores';

/**
 * Revocations that could not reach the server yet. They hold live tokens, so they live in SecretStorage like the
 * sessions did; an entry is written BEFORE the local session is deleted, so a crash between the two never leaves
 * a token nobody will revoke.
 */

export interface PendingRevoke {
  id: string;
  clientId: string;
  workspaceSlug: string;
  apiBaseUrl: string;
  /** Access and refresh token; revoking either kills the grant, both are sent for good measure ([P]). */
  tokens: string[];
  since: string;
  lastError?: string;
}

export const PENDING_REVOKES_KEY = 'vendaze.pendingRevokes.v1';

export class PendingRevokes {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly secrets: SecretStore,
    private readonly onSecretSeen: (secret: string) => void = () => undefined,
  ) {}

  async list(): Promise<PendingRevoke[]> {
    const raw = await this.secrets.get(PENDING_REVOKES_KEY);
    if (!raw) return [];
    try {
      const items = JSON.parse(raw) as PendingRevoke[];
      if (!Array.isArray(items)) return [];
      for (const item of items) for (const token of item.tokens ?? []) this.onSecretSeen(token);
      return items.filter((i) => typeof i?.id === 'string' && Array.isArray(i.tokens));
    } catch {
      return [];
    }
  }

  add(entry: Omit<PendingRevoke, 'id' | 'since'>, now = new Date()): Promise<PendingRevoke> {
    const item: PendingRevoke = { ...entry, id: randomUUID(), since: now.toISOString() };
    for (const token of item.tokens) this.onSecretSeen(token);
    return this.update((items) => [...items, item]).then(() => item);
  }

  update(change: (items: PendingRevoke[]) => PendingRevoke[]): Promise<void> {
    const next = this.queue.then(async () => {
      const items = change(await this.list());
      if (items.length) await this.secrets.store(PENDING_REVOKES_KEY, JSON.stringify(items));
      else await this.secrets.delete(PENDING_REVOKES_KEY);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  remove(id: string): Promise<void> {
    return this.update((items) => items.filter((i) => i.id !== id));
  }
}
