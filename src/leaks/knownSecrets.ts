import * as vscode from 'vscode';
import type { KnownSecret } from '../detector';

/**
 * Where tier-1 detection gets the exact secrets the extension holds (client secrets, access and refresh tokens).
 * The composition root connects it to SecretStorage; leak detection only reads it, keeps the values in memory for
 * the duration of a scan, and never logs or persists them.
 */
export interface KnownSecretsProvider {
  /** Called for every scan (per keystroke): return a cached list, do not read SecretStorage here. */
  knownSecrets(): readonly KnownSecret[];
  /** Fires when the set changes (a secret stored, rotated or deleted): open documents are rescanned. */
  readonly onDidChange: vscode.Event<void>;
}

/** A provider holding a list set from outside; also what tests use to teach the detector a value. */
export class InMemoryKnownSecrets implements KnownSecretsProvider, vscode.Disposable {
  private secrets: readonly KnownSecret[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  knownSecrets(): readonly KnownSecret[] {
    return this.secrets;
  }

  set(secrets: readonly KnownSecret[]): void {
    this.secrets = [...secrets];
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Until the lead connects SecretStorage: no known secrets, tiers 2-4 still work. */
export const noKnownSecrets: KnownSecretsProvider = {
  knownSecrets: () => [],
  onDidChange: () => ({ dispose: () => undefined }),
};
