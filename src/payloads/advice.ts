import { l10n } from '../common/l10n';
import { LEAST_PRIVILEGE, isScope, scopeDescription, type Scope } from '../schemas/scopeList';
import { RESOURCE_PATHS, resourceOf } from './usage';

/**
 * Least-privilege advice on a payload's scopes (security guide: "Request only the scopes you need"). Pure and
 * deliberately mild: these are hints shown in the preview and as information diagnostics, never blockers.
 */

export interface ScopeAdvice {
  scope: string;
  kind: 'read-would-do' | 'unused' | 'missing';
  message: string;
}

/** What the workspace's code is seen to call; `undefined` when it cannot be told (no code, no /v1 paths seen). */
export type WorkspaceUsage = ReadonlySet<string> | undefined;

export function leastPrivilegeAdvice(scopes: readonly string[], usage?: WorkspaceUsage): ScopeAdvice[] {
  const requested = new Set(scopes);
  const advice: ScopeAdvice[] = [];
  for (const scope of scopes) {
    if (!isScope(scope)) continue; // unknown scopes are validation errors, not advice
    const resource = resourceOf(scope);
    if (usage && !usage.has(resource)) {
      advice.push({
        scope,
        kind: 'unused',
        message: l10n.t("{0}: no call to {1} found in this workspace's code. Request it only if the app needs it.", scope, resourcePathsText(resource)),
      });
      continue;
    }
    const read = `${resource}:read`;
    if (scope.endsWith(':write') && isScope(read) && !requested.has(read)) {
      advice.push({ scope, kind: 'read-would-do', message: readWouldDoMessage(scope, read) });
    }
  }
  if (usage) {
    for (const resource of usage) {
      if (![...requested].some((s) => resourceOf(s) === resource)) {
        const read = `${resource}:read`;
        advice.push({
          scope: isScope(read) ? read : `${resource}:manage`,
          kind: 'missing',
          message: l10n.t("The workspace's code calls {0} but no {1} scope is requested: those calls will get 403 insufficient_scope.", resourcePathsText(resource), resource),
        });
      }
    }
  }
  return advice;
}

function readWouldDoMessage(write: Scope, read: Scope): string {
  // Quote the guide's own row when it has one for this resource ("Read contacts only -> people:read").
  const row = LEAST_PRIVILEGE.find((r) => r.scopes.length === 1 && r.scopes[0] === read);
  // The guide's row is quoted as the guide words it (English); the scope's description is in the display language.
  const guide = row ? ' ' + l10n.t('The security guide: "{0}" -> {1}.', row.need, read) : '';
  return l10n.t('{0} lets the app {1} If it only reads them, {2} is enough.', write, lowerFirst(scopeDescription(write, l10n.language())), read) + guide;
}

function resourcePathsText(resource: string): string {
  return (RESOURCE_PATHS[resource] ?? [resource]).map((segment) => `/v1/${segment}`).join(l10n.t(' or '));
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
