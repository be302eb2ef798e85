import * as vscode from 'vscode';
import type { KnownSecret, KnownSecretKind } from '../detector';
import { valueFingerprints } from './fixes';

/**
 * What "Rotate this app's secret now" and "Revoke the tokens" call. Provided by the composition root once the
 * apps (rotate-app) and auth (revoke) features are connected; without it those two quick fixes are not offered.
 * Each returns true when the old value is dead (rotated or revoked), false when the user cancelled.
 */
export interface LeakRemediation {
  rotate(clientId: string): Promise<boolean>;
  revoke(clientId: string): Promise<boolean>;
}

export type DeathCause = 'rotated' | 'revoked';

/**
 * Values made dead by a rotation or revocation. Their findings stay visible — the value must still leave the file —
 * but say it no longer works, whichever tier finds them; and they keep being found exactly (tier 1) even after
 * the extension stops holding them. A dead value is no longer a credential, and it is kept in memory only.
 */
export class DeadSecrets implements vscode.Disposable {
  private readonly values = new Map<string, KnownSecret>();
  private readonly causes = new Map<string, DeathCause>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  mark(value: string, kind: KnownSecretKind, cause: DeathCause, clientId?: string): void {
    this.values.set(value, { value, kind, ...(clientId ? { clientId } : {}) });
    for (const fingerprint of valueFingerprints(value)) this.causes.set(fingerprint, cause);
    this.changed.fire();
  }

  causeOf(fingerprint: string): DeathCause | undefined {
    return this.causes.get(fingerprint);
  }

  /** Dead values, for exact matching alongside the live known secrets. */
  knownSecrets(): KnownSecret[] {
    return [...this.values.values()];
  }

  dispose(): void {
    this.changed.dispose();
    this.values.clear();
  }
}
