import { LEAST_PRIVILEGE, SCOPE_DESCRIPTIONS, isScope, type Scope } from '../schemas/scopeList';
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
        message: `${scope}: no call to ${resourcePathsText(resource)} found in this workspace's code. Request it only if the app needs it.`,
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
          message: `The workspace's code calls ${resourcePathsText(resource)} but no ${resource} scope is requested: those calls will get 403 insufficient_scope.`,
        });
      }
    }
  }
  return advice;
}

function readWouldDoMessage(write: Scope, read: Scope): string {
  // Quote the guide's own row when it has one for this resource ("Read contacts only -> people:read").
  const row = LEAST_PRIVILEGE.find((r) => r.scopes.length === 1 && r.scopes[0] === read);
  const guide = row ? ` The security guide: "${row.need}" -> ${read}.` : '';
  return `${write} lets the app ${lowerFirst(SCOPE_DESCRIPTIONS[write])} If it only reads them, ${read} is enough.${guide}`;
}

function resourcePathsText(resource: string): string {
  return (RESOURCE_PATHS[resource] ?? [resource]).map((segment) => `/v1/${segment}`).join(' or ');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
