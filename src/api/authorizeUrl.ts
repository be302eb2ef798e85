import { parseBaseUrl } from './baseUrl';
import { VendazeApiError } from './errors';
import { DEFAULT_GENERATION, generationRules, type ApiGeneration } from './generation';

/**
 * The /oauth/authorize URL the browser opens ([P]: response_type=code, scope, state, S256 challenge all required).
 * Pure: no request is made; the authorize step is a browser navigation, never a fetch.
 */

export interface AuthorizeUrlParams {
  baseUrl: string;
  clientId: string;
  redirectUri: string;
  /** Sent space-separated in `scope` (e.g. "people:read deals:write"); [L] takes scopes from the registration. */
  scopes: readonly string[];
  state: string;
  /** BASE64URL(SHA256(verifier)) from createPkcePair(); the method is always S256. */
  codeChallenge?: string;
  /** Default 2026-05 ([P]). 2026-07 ([L]) sends no scope and no PKCE parameters (Vendaze runs PKCE itself). */
  generation?: ApiGeneration;
}

export function buildAuthorizeUrl(params: AuthorizeUrlParams): string {
  const base = parseBaseUrl(params.baseUrl);
  if (!base.ok) throw new VendazeApiError({ kind: 'config', message: base.message, userDetail: base.userMessage });
  const rules = generationRules(params.generation ?? DEFAULT_GENERATION).authorize;
  // state is sent in every generation ([L] calls it optional but strongly recommended); the callback checks it.
  const needed = ['clientId', 'redirectUri', 'state', ...(rules.sendPkce ? ['codeChallenge'] : [])] as const;
  const missing = needed.filter((k) => !params[k as keyof AuthorizeUrlParams]);
  if (missing.length) throw new VendazeApiError({ kind: 'config', message: `buildAuthorizeUrl needs ${missing.join(', ')}.` });
  if (rules.sendScope && params.scopes.length === 0) throw new VendazeApiError({ kind: 'config', message: 'buildAuthorizeUrl needs at least one scope.' });
  const query: Array<[string, string]> = [
    ['response_type', 'code'],
    ['client_id', params.clientId],
    ['redirect_uri', params.redirectUri],
  ];
  if (rules.sendScope) query.push(['scope', params.scopes.join(' ')]);
  query.push(['state', params.state]);
  if (rules.sendPkce) query.push(['code_challenge', params.codeChallenge!], ['code_challenge_method', 'S256']);
  // encodeURIComponent, not URLSearchParams: a space must travel as %20, since '+' is only a space to form decoders.
  const search = query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return `${base.url.toString().replace(/\/$/, '')}/oauth/authorize?${search}`;
}
