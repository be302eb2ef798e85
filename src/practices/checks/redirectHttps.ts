/**
 * Practice 5: a redirect URI written with http:// for a host other than localhost / 127.0.0.1, wherever redirect
 * URIs are written: code, config, env files, registration payloads (`redirect_uris` arrays).
 */
import { l10n } from '../../common/l10n';
import type { RawFinding } from '../types';
import { closingBracket, matches } from '../text';
import type { CheckContext } from './context';

const REDIRECT_KEY = /(?:redirect|callback)[_-]?(?:uri|url)s?\b|redirectUris?\b|redirectUrl\b|callbackUrl\b|REDIRECT_URIS?\b|REDIRECT_URL\b|CALLBACK_URL\b/gi;
const HTTP_URL = /http:\/\/([^\s'"`/:?#,\]})]{1,253})/g;
const LOOPBACK = /^(?:localhost|127\.0\.0\.1)$/i;

export function checkRedirectHttps({ src }: CheckContext): RawFinding[] {
  const out: RawFinding[] = [];
  const code = src.code;
  let coveredUntil = -1;
  for (const key of matches(REDIRECT_KEY, code)) {
    const from = key.index + key[0].length;
    if (from < coveredUntil) continue;
    // The value: the rest of the line, or a bracketed list that follows the key (redirect_uris: [ … ]).
    const lineEnd = code.indexOf('\n', from);
    let end = Math.min(lineEnd < 0 ? code.length : lineEnd, from + 400);
    const bracket = /^['"]?\s*(?:[:=]|=>)?\s*([[(])/.exec(code.slice(from, from + 20));
    if (bracket) {
      const close = closingBracket(code, from + bracket[0].length - 1, 4000);
      if (close > 0) end = close;
    }
    // YAML block list: `redirect_uris:` then `  - http://…` lines.
    if (/^['"]?\s*:\s*$/.test(code.slice(from, end))) {
      const list = /^(?:\n[ \t]+-[^\n]{0,400})+/.exec(code.slice(end, end + 8000));
      if (list) end += list[0].length;
    }
    coveredUntil = end;
    const value = code.slice(from, end);
    for (const url of matches(HTTP_URL, value, 20)) {
      const host = url[1]!.replace(/^\[|\]$/g, '');
      if (LOOPBACK.test(host) || /^[${<%[]/.test(host)) continue;
      const start = from + url.index;
      out.push({
        name: 'https-redirect',
        start,
        end: start + url[0].length,
        message: l10n.t('Redirect URI on plain http ({0}): Vendaze rejects it outside localhost (invalid_redirect_uri), and the authorization code would travel unencrypted. Use https://.', host),
        fixes: [{ title: l10n.t('Use https:// for this redirect URI'), edits: [{ start, end: start + 'http'.length, newText: 'https' }] }],
      });
    }
  }
  return out;
}
