/** What the leak-detection host suites share: reading our diagnostics, asking for quick fixes, closing editors. */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually as eventuallyWithin, untitledClosed } from './support';

/** Generous: under a loaded CI host an editor event can take seconds to be handled. */
const WAIT_MS = 30_000;

/** Polls until `check` returns a value (diagnostics are debounced and published asynchronously). */
export const eventually = <T>(what: string, check: () => T | undefined | false) => eventuallyWithin(what, check, WAIT_MS);

export function vendazeDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Vendaze');
}

export async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  // The API command does not hand back each action's diagnostics: callers match on titles.
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
}

export async function applyFix(uri: vscode.Uri, range: vscode.Range, title: RegExp): Promise<vscode.CodeAction> {
  const actions = await quickFixes(uri, range);
  const action = actions.find((a) => title.test(a.title));
  assert.ok(action?.edit, `no quick fix matching ${title} among: ${actions.map((a) => a.title).join(' | ')}`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
  return action;
}

/** Reverts and closes the active editor, closes the rest, and waits until the untitled documents they showed are gone. */
export async function closeAll(): Promise<void> {
  const shown = vscode.window.visibleTextEditors.map((e) => e.document);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await untitledClosed(shown);
}
