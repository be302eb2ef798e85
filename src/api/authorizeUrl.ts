import { parseBaseUrl } from './baseUrl';
import { VendazeApiError } from './errors';

/**
 * The /oauth/authorize URL the browser opens ([P]: response_type=code, scope, state, S256 challenge all required).
 * Pure: no request is made; the authorize step is a browser navigation, never a fetch.
 */

export interface AuthorizeUrlParams {
  baseUrl: string;
  clientId: string;
  redirectUri: string;
  /** Sent space-separated in `scope` (e.g. "people:read deals:write"). */
  scopes: readonly string[];
  state: string;
  /** BASE64URL(SHA256(verifier)) from createPkcePair(); the method is always S256. */
  codeChallenge: string;
}

export function buildAuthorizeUrl(params: AuthorizeUrlParams): string {
  const base = parseBaseUrl(params.baseUrl);
  if (!base.ok) throw new VendazeApiError({ kind: 'config', message: base.message });
  const missing = (['clientId', 'redirectUri', 'state', 'codeChallenge'] as const).filter((k) => !params[k]);
  if (missing.length) throw new VendazeApiError({ kind: 'config', message: `buildAuthorizeUrl needs ${missing.join(', ')}.` });
  if (params.scopes.length === 0) throw new VendazeApiError({ kind: 'config', message: 'buildAuthorizeUrl needs at least one scope.' });
  const query: Array<[string, string]> = [
    ['response_type', 'code'],
    ['client_id', params.clientId],
    ['redirect_uri', params.redirectUri],
    ['scope', params.scopes.join(' ')],
    ['state', params.state],
    ['code_challenge', params.codeChallenge],
    ['code_challenge_method', 'S256'],
  ];
  // encodeURIComponent, not URLSearchParams: a space must travel as %20, since '+' is only a space to form decoders.
  const search = query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return `${base.url.toString().replace(/\/$/, '')}/oauth/authorize?${search}`;
}
