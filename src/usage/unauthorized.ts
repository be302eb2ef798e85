import type { ResponseInfo } from '../api/transport';
import type { UsageContext } from './context';
import type { UsageFinding } from './types';

/**
 * The "unexpected 401" warning: a call with a session's token was refused while the token should be valid (not
 * expired by our clock, allowing for skew, and not revoked by this VS Code). Once per session.
 */

export interface UnauthorizedEnv {
  now: () => number;
  skewMs: number;
  revoked: ReadonlySet<string>;
  warned401: Set<string>;
}

export function unexpected401(clientId: string, info: ResponseInfo, context: UsageContext | undefined, env: UnauthorizedEnv): UsageFinding | undefined {
  if (info.status !== 401 || !context?.sessionId || !context.tokenExpiresAt) return undefined;
  const expiresAt = Date.parse(context.tokenExpiresAt);
  if (!(expiresAt - env.skewMs > env.now())) return undefined; // expired (or nearly): a 401 is expected
  if (env.revoked.has(context.sessionId) || env.warned401.has(context.sessionId)) return undefined;
  env.warned401.add(context.sessionId);
  const where = context.workspace ? ` (workspace ${context.workspace})` : '';
  return {
    kind: 'unexpected-401',
    clientId,
    at: new Date(env.now()).toISOString(),
    sessionId: context.sessionId,
    workspace: context.workspace,
    tokenExpiresAt: context.tokenExpiresAt,
    path: info.path,
    method: info.method,
    requestIds: info.requestId ? [info.requestId] : [],
    message:
      `${info.method} ${info.path} answered 401 for a session${where} whose access token should be valid until ${context.tokenExpiresAt} and that this VS Code did not revoke` +
      `${info.requestId ? ` (request id ${info.requestId})` : ''}: someone may have revoked it, or the grant was revoked after a refresh token was replayed.`,
  };
}
