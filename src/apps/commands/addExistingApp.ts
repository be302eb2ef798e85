import * as vscode from 'vscode';
import type { AppsDeps } from '../appsDeps';
import { optionsOf } from '../commandArgs';
import { audit } from '../../audit/recorder';
import {
  clientIdProblem,
  emailProblem,
  redirectUrisProblem,
  secretProblem,
  splitList,
  validateExistingApp,
  type ExistingAppInput,
} from '../existingAppInput';
import { inputText, pickMany, runSteps, type StepPosition, type StepResult, type TextStep } from '../../common/ui/multiStepInput';
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
    if (!(await askMissing(deps, input, hasDetails(arg)))) return { status: 'cancelled' };
    const known = deps.apps.get(input.clientId!.trim());

    const result = validateExistingApp(input);
    if (!result.ok) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Vendaze: the app was not added. {0}', result.problems.join(' ')));
      return { status: 'invalid', problems: result.problems };
    }
    const value = result.value;
    const appName = value.appName ?? known?.appName ?? vscode.l10n.t('Vendaze app {0}', value.clientId.slice(0, 8));
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
    void vscode.window.showInformationMessage(known ? vscode.l10n.t('Stored the new client_secret of "{0}".', appName) : vscode.l10n.t('Added "{0}" to your Vendaze apps.', appName));
    return { status: known ? 'updated' : 'added', clientId: value.clientId, appName };
  };
}

/** Any detail passed as an argument means the caller (a test, another command) chose them: no prompts. */
function hasDetails(arg: unknown): boolean {
  const o = optionsOf<ExistingAppInput>(arg);
  return o.appName !== undefined || o.email !== undefined || o.redirectUris !== undefined || o.scopes !== undefined;
}

/**
 * One multi-step input for what the arguments did not give: client_id, client_secret, then (for an app VS Code does
 * not know yet, when the caller gave no details) the optional name, email, redirect URIs and scopes.
 */
async function askMissing(deps: AppsDeps, input: ExistingAppInput, detailsGiven: boolean): Promise<boolean> {
  const knownApp = () => (input.clientId ? deps.apps.get(input.clientId.trim()) : undefined);
  const steps: Array<(at: StepPosition) => Promise<StepResult<unknown>>> = [];
  const text = (key: 'clientId' | 'clientSecret' | 'appName' | 'email' | 'redirectUris', options: TextStep) => (at: StepPosition) =>
    inputText(at, { ...options, value: typeof input[key] === 'string' ? (input[key] as string) : undefined }).then((value) => {
      if (typeof value === 'string') input[key] = value;
      return value;
    });
  if (input.clientId === undefined) {
    steps.push(text('clientId', { prompt: vscode.l10n.t('The client_id Vendaze returned when the app was registered.'), placeholder: vscode.l10n.t('client_id, a UUID such as {0}', '9a8b7c6d-5e4f-3a2b-1c0d-9e8f7a6b5c4d'), validate: clientIdProblem }));
  }
  if (input.clientSecret === undefined) {
    steps.push(text('clientSecret', { prompt: vscode.l10n.t('Paste the client_secret from the Vendaze email. It is kept in VS Code\'s secret storage only.'), placeholder: 'client_secret', password: true, validate: secretProblem }));
  }
  const newApp = !(input.clientId && deps.apps.get(input.clientId.trim()));
  if (newApp && !detailsGiven) {
    // Optional details: Enter skips a step; they only label the app in the tree.
    const skip = (step: (at: StepPosition) => Promise<StepResult<unknown>>) => (at: StepPosition) => (knownApp() ? Promise.resolve(null) : step(at));
    steps.push(skip(text('appName', { prompt: vscode.l10n.t('As shown on the Vendaze consent screen (optional: Enter skips).'), placeholder: vscode.l10n.t('App name') })));
    steps.push(skip(text('email', { prompt: vscode.l10n.t('Where Vendaze sends new secrets (optional: Enter skips).'), placeholder: vscode.l10n.t('Registration email'), validate: (v) => (v ? emailProblem(v) : undefined) })));
    steps.push(skip(text('redirectUris', { prompt: vscode.l10n.t('Registered redirect URIs, separated by spaces or commas (optional: Enter skips).'), placeholder: vscode.l10n.t('https://yourapp.com/oauth/callback'), validate: (v) => redirectUrisProblem(v) })));
    steps.push(
      skip((at) =>
        pickMany(at, SCOPES.map((scope) => ({ label: scope, detail: SCOPE_DESCRIPTIONS[scope] })), vscode.l10n.t('The scopes the app was registered with (optional)'), splitList(input.scopes) ?? []).then((picked) => {
          if (Array.isArray(picked)) input.scopes = picked.length ? picked.map((s) => s.label) : undefined;
          return picked;
        }),
      ),
    );
  }
  if (steps.length === 0) return true;
  if (!(await runSteps(steps, vscode.l10n.t('Vendaze: Add Existing App')))) return false;
  for (const key of ['appName', 'email', 'redirectUris'] as const) if (input[key] === '') input[key] = undefined;
  return true;
}
