/**
 * The two storage surfaces the extension uses, as plain interfaces so the logic above them runs without VS Code:
 * `vscode.Memento` (globalState) satisfies KeyValueStore and `vscode.SecretStorage` satisfies SecretStore as is.
 * Tests use the in-memory versions in ./memory.ts.
 */

export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface SecretChange {
  readonly key: string;
}

export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
  /** Fires for changes made by any window (VS Code shares SecretStorage across windows). */
  onDidChange(listener: (change: SecretChange) => unknown): { dispose(): unknown };
}

