/**
 * Quick fix for a state or PKCE verifier from a weak random source: replace the whole value expression with a
 * cryptographic one of the file's language (32 random bytes, base64url: 43 characters, what PKCE asks for).
 */
import { l10n } from '../../common/l10n';
import type { SourceModel } from '../source';
import type { PracticeEdit, PracticeFix } from '../types';
import { lineSpan } from '../text';
import type { WeakRandom } from './weakRandom';

const REPLACEMENT: Partial<Record<SourceModel['lang'], { state: string; verifier: string; importLine?: string; importCheck?: RegExp }>> = {
  js: { state: 'crypto.randomUUID()', verifier: "Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url')" },
  py: { state: 'secrets.token_urlsafe(32)', verifier: 'secrets.token_urlsafe(32)', importLine: 'import secrets\n', importCheck: /^\s*import\s+secrets\b|^\s*from\s+secrets\s+import/m },
  rb: { state: 'SecureRandom.urlsafe_base64(32)', verifier: 'SecureRandom.urlsafe_base64(32)', importLine: "require 'securerandom'\n", importCheck: /require\s+['"]securerandom['"]/ },
  php: { state: 'bin2hex(random_bytes(16))', verifier: "rtrim(strtr(base64_encode(random_bytes(32)), '+/', '-_'), '=')" },
};

/** End offset of the last assignment-like operator (`=`, `:=`, `:`, `=>`) in `h`, or 0 when there is none. */
function lastOperator(h: string): number {
  for (let i = h.length - 1; i >= 0; i--) {
    const c = h[i];
    if (c === '=' && h[i + 1] !== '=' && !'=!<>'.includes(h[i - 1] ?? ' ')) return i + (h[i + 1] === '>' ? 2 : 1);
    if (c === ':' && h[i + 1] !== ':' && h[i - 1] !== ':') return i + (h[i + 1] === '=' ? 2 : 1);
  }
  return 0;
}

/** The value expression around a call: after the assignment (or inside `${…}`), up to the statement's end. */
export function valueSpan(code: string, at: number): { start: number; end: number } | undefined {
  const line = lineSpan(code, at);
  const head = code.slice(line.start, at);
  const interp = head.lastIndexOf('${');
  let start: number;
  if (interp >= 0 && head.indexOf('}', interp) < 0) start = line.start + interp + 2;
  else {
    const op = lastOperator(head.slice(-200));
    if (!op) return undefined;
    start = at - Math.min(head.length, 200) + op;
  }
  let depth = 0;
  let end = line.end;
  for (let i = start; i < line.end; i++) {
    const c = code[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) {
        end = i;
        break;
      }
      depth--;
    } else if (depth === 0 && (c === ',' || c === ';')) {
      end = i;
      break;
    }
  }
  while (start < end && /\s/.test(code[start]!)) start++;
  while (end > start && /[\s;,]/.test(code[end - 1]!)) end--;
  return end > start ? { start, end } : undefined;
}

export function secureRandomFix(src: SourceModel, use: WeakRandom, kind: 'state' | 'verifier'): PracticeFix | undefined {
  const replacement = REPLACEMENT[src.lang];
  if (!replacement) return undefined;
  const span = valueSpan(src.code, use.start);
  if (!span) return undefined;
  const edits: PracticeEdit[] = [{ start: span.start, end: span.end, newText: replacement[kind] }];
  if (replacement.importLine && replacement.importCheck && !replacement.importCheck.test(src.code)) edits.push(importEdit(src, replacement.importLine));
  return {
    title: kind === 'state'
      ? l10n.t('Generate state with a cryptographic random source ({0})', replacement.state)
      : l10n.t('Generate the verifier with a cryptographic random source ({0})', replacement.verifier),
    edits,
  };
}

/** An import line placed after a shebang, a PHP opening tag and leading comment lines, so the file still runs. */
export function importEdit(src: SourceModel, line: string): PracticeEdit {
  let at = 0;
  for (let n = 0; n < 200 && at < src.text.length; n++) {
    let end = src.text.indexOf('\n', at);
    if (end < 0) break;
    const text = src.text.slice(at, end);
    // A Python module docstring stays first.
    const doc = /^\s*("""|''')/.exec(text);
    if (doc && src.lang === 'py') {
      const close = src.text.indexOf(doc[1]!, at + doc[0].length);
      end = close < 0 ? -1 : src.text.indexOf('\n', close);
      if (end < 0) break;
      at = end + 1;
      continue;
    }
    if (!/^(?:#!|<\?php|\s*#|\s*\/\/|\s*$)/.test(text) || /^\s*#\s*(?:include|define)/.test(text)) break;
    at = end + 1;
  }
  return { start: at, end: at, newText: line };
}
