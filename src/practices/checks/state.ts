/**
 * Practice 6: `state`. An authorize URL built without it or with a constant; a state from a non-cryptographic
 * random source; a callback that reads `code` and never compares `state`.
 */
import { l10n } from '../../common/l10n';
import type { RawFinding } from '../types';
import { lineWindow, matches } from '../text';
import { authorizeSites } from './authorize';
import type { CheckContext } from './context';
import { secureRandomFix } from './randomFix';
import { weakRandomUses } from './weakRandom';

const STATE_PARAM = /\bstate\s*[:=,})]|['"]state['"]|[?&]state=|\bState\s*:|\bstate\b\s*\)/;
const CONSTANT_STATE = /(?<![?&])\bstate['"]?\s*(?:[:=]|=>)(?!=)\s*(['"])[^'"\n${}]{1,80}\1|[?&]state=[A-Za-z0-9_-]{1,80}(?=[&'"`])/g;
const CODE_READ = /\breq(?:uest)?\s*\.\s*query\s*\.\s*code\b|\bquery\s*\.\s*code\b|\bsearchParams\s*\.\s*get\(\s*['"]code['"]|\brequest\s*\.\s*(?:args|GET|query_params|values|form)\s*(?:\.get\(\s*|\[\s*)['"]code['"]|\bparams\s*\[\s*:?['"]?code['"]?\s*\]|\$_GET\s*\[\s*['"]code['"]|->(?:query|input|get)\(\s*['"]code['"]|\.Query\(\)\s*\.Get\(\s*"code"|FormValue\(\s*"code"|\{\s*code\s*(?:,[^}\n]{0,80})?\}\s*=\s*(?:req|request|ctx)?\.?\s*(?:query|searchParams|params)|def\s+\w*callback\w*\s*\([^)\n]{0,120}\bcode\s*:/g;
const STATE_COMPARED = /state[^\n]{0,120}(?:!==|===|!=|==|\bis not\b)|(?:!==|===|!=|==)[^\n]{0,120}state|compare_digest\([^\n]{0,120}state|timingSafeEqual\([^\n]{0,160}state|secure_compare\([^\n]{0,120}state|hash_equals\([^\n]{0,120}state|ConstantTimeCompare\([^\n]{0,160}[sS]tate|\bstate\b[^\n]{0,80}\.pop\(|verify_?[sS]tate|validate_?[sS]tate|check_?[sS]tate|[vV]erifyState|[vV]alidateState|[cC]heckState/i;

export function checkState(ctx: CheckContext): RawFinding[] {
  const { src } = ctx;
  const out: RawFinding[] = [];
  for (const site of authorizeSites(src)) {
    if (!STATE_PARAM.test(site.text)) {
      out.push({ name: 'state', start: site.at, end: site.at + '/oauth/authorize'.length, message: l10n.t('This authorize URL carries no state: without it the callback cannot tell your own redirect from a forged one (CSRF). Send a random state and compare it on return.') });
      continue;
    }
    for (const m of matches(CONSTANT_STATE, site.text, 10)) {
      const start = site.window.start + m.index;
      out.push({ name: 'state', start, end: start + m[0].length, message: l10n.t('A constant state protects nothing: an attacker can forge it. Generate a fresh random state per authorization (crypto) and compare it on the callback.') });
    }
  }
  for (const use of weakRandomUses(src)) {
    if (!/state|nonce|csrf/i.test(use.name)) continue;
    const fix = secureRandomFix(src, use, 'state');
    out.push({
      name: 'state',
      start: use.start,
      end: use.end,
      message: l10n.t('state from a non-cryptographic random source can be predicted. Generate it with a cryptographic source (crypto.randomUUID, secrets.token_urlsafe, SecureRandom, random_bytes).'),
      ...(fix ? { fixes: [fix] } : {}),
    });
  }
  const code = src.code;
  let coveredUntil = -1;
  for (const m of matches(CODE_READ, code, 20)) {
    if (m.index < coveredUntil) continue;
    const win = lineWindow(src, m.index, 15, 30);
    coveredUntil = win.end;
    if (STATE_COMPARED.test(code.slice(win.start, win.end))) continue;
    out.push({ name: 'state', start: m.index, end: m.index + m[0].length, message: l10n.t('This callback reads code but never compares state with the one it sent: a forged redirect would be accepted (CSRF). Reject the callback when state does not match.') });
  }
  return out;
}
