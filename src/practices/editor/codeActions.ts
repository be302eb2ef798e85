/** Quick fixes of practice findings: the engine's text edits, offered while the document is as it was reviewed. */
import * as vscode from 'vscode';
import { PracticeDiagnostics } from './diagnostics';

export class PracticeCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly diagnostics: PracticeDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const findings = this.diagnostics.findingsOf(document);
    if (!findings) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (!PracticeDiagnostics.isPracticeDiagnostic(diagnostic)) continue;
      const start = document.offsetAt(diagnostic.range.start);
      const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
      const finding = findings.find((f) => f.start === start && f.ruleId === code);
      if (!finding) continue;
      finding.fixes.forEach((fix, i) => {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = i === 0 && !fix.title.startsWith('Suppress');
        const edit = new vscode.WorkspaceEdit();
        for (const e of fix.edits) edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
        action.edit = edit;
        actions.push(action);
      });
    }
    return actions;
  }
}
