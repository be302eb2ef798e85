/**
 * Wires the practice review into VS Code: diagnostics, quick fixes and the report command. Cheap at activation:
 * no worker, no rule engine until the first document that talks to Vendaze (or the report command).
 */
import * as vscode from 'vscode';
import { Commands } from '../../commands/ids';
import type { Logger } from '../../common/logger';
import { PracticeClient } from './client';
import { PracticeCodeActions } from './codeActions';
import { PracticeDiagnostics } from './diagnostics';
import { PKCE_ERA, type PracticeGenerationSource } from './generation';
import { REPORT_SCHEME, ReportDocument, reviewIntegrationSecurity } from './reportCommand';

export function activatePractices(deps: { log: Logger; generation?: PracticeGenerationSource }) {
  const client = new PracticeClient(deps.log);
  const diagnostics = new PracticeDiagnostics(client, deps.log, deps.generation ?? PKCE_ERA);
  const report = new ReportDocument();
  const disposable = vscode.Disposable.from(
    diagnostics,
    report,
    client,
    vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, report),
    vscode.languages.registerCodeActionsProvider([{ scheme: 'file' }, { scheme: 'untitled' }], new PracticeCodeActions(diagnostics), PracticeCodeActions.metadata),
  );
  return {
    disposable,
    commands: {
      [Commands.reviewIntegrationSecurity]: reviewIntegrationSecurity({ client, diagnostics, report, log: deps.log }),
    },
  };
}
