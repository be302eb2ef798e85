import * as vscode from 'vscode';
import type { AppsDeps } from '../appsDeps';
import { optionsOf } from '../commandArgs';
import { audit } from '../../audit/recorder';
import {
  clientIdProblem,
  emailProblem,
  redirectUrisProblem,
  secretProblem,
  validateExistingApp,
  type ExistingAppInput,
} from '../existingAppInput';
import { readConfig } from '../../config';
import { SCOPES, SCOPE_DESCRIPTIONS } from '../../schemas/scopeList';

export type AddExistingAppResult =
  | { status: 'added' | 'updated'; clientId: string; appName: string }
  | { status: 'cancelled' }
  | { status: 'invalid'; problems: string[] };

/**
 * `Vendaze: Add Existing App`: an app registered elsewhere (or whose secret arrived later): client_id and
 * client_secret (password input, straight into SecretStorage), optionally name, email, redirect URIs and scopes.
 * For an app already in the list, only the secret is asked for and replaced.
 */
export function addExistingApp(deps: AppsDeps) {
  return async (arg?: ExistingAppInput | string): Promise<AddExistingAppResult> => {
    const input: ExistingAppInput = typeof arg === 'string' ? { clientId: arg } : { ...optionsOf<ExistingAppInput>(arg) };
    input.clientId ??= await ask({ title: 'client_id', prompt: 'The client_id Vendaze returned when the app was registered (a UUID).', validateInput: clientIdProblem });
    if (input.clientId === undefined) return { status: 'cancelled' };
    const known = deps.apps.get(input.clientId.trim());
    input.clientSecret ??= await ask({
      title: `client_secret${known ? ` for ${known.appName}` : ''}`,
      prompt: 'Paste the client_secret from the Vendaze email. It is kept in VS Code\'s secret storage only.',
      password: true,
      validateInput: secretProblem,
    });
    if (input.clientSecret === undefined) return { status: 'cancelled' };
    if (!known && !hasDetails(arg)) await askDetails(input);

    const result = validateExistingApp(input);
    if (!result.ok) {
      void vscode.window.showErrorMessage(`Vendaze: the app was not added. ${result.problems.join(' ')}`);
      return { status: 'invalid', problems: result.problems };
    }
    const value = result.value;
    const appName = value.appName ?? known?.appName ?? `Vendaze app ${value.clientId.slice(0, 8)}`;
    await deps.apps.upsert({
      clientId: value.clientId,
      appName,
      email: value.email ?? known?.email,
      description: value.description ?? known?.description,
      avatarUrl: known?.avatarUrl,
      redirectUris: value.redirectUris ?? known?.redirectUris ?? [],
      scopes: value.scopes ?? known?.scopes ?? [],
      secretStoredAt: known?.secretStoredAt,
      apiBaseUrl: known?.apiBaseUrl ?? readConfig().apiBaseUrl,
      addedAt: known?.addedAt ?? new Date().toISOString(),
    });
    await deps.apps.setSecret(value.clientId, value.clientSecret);
    deps.log.info(`${known ? 'Updated the secret of' : 'Added'} app ${appName} (${value.clientId}).`);
    void audit.record({ action: 'store-secret', outcome: 'ok', app: value.clientId, detail: known ? 'client_secret replaced in SecretStorage' : `App "${appName}" added; client_secret stored in SecretStorage` });
    void vscode.window.showInformationMessage(known ? `Stored the new client_secret of "${appName}".` : `Added "${appName}" to your Vendaze apps.`);
    return { status: known ? 'updated' : 'added', clientId: value.clientId, appName };
  };
}

/** Any detail passed as an argument means the caller (a test, another command) chose them: no prompts. */
function hasDetails(arg: unknown): boolean {
  const o = optionsOf<ExistingAppInput>(arg);
  return o.appName !== undefined || o.email !== undefined || o.redirectUris !== undefined || o.scopes !== undefined;
}

/** The optional details, each skippable with Enter (or Escape): the tree shows what is known. */
async function askDetails(input: ExistingAppInput): Promise<void> {
  input.appName = await ask({ title: 'App name (optional)', prompt: 'As shown on the Vendaze consent screen.' });
  input.email = (await ask({ title: 'Registration email (optional)', prompt: 'Where Vendaze sends new secrets.', validateInput: (v) => (v ? emailProblem(v) : undefined) })) || undefined;
  input.redirectUris =
    (await ask({ title: 'Redirect URIs (optional)', prompt: 'Registered redirect URIs, separated by spaces or commas.', validateInput: (v) => redirectUrisProblem(v) })) || undefined;
  const scopes = await vscode.window.showQuickPick(
    SCOPES.map((scope) => ({ label: scope, detail: SCOPE_DESCRIPTIONS[scope] })),
    { canPickMany: true, title: 'Registered scopes (optional)', placeHolder: 'The scopes the app was registered with' },
  );
  input.scopes = scopes?.length ? scopes.map((s) => s.label) : undefined;
  if (!input.appName) input.appName = undefined;
}

async function ask(options: vscode.InputBoxOptions & { validateInput?: (value: string) => string | undefined }): Promise<string | undefined> {
  return vscode.window.showInputBox({ ignoreFocusOut: true, ...options, title: `Vendaze: ${options.title}` });
}
