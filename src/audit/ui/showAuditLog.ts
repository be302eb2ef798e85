import * as vscode from 'vscode';
import type { AuditLog } from '../auditLog';

export const AUDIT_SCHEME = 'vendaze-audit';
const AUDIT_URI = vscode.Uri.from({ scheme: AUDIT_SCHEME, path: '/Vendaze Audit Log.json' });

/**
 * A virtual, read-only JSON document rendering the audit trail (newest last). A content provider rather than
 * opening audit.jsonl itself: the file must stay append-only, and an editor on it invites edits.
 */
export class AuditDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: AuditLog) {}

  async provideTextDocumentContent(): Promise<string> {
    const entries = await this.log.entries();
    return `${JSON.stringify({ source: [this.log.rotated, this.log.current], count: entries.length, entries }, null, 2)}\n`;
  }

  refresh(): void {
    this.changed.fire(AUDIT_URI);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export interface ShowAuditLogResult {
  uri: string;
  entries: number;
  file: string;
}

/** `Vendaze: Open Audit Log` (id vendaze.showAuditLog; not "Show…", which would outrank "Show Log" in the palette). */
export function showAuditLog(log: AuditLog) {
  return async (): Promise<ShowAuditLogResult> => {
    const document = await vscode.workspace.openTextDocument(AUDIT_URI);
    await vscode.languages.setTextDocumentLanguage(document, 'json');
    await vscode.window.showTextDocument(document, { preview: false });
    return { uri: AUDIT_URI.toString(), entries: (await log.entries()).length, file: log.current };
  };
}
