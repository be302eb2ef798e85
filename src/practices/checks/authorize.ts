/**
 * Where an authorize URL is built: each `/oauth/authorize` in code that is not a route being served (a mock
 * server's `app.get('/oauth/authorize', …)`) or a library's endpoint setting (`authorizePath: '/oauth/authorize'`),
 * with the window of lines around it where its parameters are set.
 */
import type { SourceModel } from '../source';
import { lineWindow, matches, type Span } from '../text';

const AUTHORIZE = /\/oauth\/authorize\b/g;
const SERVED_ROUTE = /\b(?:get|post|route|all|use|HandleFunc|Handle|match|api_route)\s*\(\s*[rf]?['"`][^'"`\n]{0,40}$|@\w+\.(?:get|route)\(\s*['"][^'"\n]{0,40}$/;
const ENDPOINT_SETTING = /(?:authori[sz]\w*(?:path|url|uri|endpoint|host)|auth_?url|AuthURL|authorize_url)['"]?\s*(?:[:=]|=>)\s*[^\n]{0,80}$/i;

export interface AuthorizeSite {
  at: number;
  window: Span;
  /** Code of the window (comments blanked). */
  text: string;
}

export function authorizeSites(src: SourceModel): AuthorizeSite[] {
  // Env and config files name the endpoint; only code builds the URL and its parameters.
  if (src.lang === 'env' || src.lang === 'config' || src.lang === 'xml') return [];
  const code = src.code;
  const out: AuthorizeSite[] = [];
  let coveredUntil = -1;
  for (const m of matches(AUTHORIZE, code, 50)) {
    const before = code.slice(Math.max(0, m.index - 120), m.index);
    const lineBefore = before.slice(before.lastIndexOf('\n') + 1);
    if (SERVED_ROUTE.test(lineBefore) || ENDPOINT_SETTING.test(lineBefore)) continue;
    if (m.index < coveredUntil) continue;
    const window = lineWindow(src, m.index, 25, 25);
    coveredUntil = window.end;
    out.push({ at: m.index, window, text: code.slice(window.start, window.end) });
  }
  return out;
}
