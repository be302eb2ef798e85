import { EventEmitter } from 'node:events';
import { KeyValueStore, SecretChange, SecretStore } from './stores';

/** In-memory Memento for unit tests and for the CLI. */
export class MemoryKeyValueStore implements KeyValueStore {
  private readonly data = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return structuredClone(this.data.get(key)) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, structuredClone(value));
  }
  keys(): string[] {
    return [...this.data.keys()];
  }
}

/** Map-backed SecretStorage with a change event, like VS Code's, for unit tests. */
export class MemorySecretStore implements SecretStore {
  private readonly data = new Map<string, string>();
  private readonly events = new EventEmitter();
  async get(key: string): Promise<string | undefined> {
    return this.data.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    this.data.set(key, value);
    this.events.emit('change', { key });
  }
  async delete(key: string): Promise<void> {
    if (this.data.delete(key)) this.events.emit('change', { key });
  }
  onDidChange(listener: (change: SecretChange) => unknown): { dispose(): void } {
    this.events.on('change', listener);
    return { dispose: () => this.events.off('change', listener) };
  }
  keys(): string[] {
    return [...this.data.keys()];
  }
}
