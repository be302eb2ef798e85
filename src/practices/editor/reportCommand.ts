/**
 * "Vendaze: Review Integration Security": reviews the whole workspace (the index the diagnostics keep) and shows a
 * Markdown report grouped by practice, each finding linked to its line, with the checklist score. A read-only
 * virtual document (no webview), opened in the Markdown preview where there is one.
 */
import * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import type { PracticeClient } from './client';
import type { PracticeDiagnostics } from './diagnostics';

export const REPORT_SCHEME = 'vendaze-review';
export const REPORT_URI = vscode.Uri.from({ scheme: REPORT_SCHEME, path: '/Vendaze Integration Security Review.md' });

export class ReportDocument implements vscode.TextDocumentContentProvider {
  private markdown = '# Vendaze integration security review\n\nRun "Vendaze: Review Integration Security".\n';
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(markdown: string): void {
    this.markdown = markdown;
    this.changed.fire(REPORT_URI);
  }

  provideTextDocumentContent(): string {
    return this.markdown;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function reviewIntegrationSecurity(deps: { client: PracticeClient; diagnostics: PracticeDiagnostics; report: ReportDocument; log: Logger }) {
  return async (): Promise<string> => {
    const markdown = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Vendaze: reviewing integration security…') }, async () => {
      await deps.diagnostics.ensureIndexed();
      const paths: Record<string, { path: string; uri: string }> = {};
      for (const key of deps.diagnostics.collectionKeys()) {
        const uri = vscode.Uri.parse(key);
        paths[key] = { path: vscode.workspace.asRelativePath(uri, false), uri: uri.toString() };
      }
      const response = await deps.client.request({ type: 'report', paths, generatedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z') });
      if (response.error || response.markdown === undefined) throw new Error(response.error ?? 'no report');
      return response.markdown;
    });
    deps.report.set(markdown);
    const document = await vscode.workspace.openTextDocument(REPORT_URI);
    await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    try {
      await vscode.commands.executeCommand('markdown.showPreview', REPORT_URI);
    } catch {
      await vscode.window.showTextDocument(document, { preview: true });
    }
    deps.log.info('integration security review shown');
    return markdown;
  };
}
