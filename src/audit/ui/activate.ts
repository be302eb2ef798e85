import * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import type { SecretRedactor } from '../../common/redact';
import { Commands } from '../../commands/ids';
import { AuditLog } from '../auditLog';
import type { AuditInput } from '../entry';
import { nodeAuditFiles } from '../nodeFiles';
import { installAudit } from '../recorder';
import { AUDIT_SCHEME, AuditDocumentProvider, showAuditLog } from './showAuditLog';
import { lazyHandler } from '../../commands/lazy';

/** Export Audit Log, required on its first run (docs/startup.md). */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy-load boundary (scripts/build.mjs)
const exportCommand = () => require('./exportAuditLog') as typeof import('./exportAuditLog');

/**
 * The audit trail in VS Code: audit.jsonl in the extension's global storage (per machine, shared by windows),
 * installed as the `audit` every feature records to, a read-only view of it and an export.
 */
export function activateAudit(context: vscode.ExtensionContext, deps: { redactor: SecretRedactor; log: Logger }) {
  const log = new AuditLog({
    dir: context.globalStorageUri.fsPath,
    files: nodeAuditFiles,
    redactor: deps.redactor,
    folder: () => vscode.workspace.name,
    onError: (error) => deps.log.warn(`Could not write the audit trail: ${String(error)}`),
  });
  const documents = new AuditDocumentProvider(log);
  // The open view follows new entries.
  const sink = {
    record: async (input: AuditInput) => {
      const entry = await log.record(input);
      documents.refresh();
      return entry;
    },
  };
  const disposable = vscode.Disposable.from(
    installAudit(sink),
    documents,
    vscode.workspace.registerTextDocumentContentProvider(AUDIT_SCHEME, documents),
  );
  const commands = {
    [Commands.showAuditLog]: showAuditLog(log),
    [Commands.exportAuditLog]: lazyHandler(() => exportCommand().exportAuditLog(log, sink)),
  };
  return { log, commands, disposable };
}
