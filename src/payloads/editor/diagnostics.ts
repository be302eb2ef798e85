import * as vscode from 'vscode';
import { findNodeAtLocation, getNodeValue, parseTree } from 'jsonc-parser';
import { leastPrivilegeAdvice } from '../advice';
import { spanForPath, type PayloadProblem, type TextSpan } from '../ranges';
import { isPayloadDocument } from './documents';
import type { WorkspaceUsageScanner } from './workspaceUsage';

/**
 * The "Vendaze" diagnostics on payload documents:
 * - problems found at submit time (zod validation, or the server's 422 `fields`): errors, cleared on the next
 *   edit because their ranges go stale (VS Code's JSON validation keeps flagging schema errors as you type);
 * - least-privilege advice on the scopes: information, recomputed as the user types.
 */

import { DIAGNOSTIC_SOURCE } from '../../common/diagnosticSource';

export class PayloadDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('vendaze-payloads');
  private readonly problems = new Map<string, vscode.Diagnostic[]>();
  private readonly advice = new Map<string, vscode.Diagnostic[]>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly usage: WorkspaceUsageScanner) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((d) => this.scheduleAdvice(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        this.problems.delete(e.document.uri.toString());
        this.scheduleAdvice(e.document);
        this.publish(e.document.uri);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
    ];
    for (const document of vscode.workspace.textDocuments) this.scheduleAdvice(document);
  }

  /** Shows submit-time problems on the document (replacing earlier ones). */
  showProblems(document: vscode.TextDocument, problems: readonly PayloadProblem[]): vscode.Diagnostic[] {
    const diagnostics = problems.map((p) => {
      const d = new vscode.Diagnostic(toRange(document, p), p.message, vscode.DiagnosticSeverity.Error);
      d.source = DIAGNOSTIC_SOURCE;
      d.code = p.code;
      return d;
    });
    this.problems.set(document.uri.toString(), diagnostics);
    this.publish(document.uri);
    return diagnostics;
  }

  clearProblems(document: vscode.TextDocument): void {
    this.problems.delete(document.uri.toString());
    this.publish(document.uri);
  }

  /** Recomputes the advice now (the submit command wants it settled before it previews). */
  async refreshAdvice(document: vscode.TextDocument): Promise<void> {
    if (!isPayloadDocument(document) || document.isClosed) return;
    const text = document.getText();
    const root = parseTree(text);
    const scopesNode = root && findNodeAtLocation(root, ['scopes']);
    const value: unknown = scopesNode ? getNodeValue(scopesNode) : undefined;
    const scopes = Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : [];
    const advice = leastPrivilegeAdvice(scopes, await this.usage.usage());
    if (document.isClosed || document.getText() !== text) return; // edited meanwhile: the next run covers it
    this.advice.set(
      document.uri.toString(),
      advice.map((a) => {
        const index = scopes.indexOf(a.scope);
        const span = spanForPath(root, index >= 0 ? ['scopes', index] : ['scopes']);
        const d = new vscode.Diagnostic(toRange(document, span), a.message, vscode.DiagnosticSeverity.Information);
        d.source = DIAGNOSTIC_SOURCE;
        d.code = `least-privilege/${a.kind}`;
        return d;
      }),
    );
    this.publish(document.uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }

  private scheduleAdvice(document: vscode.TextDocument): void {
    if (!isPayloadDocument(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => void this.refreshAdvice(document), 400));
  }

  private publish(uri: vscode.Uri): void {
    const key = uri.toString();
    this.collection.set(uri, [...(this.problems.get(key) ?? []), ...(this.advice.get(key) ?? [])]);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.problems.delete(key);
    this.advice.delete(key);
    this.collection.delete(uri);
  }
}

function toRange(document: vscode.TextDocument, span: TextSpan): vscode.Range {
  return new vscode.Range(document.positionAt(span.offset), document.positionAt(span.offset + span.length));
}
