import * as vscode from 'vscode';
import type { AppsDeps } from '../../apps/appsDeps';
import { Commands } from '../../commands/ids';
import type { RegisterAppRequest, RotateAppRequest } from '../../schemas';
import { diffLists } from '../preview';
import { setJsonValues } from './documents';
import { obtainEmailedSecret, type SecretSource } from './secretPrompt';
import { generationResolver } from '../../clientFactory';

/**
 * What VS Code updates after Vendaze accepted a payload: the registry (client_id may change), the sessions
 * (dropped when the scopes changed, moved to a new client_id otherwise), the secret from the email, and the payload
 * document itself so the next submit targets the app as it now is.
 */

export interface AfterSubmitOptions {
  /** The emailed client_secret, instead of the password input. */
  clientSecret?: SecretSource;
  /** After a scope change: true = start sign-in now, false = don't offer it; default: offer it. */
  signInAgain?: boolean;
}

export interface Registered {
  status: 'registered';
  clientId: string;
  secretStored: boolean;
}

export interface Rotated {
  status: 'rotated';
  clientId: string;
  previousClientId: string;
  clientIdChanged: boolean;
  scopesChanged: boolean;
  sessionsDropped: number;
  sessionsMoved: number;
  secretStored: boolean;
}

export async function afterRegister(
  deps: AppsDeps,
  document: vscode.TextDocument,
  body: RegisterAppRequest,
  clientId: string,
  apiBaseUrl: string,
  options: AfterSubmitOptions,
): Promise<Registered> {
  await deps.apps.upsert({
    clientId,
    appName: body.app_name,
    email: body.email,
    description: body.description,
    avatarUrl: body.avatar_url,
    redirectUris: body.redirect_uris,
    scopes: body.scopes,
    apiBaseUrl,
    addedAt: new Date().toISOString(),
  });
  // The same file now rotates this app: re-submitting a register payload would only earn a 409.
  await setJsonValues(document, [
    { path: ['$kind'], value: 'rotate' },
    { path: ['client_id'], value: clientId, index: 1 },
  ]);
  const generation = generationResolver()?.current(apiBaseUrl).generation;
  const secret = await obtainEmailedSecret({ clientId, appName: body.app_name, email: body.email, rotated: false, given: options.clientSecret, generation, apiBaseUrl });
  if (secret) await deps.apps.setSecret(clientId, secret);
  return { status: 'registered', clientId, secretStored: secret !== undefined };
}

export async function afterRotate(
  deps: AppsDeps,
  document: vscode.TextDocument,
  body: RotateAppRequest,
  newClientId: string,
  apiBaseUrl: string,
  options: AfterSubmitOptions,
): Promise<Rotated> {
  const oldClientId = body.client_id;
  const previous = deps.apps.get(oldClientId);
  // Unknown previous scopes: assume they changed (the server revoked the sessions if they did).
  const scopesChanged = previous ? diffLists(previous.scopes, body.scopes).changed : true;
  await deps.apps.replaceAfterRotation(oldClientId, {
    clientId: newClientId,
    appName: body.app_name,
    email: previous?.email ?? body.email,
    description: body.description,
    avatarUrl: body.avatar_url,
    redirectUris: body.redirect_uris,
    scopes: body.scopes,
    apiBaseUrl,
  });
  const sessions = await deps.sessions.followRotation(oldClientId, newClientId, scopesChanged);
  const sessionsDropped = sessions.dropped.length;
  const sessionsMoved = sessions.moved.length;
  if (newClientId !== oldClientId) await setJsonValues(document, [{ path: ['client_id'], value: newClientId }]);

  const secret = await obtainEmailedSecret({
    clientId: newClientId,
    appName: body.app_name,
    email: previous?.email ?? body.email,
    rotated: true,
    given: options.clientSecret,
    generation: generationResolver()?.current(apiBaseUrl).generation,
    apiBaseUrl,
  });
  if (secret) await deps.apps.setSecret(newClientId, secret);

  if (scopesChanged && options.signInAgain !== false) offerSignIn(newClientId, body.app_name, sessionsDropped, options.signInAgain === true);
  return {
    status: 'rotated',
    clientId: newClientId,
    previousClientId: oldClientId,
    clientIdChanged: newClientId !== oldClientId,
    scopesChanged,
    sessionsDropped,
    sessionsMoved,
    secretStored: secret !== undefined,
  };
}

function offerSignIn(clientId: string, appName: string, dropped: number, now: boolean): void {
  const again = vscode.l10n.t('Sign In Again');
  const choice = now
    ? Promise.resolve(again)
    : vscode.window.showInformationMessage(
        dropped
          ? vscode.l10n.t('The scopes of "{0}" changed: Vendaze revoked every user session ({1} signed out here). Sign in again to approve the new scopes.', appName, dropped)
          : vscode.l10n.t('The scopes of "{0}" changed: Vendaze revoked every user session. Sign in again to approve the new scopes.', appName),
        again,
      );
  // Not awaited: sign-in waits on a browser, the submit result should not.
  void choice.then((picked) => picked && vscode.commands.executeCommand(Commands.signIn, clientId));
}
