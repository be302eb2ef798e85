import { EventEmitter } from 'node:events';
import { KeyValueStore, SecretStore } from '../storage/stores';

/**
 * The developer's own list of Vendaze apps. Vendaze has no endpoint that lists a developer's apps, so the extension
 * remembers them: metadata in a Memento (globalState), the client_secret in SecretStorage only.
 */
export interface AppRecord {
  clientId: string;
  appName: string;
  /** Registration email: where Vendaze sends new secrets. Unknown for apps added by client_id only. */
  email?: string;
  description?: string;
  avatarUrl?: string;
  redirectUris: string[];
  scopes: string[];
  /** ISO time the current client_secret was stored (secret age and rotation reminders). */
  secretStoredAt?: string;
  /** Base URL of the API the app lives on (the sandbox or production). */
  apiBaseUrl: string;
  addedAt: string;
}

const INDEX_KEY = 'vendaze.apps.v1';
const secretKey = (clientId: string) => `vendaze.app.${clientId}.client_secret`;

export type AppsChange = { kind: 'added' | 'updated' | 'removed'; clientId: string; previousClientId?: string };

export class AppRegistry {
  private readonly events = new EventEmitter();

  constructor(
    private readonly state: KeyValueStore,
    private readonly secrets: SecretStore,
    /** Called with every secret read or written, so the log redactor learns it. */
    private readonly onSecretSeen: (secret: string) => void = () => undefined,
  ) {}

  list(): AppRecord[] {
    return this.state.get<AppRecord[]>(INDEX_KEY) ?? [];
  }

  get(clientId: string): AppRecord | undefined {
    return this.list().find((app) => app.clientId === clientId);
  }

  /** Adds or replaces the app with this client_id. */
  async upsert(app: AppRecord): Promise<void> {
    const apps = this.list();
    const index = apps.findIndex((existing) => existing.clientId === app.clientId);
    if (index >= 0) apps[index] = app;
    else apps.push(app);
    await this.state.update(INDEX_KEY, apps);
    this.fire({ kind: index >= 0 ? 'updated' : 'added', clientId: app.clientId });
  }

  /**
   * Rotation may hand out a new client_id: move the record (and drop the old secret, which the server has killed).
   * `changes` are the new values the rotation sent.
   */
  async replaceAfterRotation(previousClientId: string, next: Omit<AppRecord, 'addedAt' | 'secretStoredAt'>): Promise<AppRecord> {
    const previous = this.get(previousClientId);
    const record: AppRecord = { ...next, addedAt: previous?.addedAt ?? new Date().toISOString(), secretStoredAt: undefined };
    const apps = this.list().filter((app) => app.clientId !== previousClientId && app.clientId !== next.clientId);
    apps.push(record);
    await this.state.update(INDEX_KEY, apps);
    await this.secrets.delete(secretKey(previousClientId));
    this.fire({ kind: 'updated', clientId: record.clientId, previousClientId });
    return record;
  }

  /** Forgets the app and its secret. Tokens are the session store's business. */
  async remove(clientId: string): Promise<void> {
    await this.state.update(
      INDEX_KEY,
      this.list().filter((app) => app.clientId !== clientId),
    );
    await this.secrets.delete(secretKey(clientId));
    this.fire({ kind: 'removed', clientId });
  }

  async getSecret(clientId: string): Promise<string | undefined> {
    const secret = await this.secrets.get(secretKey(clientId));
    if (secret) this.onSecretSeen(secret);
    return secret;
  }

  async setSecret(clientId: string, secret: string, now = new Date()): Promise<void> {
    this.onSecretSeen(secret);
    await this.secrets.store(secretKey(clientId), secret);
    const app = this.get(clientId);
    if (app) await this.upsert({ ...app, secretStoredAt: now.toISOString() });
  }

  async hasSecret(clientId: string): Promise<boolean> {
    return (await this.secrets.get(secretKey(clientId))) !== undefined;
  }

  onDidChange(listener: (change: AppsChange) => void): { dispose(): void } {
    this.events.on('change', listener);
    return { dispose: () => this.events.off('change', listener) };
  }

  private fire(change: AppsChange): void {
    this.events.emit('change', change);
  }
}

/** Whole days since the secret was stored, for the age shown in the tree and the rotation reminder. */
export function secretAgeDays(app: AppRecord, now = new Date()): number | undefined {
  if (!app.secretStoredAt) return undefined;
  return Math.floor((now.getTime() - Date.parse(app.secretStoredAt)) / 86_400_000);
}
