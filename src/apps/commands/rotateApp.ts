import * as vscode from 'vscode';
import { latestRotate } from '../../payloads/lazySchema';
import { generationRules } from '../../api/generation';
import { generationResolver } from '../../clientFactory';
import { readConfig } from '../../config';
import type { AppsDeps } from '../appsDeps';
import { resolveApp } from '../commandArgs';
import { registeredEmail } from '../registeredEmail';
import { openNewPayload } from '../../payloads/editor/documents';
import { payloadFileName, rotateTemplate } from '../../payloads/templates';
import type { OpenedPayload } from './registerApp';

/**
 * `Vendaze: Rotate App` (palette, tree, secret-age reminder): opens a rotate payload prefilled with the app's
 * current values, in the shape of the app's API generation. 2026-05: rotation is also the only way to change name,
 * redirect URIs or scopes. 2026-07: the registered email proves ownership (asked once when unknown) and the scopes
 * are read-only. Arg `{ email }` answers the email question (tests, automation).
 */
export function rotateApp(deps: AppsDeps) {
  return async (arg?: unknown, options: { email?: string } = {}): Promise<OpenedPayload | undefined> => {
    const app = await resolveApp(deps.apps, arg, vscode.l10n.t('Which app do you want to rotate?'));
    if (!app) return undefined;
    const baseUrl = app.apiBaseUrl || readConfig().apiBaseUrl;
    const generation = (await generationResolver()?.ensure(baseUrl))?.generation ?? '2026-05';
    const rules = generationRules(generation).rotate;
    let text = rotateTemplate(app);
    if (rules.requiresEmail) {
      const email = await registeredEmail(deps.apps, app, options.email);
      if (!email) return undefined;
      text = latestRotate().rotateTemplateLatest(app, email);
    }
    const { document, reused } = await openNewPayload(payloadFileName(app.appName, 'rotate'), text);
    if (!reused) {
      void vscode.window.showInformationMessage(
        rules.scopesMutable
          ? vscode.l10n.t('Edit what should change for "{0}", then "Submit to Vendaze". Rotating kills the current client_secret at once; changing the scopes also signs every user out.', app.appName)
          : vscode.l10n.t('Edit the name, description or redirect URIs of "{0}", then "Submit to Vendaze". Rotating kills the current client_secret at once; tokens keep working. Scopes are fixed at registration: register a new app to change them.', app.appName),
      );
    }
    return { uri: document.uri.toString(), kind: 'rotate', reused, clientId: app.clientId, generation };
  };
}
