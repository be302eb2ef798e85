import * as vscode from 'vscode';
import { parse } from 'jsonc-parser';
import { Commands } from '../../commands/ids';
import { KIND_KEY, PAYLOAD_FILE_SUFFIX } from '../payloadFile';

/** "Submit to Vendaze" above every payload document (the editor title carries the same action). */

export const PAYLOAD_SELECTOR: vscode.DocumentSelector = [
  { language: 'json', pattern: `**/*${PAYLOAD_FILE_SUFFIX}` },
  { language: 'jsonc', pattern: `**/*${PAYLOAD_FILE_SUFFIX}` },
];

export class SubmitCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const value: unknown = parse(document.getText());
    const kind = value && typeof value === 'object' ? (value as Record<string, unknown>)[KIND_KEY] : undefined;
    const what = kind === 'rotate' ? 'rotate this app' : kind === 'register' ? 'register this app' : 'validate';
    const top = new vscode.Range(0, 0, 0, 0);
    return [
      new vscode.CodeLens(top, {
        title: `$(cloud-upload) ${vscode.l10n.t('Submit to Vendaze ({0})', what)}`,
        tooltip: vscode.l10n.t('Validate, preview the changes and their consequences, then send this payload to Vendaze'),
        command: Commands.submitPayload,
        arguments: [document.uri],
      }),
    ];
  }
}

export function registerSubmitCodeLens(): vscode.Disposable {
  return vscode.languages.registerCodeLensProvider(PAYLOAD_SELECTOR, new SubmitCodeLensProvider());
}
