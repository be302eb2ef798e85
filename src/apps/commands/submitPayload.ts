import * as vscode from 'vscode';
import { latestRotate } from '../../payloads/lazySchema';
import { parseTree } from 'jsonc-parser';
import type { AppsDeps } from '../appsDeps';
import { audit } from '../../audit/recorder';
import { Commands } from '../../commands/ids';
import { leastPrivilegeAdvice } from '../../payloads/advice';
import { afterRegister, afterRotate, type Registered, type Rotated } from '../../payloads/editor/applyResult';
import { confirmSubmit, type ConfirmOptions } from '../../payloads/editor/confirmSubmit';
import { isPayloadDocument } from '../../payloads/editor/documents';
import { reportSubmitFailure, type SubmitFailure } from '../../payloads/editor/reportFailure';
import { parsePayload, unvalidatedRequest } from '../../payloads/parse';
import type { PayloadRequest } from '../../payloads/documentSchema';
import { previewPayload, strings, type PayloadPreview } from '../../payloads/preview';
import { generationFromRotateStatus } from '../../api/generationSignals';
import { learnFromRotate, refuseScopeChange, type ScopesFixedResult } from '../../payloads/editor/latestSubmit';
import type { AfterSubmitOptions } from '../../payloads/editor/applyResult';
import { english, type Words } from '../../common/l10n';

export interface SubmitOptions extends ConfirmOptions, AfterSubmitOptions {
  /** The payload document (string or Uri); the active editor's document otherwise. */
  uri?: string | vscode.Uri;
  /**
   * "Submit anyway": send a payload the local rules refuse. They follow the older docs; the live API accepts some
   * things they do not (PNG avatars…), so the server may have the last word. Offered on the problems message.
   */
  skipLocalValidation?: boolean;
}

export interface ProblemReport {
  message: string;
  path: Array<string | number>;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export type SubmitResult =
  | { status: 'invalid'; problems: ProblemReport[] }
  | ScopesFixedResult
  | { status: 'cancelled'; reason: 'preview' | 'name' | 'busy' | 'request'; preview?: PayloadPreview }
  | (SubmitFailure & { preview: PayloadPreview })
  | ((Registered | Rotated) & { preview: PayloadPreview; requestId?: string });

/**
 * `Vendaze: Submit Payload` (CodeLens and editor title on *.vendaze-app.json): validate with zod (problems on
 * the document, nothing sent), preview changes and consequences, confirm (the app name when scopes change), send,
 * then update the registry, sessions and secret. Failures leave the document untouched.
 */
export function submitPayload(deps: AppsDeps) {
  const inFlight = new Set<string>();
  return async (arg?: vscode.Uri | SubmitOptions): Promise<SubmitResult | undefined> => {
    const options: SubmitOptions = arg instanceof vscode.Uri ? { uri: arg } : (arg ?? {});
    const document = await resolveDocument(options.uri);
    if (!document) return undefined;
    const key = document.uri.toString();
    if (inFlight.has(key)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This payload is already being submitted.'));
      return { status: 'cancelled', reason: 'busy' };
    }
    inFlight.add(key);
    try {
      return await submit(deps, document, options);
    } finally {
      inFlight.delete(key);
    }
  };
}

async function submit(deps: AppsDeps, document: vscode.TextDocument, options: SubmitOptions): Promise<SubmitResult> {
  const checked = validate(deps, document, options);
  if ('status' in checked) return checked;
  const { request, skipped } = checked;
  const refused = refuseScopeChange(deps, document, request);
  if (refused) return refused;

  const client = deps.createClient();
  const clientId = request.kind === 'rotate' ? request.body.client_id : undefined;
  const preview = previewPayload(request, {
    previous: clientId ? deps.apps.get(clientId) : undefined,
    sessionCount: clientId ? (await deps.sessions.listForApp(clientId)).length : 0,
    apiBaseUrl: client.baseUrl,
    advice: leastPrivilegeAdvice(strings(request.body.scopes), await deps.usage.usage()),
  });
  if (skipped) preview.warnings.unshift(`Sent WITHOUT the local checks: they found ${skipped} problem(s) (marked in the editor). Vendaze will most likely refuse it (422).`);
  const confirmed = await confirmSubmit(preview, options);
  if (confirmed !== 'confirmed') {
    deps.log.info(`Submit of ${request.kind} payload for "${preview.appName}" cancelled at the ${confirmed === 'cancelled-name' ? 'name confirmation' : 'preview'}; nothing sent.`);
    return { status: 'cancelled', reason: confirmed === 'cancelled-name' ? 'name' : 'preview', preview };
  }

  const what = request.kind === 'register' ? 'registration' : 'rotation';
  const sending = request;
  try {
    const title = `Vendaze: ${request.kind === 'register' ? 'registering' : 'rotating'} "${preview.appName}"…`;
    const sent = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_p, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return sending.kind === 'register'
        ? client.registerApp(sending.body, { signal: abort.signal })
        : client.rotateApp(sending.body, { signal: abort.signal });
    });
    if (sending.kind === 'rotate') void learnFromRotate(client.baseUrl, generationFromRotateStatus(sent.status));
    deps.log.info(`${what} of "${preview.appName}" accepted: HTTP ${sent.status}, client_id ${sent.data.client_id} (request id ${sent.requestId ?? 'none'}).`);
    const outcome =
      sending.kind === 'register'
        ? await afterRegister(deps, document, sending.body, sent.data.client_id, client.baseUrl, options)
        : await afterRotate(deps, document, sending.api === '2026-07' ? latestRotate().effectiveRotateBody(sending.body, deps.apps.get(sending.body.client_id)) : sending.body, sent.data.client_id, client.baseUrl, options);
    void audit.record({
      action: sending.kind,
      outcome: 'ok',
      app: sent.data.client_id,
      requestId: sent.requestId,
      detail: `${successMessage(outcome, preview.appName, english)}${outcome.secretStored ? ' New client_secret stored.' : ' client_secret not stored yet.'}`,
    });
    void vscode.window.showInformationMessage(successMessage(outcome, preview.appName, vscode.l10n));
    return { ...outcome, preview, requestId: sent.requestId };
  } catch (error) {
    if (error && typeof error === 'object' && (error as { kind?: string }).kind === 'cancelled') {
      return { status: 'cancelled', reason: 'request', preview };
    }
    if (sending.kind === 'rotate') void learnFromRotate(client.baseUrl, undefined, error);
    const { english: failed, ...failure } = reportSubmitFailure(error, what, document, parseTree(document.getText()), deps.diagnostics, deps.log);
    void audit.record({ action: sending.kind, outcome: 'failed', app: clientId, requestId: failure.requestId, detail: `${what} of "${preview.appName}" failed: ${failed}` });
    return { ...failure, preview };
  }
}

