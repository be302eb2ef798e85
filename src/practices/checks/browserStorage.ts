/**
 * Practice 2: tokens in browser storage. localStorage / sessionStorage / IndexedDB writes of a token, and cookies
 * holding a token set without httpOnly and Secure (Express, Next.js, document.cookie, Flask/Django/FastAPI, Go,
 * PHP, Ruby). Non-token data in storage and CSRF cookies (which scripts must read) are left alone.
 */
import { l10n } from '../../common/l10n';
import type { RawFinding } from '../types';
import { blankStrings, closingBracket, matches, splitArgs } from '../text';
import type { CheckContext } from './context';
import { cookieFix } from './cookieFix';

export const TOKENISH = /token|jwt|bearer/i;
const NOT_TOKEN = /csrf|xsrf|_state\b|oauth_state|verifier/i;

const STORAGE_WRITE = /\b(localStorage|sessionStorage|localforage|idbKeyval|AsyncStorage)\s*(?:\.\s*setItem\s*\(|\.\s*set\s*\(|\[|\.\s*(\w+)\s*=(?!=))/g;
const IDB_PUT = /\.\s*objectStore\s*\([^)\n]{0,100}\)\s*\.\s*(?:put|add)\s*\(/g;
const DOCUMENT_COOKIE = /\bdocument\s*\.\s*cookie\s*=(?!=)/g;
const COOKIE_CALL = /(?:\b(?:res|resp|response|reply|ctx|c)\s*\.\s*cookie\s*\(|\bcookies\s*\(\s*\)\s*\.\s*set\s*\(|\b(?:response|res|NextResponse\.\w+\([^)\n]{0,80}\))\s*\.\s*cookies\s*\.\s*set\s*\(|\.\s*set_cookie\s*\(|\bsetcookie\s*\(|\bhttp\s*\.\s*Cookie\s*\{|\bcookies\s*\[\s*:?\w+\s*\]\s*=(?!=))/g;

function tokenish(text: string): boolean {
  return TOKENISH.test(text) && !NOT_TOKEN.test(text);
}

export function checkBrowserStorage(ctx: CheckContext): RawFinding[] {
  const { src } = ctx;
  const code = src.code;
  const out: RawFinding[] = [];
  if (src.lang === 'js') {
    for (const m of matches(STORAGE_WRITE, code)) {
      const open = code.indexOf('(', m.index);
      const isCall = /\(\s*$/.test(m[0]);
      // localStorage['k'] is a write only when an assignment follows the closing bracket.
      if (m[0].endsWith('[') && !/^[^\]\n]{0,200}\]\s*=(?!=)/.test(code.slice(m.index + m[0].length, m.index + m[0].length + 220))) continue;
      const end = isCall ? closingBracket(code, open) : code.indexOf('\n', m.index);
      const target = code.slice(m.index, end < 0 ? m.index + 200 : end + 1);
      if (!tokenish(target)) continue;
      out.push({
        name: 'token-in-browser-storage',
        start: m.index,
        end: m.index + m[1]!.length,
        message: l10n.t('A token written to {0} is readable by any script on the page (one XSS away from theft). Keep Vendaze tokens on the server and give the browser an httpOnly, Secure session cookie.', m[1] ?? ''),
      });
    }
    for (const m of matches(IDB_PUT, code)) {
      const open = m.index + m[0].length - 1;
      const end = closingBracket(code, open);
      if (end > 0 && tokenish(code.slice(open, end))) {
        out.push({ name: 'token-in-browser-storage', start: m.index + 1, end: open, message: l10n.t('A token stored in IndexedDB is readable by any script on the page. Keep Vendaze tokens on the server.') });
      }
    }
    for (const m of matches(DOCUMENT_COOKIE, code)) {
      const lineEnd = code.indexOf('\n', m.index);
      const value = code.slice(m.index + m[0].length, lineEnd < 0 ? code.length : lineEnd);
      if (!tokenish(value)) continue;
      out.push({
        name: 'token-in-browser-storage',
        start: m.index,
        end: m.index + m[0].length - 1,
        message: l10n.t('document.cookie cannot set httpOnly: a token in this cookie is readable by any script. Set the cookie from the server with httpOnly and Secure.'),
      });
    }
  }
  for (const m of matches(COOKIE_CALL, code)) out.push(...cookieFinding(ctx, m));
  return out;
}

function cookieFinding({ src }: CheckContext, m: RegExpExecArray): RawFinding[] {
  const code = src.code;
  const callText = m[0];
  if (callText.endsWith('=')) {
    // Ruby: cookies[:access_token] = value | { value:, httponly: true, secure: true }
    const lineEnd = code.indexOf('\n', m.index);
    let end = lineEnd < 0 ? code.length : lineEnd;
    const rhsStart = m.index + callText.length;
    const brace = code.slice(rhsStart, end).search(/\S/);
    if (brace >= 0 && code[rhsStart + brace] === '{') end = Math.max(end, closingBracket(code, rhsStart + brace) + 1);
    const whole = code.slice(m.index, end);
    if (!tokenish(whole) || (/httponly:\s*true/i.test(whole) && /secure:\s*true/i.test(whole))) return [];
    return [cookieResult(m.index, m.index + callText.length - 1, src.lang)];
  }
  const open = m.index + callText.length - 1;
  const close = closingBracket(code, open);
  if (close < 0) return [];
  const args = splitArgs(code, open + 1, close);
  if (args.length === 0) return [];
  const inner = code.slice(open + 1, close);
  // The cookie's name and value: the first two arguments, or name/value/key fields of a single options object.
  const nameValue = args.length >= 2 ? code.slice(args[0]!.start, args[1]!.end) : inner;
  if (!tokenish(nameValue) || /\b(?:clearCookie|delete_cookie|expires\s*[:=]\s*(?:0|new Date\(0\)))/.test(inner) || /max[_-]?age\s*[:=]\s*0\b/i.test(inner)) return [];
  if (/\.\s*(?:cookie|set)\s*\(/.test(callText) && args.length >= 2 && /^['"]?['"]?$/.test(code.slice(args[1]!.start, args[1]!.end).trim())) return [];
  const flags = flagState(inner, src.lang, args.length, code, args);
  if (flags.httpOnly && flags.secure) return [];
  const finding = cookieResult(m.index, open, src.lang);
  const fix = cookieFix(src, open, close, args, flags);
  if (fix) finding.fixes = [fix];
  return [finding];
}

export interface CookieFlags {
  httpOnly: boolean;
  secure: boolean;
}

function flagState(inner: string, lang: string, argCount: number, code: string, args: { start: number; end: number }[]): CookieFlags {
  const flat = blankStrings(inner);
  if (lang === 'php' && argCount >= 7 && !/httponly/i.test(inner)) {
    // setcookie($name, $value, $expires, $path, $domain, $secure, $httponly)
    return { secure: /^true$/i.test(code.slice(args[5]!.start, args[5]!.end)), httpOnly: /^true$/i.test(code.slice(args[6]!.start, args[6]!.end)) };
  }
  return {
    httpOnly: /['"]?http_?only['"]?\s*(?:[:=]|=>)\s*(?:true|True|1)\b/i.test(inner) && !/http_?only\s*[:=]\s*false/i.test(flat),
    secure: /['"]?\bsecure['"]?\s*(?:[:=]|=>)\s*(?:true|True|1|process\.env\.NODE_ENV\s*===?\s*['"]production['"]|!\s*\w+|\w+\.secure)\b/i.test(inner),
  };
}

function cookieResult(start: number, end: number, lang: string): RawFinding {
  const flags = lang === 'py' ? 'httponly=True and secure=True' : lang === 'go' ? 'HttpOnly: true and Secure: true' : lang === 'php' || lang === 'rb' ? 'httponly and secure' : 'httpOnly: true and secure: true';
  return {
    name: 'token-in-browser-storage',
    start,
    end,
    message: l10n.t('This cookie holds a token but is set without {0}: scripts can read it and it can travel over plain http.', flags),
  };
}
