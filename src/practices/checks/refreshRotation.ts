/**
 * Practice 3: a refresh call whose response's new refresh_token is never stored. Vendaze rotates the refresh token
 * on every renewal and invalidates the old one, so code that keeps only the new access token breaks (or keeps
 * re-using a dead token) on the next refresh. Found by following the response variable of the refresh request.
 */
import { l10n } from '../../common/l10n';
import type { RawFinding } from '../types';
import { lineWindow, matches } from '../text';
import type { CheckContext } from './context';

const REFRESH_GRANT = /grant_type['"]?\s*(?:[:=,]|=>)\s*[[{(]?\s*['"]?refresh_token\b|grant_type=refresh_token\b/g;
/** Where the response is bound: `const data = await r.json()`, `tokens = resp.json()`, `const { data } = await axios…`, `body, _ := …`. */
const RESPONSE_BINDING = [
  /(?:const|let|var)\s+\{\s*([\w\s,:]+)\}\s*=\s*await\b/,
  /(?:const|let|var|\$)?\s*(\w+)\s*(?::\s*[\w<>[\]]+\s*)?(?::=|=(?!=))\s*(?:await\s+)?[\w.$]*(?:\.json\(\)|json\.loads\(|JSON\.parse\(|json_decode\(|\.json\b|\.parsed_response|\.body\b)/,
  /(?:const|let|var)\s+(\w+)\s*=\s*\(\s*await\s+[^;\n]{0,200}\)\s*\.\s*data\b/,
  /\.then\(\s*\(?\s*(\w+)\s*\)?\s*=>/,
  /json\.NewDecoder\([^)\n]{0,80}\)\.Decode\(\s*&(\w+)\s*\)/,
  /(?:const|let|var)\s+\{\s*data(?:\s*:\s*(\w+))?\s*\}\s*=\s*await\s+axios/,
  // Straight from the parsed body: `session['access_token'] = r.json()['access_token']`.
  /[\w\]'"]\s*=\s*(?:await\s+)?(\w+\.json\(\))\s*\[/,
];

const AWAIT_BINDING = /(?:const|let|var)\s+(?:\{\s*([\w\s,:]+)\}|(\w+))\s*(?::\s*[\w<>[\]]+\s*)?=\s*await\b[^;]*$/;

export function checkRefreshRotation({ src }: CheckContext): RawFinding[] {
  const out: RawFinding[] = [];
  const code = src.code;
  let lastEnd = -1;
  for (const m of matches(REFRESH_GRANT, code, 50)) {
    if (m.index < lastEnd) continue;
    const win = lineWindow(src, m.index, 0, 40);
    const after = code.slice(m.index, win.end);
    // axios and friends bind the response before the request body: `const { data } = await axios.post(url, {…})`.
    const before = code.slice(lineWindow(src, m.index, 6, 0).start, m.index);
    const ahead = AWAIT_BINDING.exec(before.slice(Math.max(0, before.lastIndexOf('await') - 120)));
    const binding = ahead && /await\s+[\w.]+\s*\.\s*(?:post|request)\b|await\s+(?:got|ky|axios)\b/.test(before.slice(before.lastIndexOf('await')))
      ? { names: (ahead[1] ?? ahead[2] ?? '').split(',').map((p) => p.split(':').pop()!.trim()).filter(Boolean), at: 0 }
      : findBinding(after);
    lastEnd = win.end;
    if (!binding) continue;
    const rest = after.slice(binding.at);
    if (storesRefreshToken(rest, binding.names)) continue;
    out.push({
      name: 'refresh-rotation',
      start: m.index,
      end: m.index + m[0].length,
      message: l10n.t(
        "The refresh response's new refresh_token is never stored: Vendaze invalidates the previous refresh token on each renewal, so the next refresh fails. Save {0}.refresh_token together with the access token.",
        binding.names[0] ?? l10n.t('the response'),
      ),
    });
  }
  return out;
}

interface Binding {
  names: string[];
  /** Offset in the window just after the binding. */
  at: number;
}

function findBinding(after: string): Binding | undefined {
  let best: Binding | undefined;
  let bestIndex = Infinity;
  for (const re of RESPONSE_BINDING) {
    const m = re.exec(after);
    if (!m || m.index >= bestIndex) continue;
    const raw = m[1] ?? 'data';
    bestIndex = m.index;
    best = { names: raw.split(',').map((part) => part.split(':').pop()!.trim()).filter(Boolean), at: m.index };
  }
  return best;
}

function storesRefreshToken(rest: string, names: string[]): boolean {
  // Destructured straight from the response: `{ access_token, refresh_token } = await r.json()`.
  if (names.some((n) => /^refresh_?token$|^refreshToken$/i.test(n))) return /\brefresh_?token\b|\brefreshToken\b/.test(rest.slice(rest.indexOf('=') + 1));
  for (const name of names) {
    const v = name.replace(/[$.*+?^()[\]{}|\\]/g, '\\$&');
    const whole = new RegExp(
      `(?:\\.\\.\\.|\\*\\*)${v}\\b|${v}\\s*(?:\\?\\.|\\.)\\s*(?:refresh_?token|refreshToken|RefreshToken)\\b|${v}\\s*\\[\\s*['"]refresh_token['"]\\s*\\]|${v}\\s*\\.\\s*get\\(\\s*['"]refresh_token['"]|\\w\\s*\\(\\s*(?:[\\w.]+\\s*,\\s*)?${v}\\s*[,)]|\\breturn\\s+${v}\\s*[;\\n)]|=\\s*${v}\\s*[;\\n]|:\\s*${v}\\s*[,}]`,
    );
    if (whole.test(rest)) return true;
  }
  return false;
}
