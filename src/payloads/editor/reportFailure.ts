import * as vscode from 'vscode';
import type { Node } from 'jsonc-parser';
import { isVendazeApiError } from '../../api/errors';
import type { Logger } from '../../common/logger';
import { describeError } from '../../common/logger';
import { english, l10n as display, type Words } from '../../common/l10n';
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

/** The failure and `message` in English, for the audit record (docs/localization.md, "Two texts for one event"). */
export type ReportedFailure = SubmitFailure & { english: string };

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
): ReportedFailure {
  if (!isVendazeApiError(error)) {
    log.error(`The ${what} failed unexpectedly`, error);
    const words = (l10n: Words) =>
      what === 'registration'
        ? l10n.t('Vendaze: the registration failed: {0}. Your payload is unchanged.', describeError(error))
        : l10n.t('Vendaze: the rotation failed: {0}. Your payload is unchanged.', describeError(error));
    const message = words(display);
    void vscode.window.showErrorMessage(message);
    return { status: 'failed', message, fieldsMapped: 0, english: words(english) };
  }
  let fieldsMapped = 0;
  if (error.fields && Object.keys(error.fields).length > 0) {
    fieldsMapped = diagnostics.showProblems(document, problemsFromFields(root, error.fields)).length;
  }
  log.warn(`The ${what} failed: ${error.message}`);
  // One whole sentence per case, so each translates. The API's own text (userMessage) sits between them.
  const words = (l10n: Words) => {
    // Outcome unknown: it may have gone through (the mailbox tells), so never invite a second submit.
    const head = error.outcomeUnknown
      ? what === 'registration'
        ? l10n.t('Vendaze: no usable answer to the registration; it may have gone through.')
        : l10n.t('Vendaze: no usable answer to the rotation; it may have gone through.')
      : what === 'registration'
        ? l10n.t('Vendaze: the registration failed.')
        : l10n.t('Vendaze: the rotation failed.');
    const marked = fieldsMapped ? ` ${l10n.t('The problems are marked in the payload.')}` : '';
    return `${head} ${error.userMessage()}${marked} ${l10n.t('Your payload is unchanged.')}`;
  };
  const message = words(display);
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
    english: words(english),
  };
}
