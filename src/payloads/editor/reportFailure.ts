import * as vscode from 'vscode';
import type { Node } from 'jsonc-parser';
import { isVendazeApiError } from '../../api/errors';
import type { Logger } from '../../common/logger';
import { describeError } from '../../common/logger';
import { problemsFromFields } from '../ranges';
import type { PayloadDiagnostics } from './diagnostics';

export interface SubmitFailure {
  status: 'failed';
  message: string;
  httpStatus?: number;
  code?: string;
  requestId?: string;
  retryAfterSeconds?: number;
  /** The request may have been processed (see api/retry.ts): check the mailbox before submitting again. */
  outcomeUnknown?: boolean;
  /** 422 `fields` placed on the document as diagnostics. */
  fieldsMapped: number;
}

/**
 * A refused or failed submit: the message names the request id (what support needs), 422 fields go onto the
 * document, and the document itself is left exactly as the user wrote it.
 */
export function reportSubmitFailure(
  error: unknown,
  what: 'registration' | 'rotation',
  document: vscode.TextDocument,
  root: Node | undefined,
  diagnostics: PayloadDiagnostics,
  log: Logger,
): SubmitFailure {
  if (!isVendazeApiError(error)) {
    log.error(`The ${what} failed unexpectedly`, error);
    const message = `Vendaze: the ${what} failed: ${describeError(error)}. Your payload is unchanged.`;
    void vscode.window.showErrorMessage(message);
    return { status: 'failed', message, fieldsMapped: 0 };
  }
  let fieldsMapped = 0;
  if (error.fields && Object.keys(error.fields).length > 0) {
    fieldsMapped = diagnostics.showProblems(document, problemsFromFields(root, error.fields)).length;
  }
  log.warn(`The ${what} failed: ${error.message}`);
  // Outcome unknown: it may have gone through (the mailbox tells), so never invite a second submit.
  const head = error.outcomeUnknown ? `Vendaze: no usable answer to the ${what}; it may have gone through.` : `Vendaze: the ${what} failed.`;
  const message = `${head} ${error.userMessage()}${fieldsMapped ? ' The problems are marked in the payload.' : ''} Your payload is unchanged.`;
  void vscode.window.showErrorMessage(message);
  return {
    status: 'failed',
    message,
    httpStatus: error.status,
    code: error.code,
    requestId: error.requestId,
    retryAfterSeconds: error.retryAfterSeconds,
    ...(error.outcomeUnknown ? { outcomeUnknown: true } : {}),
    fieldsMapped,
  };
}
