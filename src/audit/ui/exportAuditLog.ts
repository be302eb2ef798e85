import * as vscode from 'vscode';
import type { AuditLog } from '../auditLog';
import type { AuditSink } from '../recorder';

export interface ExportAuditResult {
  path: string;
  entries: number;
}

/**
 * `Vendaze: Export Audit Log…`: the whole trail as one JSON document, e.g. to attach to an incident report.
 * vendaze.exportAuditLog(targetPath? | Uri | { target }) skips the save dialog.
 */
export function exportAuditLog(log: AuditLog, sink: AuditSink) {
  return async (arg?: string | vscode.Uri | { target?: string }): Promise<ExportAuditResult | undefined> => {
    let target = typeof arg === 'string' ? vscode.Uri.file(arg) : arg instanceof vscode.Uri ? arg : arg?.target ? vscode.Uri.file(arg.target) : undefined;
    if (!target) {
      const base = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(process.env.HOME ?? '/');
      target = await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.joinPath(base, `vendaze-audit-${new Date().toISOString().slice(0, 10)}.json`),
        filters: { JSON: ['json'] },
        title: vscode.l10n.t('Export the Vendaze audit log'),
      });
      if (!target) return undefined;
    }
    const entries = await log.entries();
    const body = { exportedAt: new Date().toISOString(), tool: 'Vendaze for VS Code', count: entries.length, entries };
    await vscode.workspace.fs.writeFile(target, Buffer.from(`${JSON.stringify(body, null, 2)}\n`, 'utf8'));
    await sink.record({ action: 'export-audit', outcome: 'ok', detail: `Exported ${entries.length} entries` });
    void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} audit entries to {1}.', entries.length, target.fsPath));
    return { path: target.fsPath, entries: entries.length };
  };
}
