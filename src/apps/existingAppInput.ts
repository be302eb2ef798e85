import { APP_NAME_MAX, redirectUriProblem } from '../schemas/appRules';
import { schemas } from '../schemas/lazy';
import { isScope } from '../schemas/scopeList';
import { l10n } from '../common/l10n';

/**
 * "Add Existing App" input, validated with the same rules as the payloads (pure, unit-tested). Lists may come as
 * arrays (command arguments) or as text typed in an input box ("a, b c").
 */

export interface ExistingAppInput {
  clientId?: string;
  clientSecret?: string;
  appName?: string;
  email?: string;
  description?: string;
  redirectUris?: string[] | string;
  scopes?: string[] | string;
}

export interface ExistingApp {
  clientId: string;
  clientSecret: string;
  appName?: string;
  email?: string;
  description?: string;
  redirectUris?: string[];
  scopes?: string[];
}

export function splitList(value: string[] | string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = Array.isArray(value) ? value : value.split(/[\s,]+/);
  return items.map((v) => v.trim()).filter((v) => v.length > 0);
}

export function clientIdProblem(value: string): string | undefined {
  const result = schemas().ClientIdSchema.safeParse(value.trim());
  return result.success ? undefined : result.error.issues[0].message;
}

export function secretProblem(value: string): string | undefined {
  if (value.trim().length === 0) return l10n.t('The client_secret must not be empty.');
  if (/\s/.test(value.trim())) return l10n.t('The client_secret contains spaces: paste it exactly as the email shows it.');
  return undefined;
}

export function emailProblem(value: string): string | undefined {
  const result = schemas().EmailSchema.safeParse(value.trim());
  return result.success ? undefined : result.error.issues[0].message;
}

export function redirectUrisProblem(value: string[] | string): string | undefined {
  for (const uri of splitList(value) ?? []) {
    const problem = redirectUriProblem(uri, l10n); // the person typing reads it: display language
    if (problem) return problem;
  }
  return undefined;
}

export function scopesProblem(value: string[] | string): string | undefined {
  const unknown = (splitList(value) ?? []).filter((s) => !isScope(s));
  return unknown.length ? l10n.t('Unknown scope(s): {0}.', unknown.join(', ')) : undefined;
}

export function validateExistingApp(input: ExistingAppInput): { ok: true; value: ExistingApp } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const check = (problem: string | undefined) => problem && problems.push(problem);
  if (input.clientId === undefined) problems.push(l10n.t('client_id is required.'));
  else check(clientIdProblem(input.clientId));
  if (input.clientSecret === undefined) problems.push(l10n.t('The client_secret is required.'));
  else check(secretProblem(input.clientSecret));
  const appName = input.appName?.trim();
  if (appName !== undefined && (appName.length === 0 || appName.length > APP_NAME_MAX)) problems.push(l10n.t('The app name must be 1-{0} characters.', APP_NAME_MAX));
  if (input.email) check(emailProblem(input.email));
  if (input.redirectUris !== undefined) check(redirectUrisProblem(input.redirectUris));
  if (input.scopes !== undefined) check(scopesProblem(input.scopes));
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    value: {
      clientId: input.clientId!.trim(),
      clientSecret: input.clientSecret!.trim(),
      appName,
      email: input.email?.trim() || undefined,
      description: input.description,
      redirectUris: splitList(input.redirectUris),
      scopes: splitList(input.scopes),
    },
  };
}
