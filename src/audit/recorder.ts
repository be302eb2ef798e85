import type { AuditEntry, AuditInput } from './entry';

/**
 * The audit trail as every feature sees it: `audit.record({ action, outcome, app, ... })`. The composition root
 * installs the real AuditLog at activation (installAudit); before that, and in unit tests of other features,
 * records go nowhere. Fire and forget: a failed audit write never fails the action it describes.
 * No vscode import, so pure layers (src/auth/signOut.ts…) may record too.
 */
export interface AuditSink {
  record(input: AuditInput): Promise<AuditEntry | undefined>;
}

let sink: AuditSink | undefined;

export const audit = {
  record(input: AuditInput): Promise<AuditEntry | undefined> {
    return sink ? sink.record(input) : Promise.resolve(undefined);
  },
};

export function installAudit(target: AuditSink): { dispose(): void } {
  sink = target;
  return {
    dispose: () => {
      if (sink === target) sink = undefined;
    },
  };
}
