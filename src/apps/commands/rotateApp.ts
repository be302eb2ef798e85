import * as vscode from 'vscode';
import type { AppsDeps } from '../appsDeps';
import { resolveApp } from '../commandArgs';
import { openNewPayload } from '../../payloads/editor/documents';
import { payloadFileName, rotateTemplate } from '../../payloads/templates';
import type { OpenedPayload } from './registerApp';

/**
 * `Vendaze: Rotate App` (palette, tree, secret-age reminder): opens a rotate payload prefilled with the app's
 * current values. Rotation is also the only way to change name, redirect URIs or scopes, so the user edits what
 * should change and submits; the preview then says what the rotation will do.
 */
export function rotateApp(deps: AppsDeps) {
  return async (arg?: unknown): Promise<OpenedPayload | undefined> => {
    const app = await resolveApp(deps.apps, arg, 'Which app do you want to rotate?');
    if (!app) return undefined;
    const { document, reused } = await openNewPayload(payloadFileName(app.appName, 'rotate'), rotateTemplate(app));
    if (!reused) {
      void vscode.window.showInformationMessage(
        `Edit what should change for "${app.appName}", then "Submit to Vendaze". Rotating kills the current client_secret at once; changing the scopes also signs every user out.`,
      );
    }
    return { uri: document.uri.toString(), kind: 'rotate', reused, clientId: app.clientId };
  };
}
