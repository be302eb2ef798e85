/**
 * Practice 4, file part: a logout / disconnect handler that deletes tokens without revoking them, and (2026-07 API)
 * a revoke call that sends the refresh token, which that API refuses. The project part (tokens exchanged but
 * /oauth/revoke never called anywhere) is in project.ts, from the facts collected here.
 */
import { l10n } from '../../common/l10n';
import type { RawFinding } from '../types';
import { lineWindow, matches } from '../text';
import type { CheckContext } from './context';

const HANDLER = /(?:function\s+|def\s+|func\s+(?:\([^)\n]{0,60}\)\s*)?|\b(?:get|post|delete|route|all)\s*\(\s*['"][^'"\n]{0,80}|(?:const|let|var)\s+)(?:\w*?(?:log_?out|sign_?out|disconnect|unlink|deauthori[sz]e|uninstall)\w*)/gi;
const DELETES_TOKENS = /token\w*\s*\.\s*(?:destroy|delete|remove|deleteMany|destroy_all|delete_all|deleteOne|findOneAndDelete)\w*\s*\(|(?:delete|del|destroy|remove|clear|unset|drop)\w*\s*[([]?[^\n]{0,120}token|token\w*\s*(?:=|:)\s*(?:None|null|nil|undefined|''|"")|DELETE\s+FROM\s+\w*token|clearCookie\([^)\n]{0,80}token|session\.(?:destroy|clear|flush|pop)\s*\(|reset_session|session_destroy\(/i;
const REVOKES = /\/oauth\/revoke|\brevoke\w*\s*\(/i;
const TOKEN_EXCHANGE = /grant_type['"]?\s*(?:[:=,]|=>)\s*[[{(]?\s*['"]?authorization_code\b|grant_type=authorization_code\b/;
const REVOKE_CALL = /\/oauth\/revoke/g;
const REFRESH_AS_TOKEN = /\btoken['"]?\s*(?:[:=]|=>)\s*[\w.$[\]'"]{0,60}refresh_?token|\btoken['"]?\s*(?:[:=]|=>)\s*[\w.$[\]'"]{0,60}refreshToken|token=\$\{?[\w.]{0,60}refresh/i;

export interface RevokeFacts {
  /** Offset of the first authorization-code exchange in the file. */
  exchange?: number;
  revokes: boolean;
}

export function revokeFacts(code: string): RevokeFacts {
  const exchange = TOKEN_EXCHANGE.exec(code);
  return { exchange: exchange?.index, revokes: /\/oauth\/revoke/.test(code) || /\brevoke_?token\b|\brevokeToken\b/.test(code) };
}

export function checkRevoke({ src, apiGeneration }: CheckContext): RawFinding[] {
  const out: RawFinding[] = [];
  const code = src.code;
  for (const m of matches(HANDLER, code, 50)) {
    const win = lineWindow(src, m.index, 0, 25);
    const body = code.slice(m.index, win.end);
    if (!DELETES_TOKENS.test(body) || REVOKES.test(body)) continue;
    out.push({
      name: 'revoke-on-disconnect',
      start: m.index,
      end: m.index + m[0].length,
      message: l10n.t('This logout/disconnect handler deletes tokens without revoking them: a copy of the token stays valid. Call POST /oauth/revoke with the access token first.'),
    });
  }
  if (apiGeneration === '2026-07') {
    for (const m of matches(REVOKE_CALL, code, 20)) {
      const win = lineWindow(src, m.index, 8, 12);
      const hit = REFRESH_AS_TOKEN.exec(code.slice(win.start, win.end));
      if (!hit) continue;
      out.push({
        name: 'revoke-on-disconnect',
        start: win.start + hit.index,
        end: win.start + hit.index + hit[0].length,
        message: l10n.t('The 2026-07 Vendaze API refuses refresh tokens at /oauth/revoke (400 invalid_request): revoke the access token, which ends the whole grant.'),
      });
    }
  }
  return out;
}
