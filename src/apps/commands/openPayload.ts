import * as vscode from 'vscode';
import type { AppsDeps } from '../appsDeps';
import { resolveApp } from '../commandArgs';
import { findPayloadFor, isPayloadDocument, payloadKind } from '../../payloads/editor/documents';
import type { OpenedPayload } from './registerApp';
import { rotateApp } from './rotateApp';

export type OpenPayloadResult = OpenedPayload & { source: 'open' | 'workspace' | 'new' | 'file' };

/**
 * `Vendaze: Open Payload`: the payload of an app as the user keeps it: an open one, else a saved
 * `*.vendaze-app.json` in the workspace naming its client_id, else a fresh rotate payload from its current values.
 * Given a Uri, opens that payload file.
 */
export function openPayload(deps: AppsDeps) {
  const freshRotate = rotateApp(deps);
  return async (arg?: unknown): Promise<OpenPayloadResult | undefined> => {
    if (arg instanceof vscode.Uri) {
      const document = await vscode.workspace.openTextDocument(arg);
      if (!isPayloadDocument(document)) {
        void vscode.window.showErrorMessage(vscode.l10n.t('{0} is not a Vendaze payload: its name must end in .vendaze-app.json.', arg.path));
        return undefined;
      }
      await vscode.window.showTextDocument(document);
      return { uri: document.uri.toString(), kind: payloadKind(document.getText()) ?? 'register', reused: true, source: 'file' };
    }
    const app = await resolveApp(deps.apps, arg, vscode.l10n.t('Open the payload of which app?'));
    if (!app) return undefined;
    const existing = await findPayloadFor(app.clientId);
    if (existing) {
      await vscode.window.showTextDocument(existing.document);
      return { uri: existing.document.uri.toString(), kind: 'rotate', reused: true, clientId: app.clientId, source: existing.source };
    }
    const opened = await freshRotate(app.clientId);
    return opened && { ...opened, source: 'new' };
  };
}