/** The request to send, or the `invalid` result (problems shown on the document, nothing sent). */
function validate(deps: AppsDeps, document: vscode.TextDocument, options: SubmitOptions): { request: PayloadRequest; skipped: number } | SubmitResult {
  const parsed = parsePayload(document.getText());
  // The same check the editor runs as the user types: it replaces, never adds to, the live diagnostics.
  const { diagnostics } = deps.diagnostics.validateNow(document);
  if (parsed.ok) {
    deps.diagnostics.clearProblems(document);
    return { request: parsed.request, skipped: 0 };
  }
  const unchecked = unvalidatedRequest(parsed.value);
  if (options.skipLocalValidation && unchecked) return { request: unchecked, skipped: parsed.problems.length };
  reportInvalid(document, parsed.problems.length, parsed.problems[0].message, diagnostics[0], unchecked !== undefined);
  return {
    status: 'invalid',
    problems: parsed.problems.map((p, i) => ({ message: p.message, path: p.path, range: toPlainRange(diagnostics[i].range) })),
  };
}

function reportInvalid(document: vscode.TextDocument, count: number, first: string, diagnostic: vscode.Diagnostic | undefined, canSendAnyway: boolean): void {
  const message = vscode.l10n.t('Vendaze: {0} problem(s) in the payload (marked in the editor): nothing was sent. First: {1}', count, first);
  const actions = canSendAnyway ? [vscode.l10n.t('Submit Anyway…')] : [];
  void vscode.window.showErrorMessage(message, ...actions).then((choice) => {
    if (choice) void vscode.commands.executeCommand(Commands.submitPayload, { uri: document.uri, skipLocalValidation: true });
  });
  if (diagnostic) revealRange(document, diagnostic.range);
}

/** In the display language for the notification, in English for the audit record (like a log line). */
function successMessage(outcome: Registered | Rotated, appName: string, l10n: Words): string {
  if (outcome.status === 'registered') return l10n.t('Registered "{0}" (client_id {1}). The payload now rotates this app.', appName, outcome.clientId);
  const parts = [l10n.t('Rotated "{0}".', appName)];
  if (outcome.clientIdChanged) parts.push(l10n.t('New client_id {0} (the old one no longer works).', outcome.clientId));
  parts.push(outcome.scopesChanged ? l10n.t('Scopes changed: user sessions were revoked.') : l10n.t('Scopes unchanged: sessions kept.'));
  return parts.join(' ');
}

async function resolveDocument(uri: string | vscode.Uri | undefined): Promise<vscode.TextDocument | undefined> {
  let document: vscode.TextDocument | undefined;
  if (uri) {
    const parsed = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
    document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === parsed.toString()) ?? (await vscode.workspace.openTextDocument(parsed));
  } else {
    document = vscode.window.activeTextEditor?.document;
  }
  if (!document || !isPayloadDocument(document)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Open a Vendaze payload (*.vendaze-app.json) to submit it: "Vendaze: Register App" or "Vendaze: Rotate App" create one.'));
    return undefined;
  }
  return document;
}

function revealRange(document: vscode.TextDocument, range: vscode.Range): void {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
  if (editor) {
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

function toPlainRange(range: vscode.Range): ProblemReport['range'] {
  return { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } };
}
