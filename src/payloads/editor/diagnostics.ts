import * as vscode from 'vscode';
import { findNodeAtLocation, getNodeValue, parseTree } from 'jsonc-parser';
import { leastPrivilegeAdvice } from '../advice';
import { parsePayload } from '../parse';
import { spanForPath, type PayloadProblem, type TextSpan } from '../ranges';
import { isPayloadDocument } from './documents';
import type { WorkspaceUsageScanner } from './workspaceUsage';

/**
 * The "Vendaze" diagnostics on payload documents, exactly one per mistake:
 * - the zod rules, checked as the user types (debounced): errors in our wording. The editor's JSON schema carries
 *   no validating keyword (src/payloads/editorSchema.ts), so the JSON service adds no warning beside them; JSON
 *   syntax errors are left to the JSON service (it already reports each one as an error);
 * - problems only the submit finds (the server's 422 `fields`, a 2026-07 scope change): errors, cleared on the
 *   next edit because their ranges go stale; on a field the live check also flags, it replaces the live one
 *   (the server has the last word, and a mistake still shows once);
 * - least-privilege advice on the scopes: information, recomputed as the user types.
 */

import { DIAGNOSTIC_SOURCE } from '../../common/diagnosticSource';

export class PayloadDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('vendaze-payloads');
  private readonly live = new Map<string, Array<{ diagnostic: vscode.Diagnostic; path: string }>>();
  private readonly problems = new Map<string, Array<{ diagnostic: vscode.Diagnostic; path: string }>>();
  private readonly advice = new Map<string, vscode.Diagnostic[]>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly usage: WorkspaceUsageScanner) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        this.problems.delete(e.document.uri.toString());
        this.schedule(e.document);
        this.publish(e.document.uri);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
    ];
    for (const document of vscode.workspace.textDocuments) this.schedule(document);
  }

  /**
   * Checks the zod rules now and shows the result (the submit command calls it: the same problems the live check
   * shows, so Submit never adds a second entry). Returns one diagnostic per problem, JSON syntax errors included
   * (those are returned, not published: the JSON service shows them).
   */
  validateNow(document: vscode.TextDocument): { problems: PayloadProblem[]; diagnostics: vscode.Diagnostic[] } {
    const parsed = parsePayload(document.getText());
    const problems = parsed.ok ? [] : parsed.problems;
    const diagnostics = problems.map((p) => toDiagnostic(document, p));
    const key = document.uri.toString();
    this.live.set(
      key,
      diagnostics.flatMap((diagnostic, i) => (problems[i].code === 'json' && jsonServiceShowsSyntax() ? [] : [{ diagnostic, path: JSON.stringify(problems[i].path) }])),
    );
    this.publish(document.uri);
    return { problems, diagnostics };
  }

  /** Shows problems only a submit finds (replacing earlier ones); returns the ones shown. */
  showProblems(document: vscode.TextDocument, problems: readonly PayloadProblem[]): vscode.Diagnostic[] {
    const entries = problems.map((p) => ({ diagnostic: toDiagnostic(document, p), path: JSON.stringify(p.path) }));
    this.problems.set(document.uri.toString(), entries);
    this.publish(document.uri);
    return entries.map((e) => e.diagnostic);
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

  /** Debounced: the check runs once the user pauses, not on every keystroke. */
  private schedule(document: vscode.TextDocument): void {
    if (!isPayloadDocument(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        if (document.isClosed) return;
        this.validateNow(document);
        void this.refreshAdvice(document);
      }, 300),
    );
  }

  private publish(uri: vscode.Uri): void {
    const key = uri.toString();
    // One per mistake: where the server (or the submit) spoke about a field, its word replaces the live check's.
    const submitted = this.problems.get(key) ?? [];
    const spoken = new Set(submitted.map((e) => e.path));
    const live = (this.live.get(key) ?? []).filter((e) => !spoken.has(e.path));
    this.collection.set(uri, [...live, ...submitted].map((e) => e.diagnostic).concat(this.advice.get(key) ?? []));
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.problems.delete(key);
    this.live.delete(key);
    this.advice.delete(key);
    this.collection.delete(uri);
  }
}

/** With VS Code's JSON support disabled, nobody else marks a syntax error: then we do. */
function jsonServiceShowsSyntax(): boolean {
  return vscode.extensions.getExtension('vscode.json-language-features') !== undefined;
}

function toDiagnostic(document: vscode.TextDocument, problem: PayloadProblem): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(document, problem), problem.message, vscode.DiagnosticSeverity.Error);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = problem.code;
  return d;
}

function toRange(document: vscode.TextDocument, span: TextSpan): vscode.Range {
  return new vscode.Range(document.positionAt(span.offset), document.positionAt(span.offset + span.length));
}
