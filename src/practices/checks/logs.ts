/**
 * Practice 9: secrets or tokens in logs. A log call whose arguments (as code: string contents blanked, template
 * and f-string expressions kept) name a token, the token response, an Authorization header, the client_secret,
 * or the whole environment.
 */
import { l10n } from '../../common/l10n';
import type { RawFinding } from '../types';
import { blankStrings, closingBracket, matches } from '../text';
import type { CheckContext } from './context';

const LOG_CALL = /\b(?:console\s*\.\s*(?:log|info|debug|warn|error|trace|dir)|(?:logger|log|logging|app\.logger|current_app\.logger|Rails\.logger|Log|this\.logger|this\.log|req\.log|fastify\.log|slog)\s*(?:\.|::)\s*(?:info|debug|warn|warning|error|trace|log|fatal|critical|exception|Printf|Println|Print|Info|Debug|Error|Warn)|print|pprint|error_log|var_dump|print_r|fmt\s*\.\s*(?:Print|Println|Printf|Fprintf|Fprintln)|log\s*\.\s*(?:Print|Println|Printf|Fatal|Fatalf|Fatalln))\s*\(|^[ \t]*(?:puts|p|pp|(?:Rails\.)?logger\.(?:info|debug|warn|error))[ \t]+(?=\S)/gm;
const SECRET_ARG = /\b(?:access_?token|refresh_?token|tokens|token_?response|token_?set|token_?data|token_?json|id_?token|\w*client_?secret|bearer|authorization)\b(?!\s*(?:\?\.|\.)\s*(?:length|expires_in|expires_at|expiresAt|expiresIn|token_type|tokenType|scope|workspace_slug|workspaceSlug|slice|substring|substr|size|keys|count)\b)/i;
const SAFE_WRAP = /(?:redact|mask|hash|fingerprint|len|typeof|Boolean|!!|bool|present\?|nil\?|isset|empty)\s*\(?\s*$/i;
const WHOLE_ENV = /process\.env\b(?!\s*(?:\.|\[|\?\.))|os\.environ\b(?!\s*(?:\[|\.get|\.copy|\.keys))|\bENV\b(?!\s*(?:\[|\.fetch|\.keys))|\$_ENV\b(?!\s*\[)|\bgetenv\(\s*\)|os\.Environ\(\)/;
const WHOLE_HEADERS = /\b(?:req|request|r|ctx)\s*\.\s*(?:headers|Header)\b(?!\s*(?:\.|\[|\?\.|->))|getallheaders\(\)|\.headers\s*\[\s*['"]authorization['"]|\.get\(\s*['"]authorization['"]/i;

export function checkLogs({ src }: CheckContext): RawFinding[] {
  if (src.lang === 'env' || src.lang === 'config' || src.lang === 'xml') return [];
  const code = src.code;
  const out: RawFinding[] = [];
  let insideUntil = -1;
  for (const m of matches(LOG_CALL, code, 400)) {
    if (m.index < insideUntil) continue;
    if (src.lang === 'js' && /^(?:print|pprint|error_log|var_dump|print_r|puts|p|pp)\b/.test(m[0].trim())) continue;
    if (src.lang !== 'rb' && !m[0].endsWith('(')) continue;
    const open = m.index + m[0].length - 1;
    let argsText: string;
    if (code[open] === '(') {
      const close = closingBracket(code, open);
      if (close < 0) continue;
      argsText = code.slice(open + 1, close);
      insideUntil = close;
    } else {
      const lineEnd = code.indexOf('\n', open);
      argsText = code.slice(open + 1, lineEnd < 0 ? code.length : lineEnd);
    }
    const reason = secretIn(argsText);
    if (!reason) continue;
    const start = m.index + (m[0].length - m[0].trimStart().length);
    out.push({ name: 'secrets-in-logs', start, end: open, message: l10n.t('This log call writes {0} to the log, where it outlives the token and reaches whoever reads logs. Log a request id or a redacted form instead.', reason) });
  }
  return out;
}

function secretIn(args: string): string | undefined {
  if (WHOLE_ENV.test(args)) return 'the whole environment (client_secret included)';
  if (WHOLE_HEADERS.test(args)) return 'request headers (the Authorization bearer token)';
  const code = blankStrings(args);
  const re = new RegExp(SECRET_ARG.source, 'gi');
  for (const hit of matches(re, code, 20)) {
    // In a member chain only the last name counts: tokens.expires_in is not a token, tokens.access_token is.
    if (/^\s*\??\.\s*[A-Za-z_]/.test(code.slice(hit.index + hit[0].length, hit.index + hit[0].length + 4))) continue;
    if (SAFE_WRAP.test(code.slice(Math.max(0, hit.index - 20), hit.index))) continue;
    return /secret/i.test(hit[0]) ? l10n.t('the client_secret') : /authorization|bearer/i.test(hit[0]) ? l10n.t('the Authorization header') : l10n.t('a token (or the token response)');
  }
  return undefined;
}
