/**
 * The tokenizer level of the practice review: which language a file is, its text with comments blanked (same
 * offsets, strings kept, so a doc comment quoting a bad example is not code), and whether it runs in a browser,
 * on a phone, or is a test. One linear pass; nothing here backtracks.
 */

export type Lang = 'js' | 'py' | 'go' | 'rb' | 'php' | 'env' | 'config' | 'xml';

export interface SourceModel {
  fileName: string;
  text: string;
  /** `text` with comments replaced by spaces (newlines kept). */
  code: string;
  lang: Lang;
  browser: boolean;
  mobile: boolean;
  test: boolean;
  lines: Lines;
}

/** Offset <-> line for one immutable text: line starts computed once, positions by binary search. */
export class Lines {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  get lineCount(): number {
    return this.starts.length;
  }
  startOf(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))]!;
  }
  positionAt(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: offset - this.starts[lo]! };
  }
}

/** Longer documents are not reviewed (VS Code's own limit for extensions is 50 MB; a 4 MB source is generated). */
export const MAX_REVIEW_LENGTH = 4 * 1024 * 1024;

const EXT_LANG: Record<string, Lang> = {
  js: 'js', jsx: 'js', mjs: 'js', cjs: 'js', ts: 'js', tsx: 'js', mts: 'js', cts: 'js', vue: 'js', svelte: 'js',
  py: 'py', go: 'go', rb: 'rb', php: 'php',
  json: 'config', jsonc: 'config', yaml: 'config', yml: 'config', toml: 'config', ini: 'config', properties: 'config', cfg: 'config', xcconfig: 'config',
  xml: 'xml', plist: 'xml',
};

export function langOf(fileName: string): Lang | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  if (/^\.env(\.|$)|\.env$/i.test(base)) return 'env';
  const dot = base.lastIndexOf('.');
  if (dot < 0) return undefined;
  return EXT_LANG[base.slice(dot + 1).toLowerCase()];
}

/** A file worth reviewing: a language we know, and it talks to Vendaze (its hosts, VENDAZE_* names, our payloads). */
export function isRelevant(fileName: string, text: string): boolean {
  if (!langOf(fileName) || text.length > MAX_REVIEW_LENGTH) return false;
  if (/\.min\.[a-z]+$/i.test(fileName)) return false;
  return /vendaze/i.test(text);
}

const TEST_PATH = /(?:^|[\\/])(?:__tests__|tests?|spec|specs|e2e|cypress)[\\/]|[._-](?:test|spec)\.[a-z]+$|(?:^|[\\/])test_[^\\/]*\.py$|_test\.(?:go|py|rb)$|_spec\.rb$|Test\.php$/i;
const MOBILE_CONFIG = /(?:^|[\\/])(?:app\.json|app\.config\.[jt]s|eas\.json|capacitor\.config\.[jt]s(?:on)?|pubspec\.yaml|gradle\.properties|AndroidManifest\.xml|strings\.xml|[^\\/]+\.plist|[^\\/]+\.xcconfig)$/i;
const MOBILE_CODE = /from\s+['"](?:react-native|expo[\w/-]*|@capacitor\/[\w-]+)['"]|require\(\s*['"]react-native['"]\s*\)/;
const USE_CLIENT = /^\s*(?:\/\/[^\n]*\n\s*)*['"]use client['"]/;
const SERVER_MARKERS = /['"]use server['"]|['"]server-only['"]|\brequire\(\s*['"](?:express|fastify|koa|http)['"]|from\s+['"](?:express|fastify|koa|next\/server|next\/headers|node:http)['"]|\bgetServerSideProps\b|\bNextResponse\b|\bexport\s+(?:async\s+)?function\s+(?:GET|POST)\b/;
const CLIENT_PATH = /(?:^|[\\/])(?:public|static|frontend|client|components|hooks|spa|web)[\\/]/i;
const SERVER_PATH = /(?:^|[\\/])(?:api|server|backend|functions|lambda)[\\/]|route\.[jt]s$/i;
const BROWSER_GLOBALS = /\b(?:window|document|localStorage|sessionStorage|navigator)\s*\./;

function isBrowser(fileName: string, code: string): boolean {
  if (USE_CLIENT.test(code)) return true;
  if (SERVER_MARKERS.test(code) || SERVER_PATH.test(fileName)) return false;
  return CLIENT_PATH.test(fileName) || BROWSER_GLOBALS.test(code);
}

export function buildSource(fileName: string, text: string): SourceModel | undefined {
  const lang = langOf(fileName);
  if (!lang) return undefined;
  const code = maskComments(text, lang);
  const mobile = lang === 'config' || lang === 'xml' || lang === 'js' ? MOBILE_CONFIG.test(fileName) || (lang === 'js' && MOBILE_CODE.test(code)) : false;
  return {
    fileName,
    text,
    code,
    lang,
    browser: lang === 'js' && (mobile || isBrowser(fileName, code)),
    mobile,
    test: TEST_PATH.test(fileName),
    lines: new Lines(text),
  };
}

const blank = (s: string): string => (s.includes('\n') ? s.replace(/[^\n]/g, ' ') : ' '.repeat(s.length));

/**
 * One regexp per language matching every comment and string token. Each alternative consumes disjoint characters
 * and every closing delimiter is optional (an unterminated string ends at its line end, a template or block comment
 * at the end of the file), so a match never backtracks: linear time on any input.
 */
const STR_SQ = String.raw`'(?:[^'\\\n]|\\[\s\S])*'?`;
const STR_DQ = String.raw`"(?:[^"\\\n]|\\[\s\S])*"?`;
const BLOCK = String.raw`\/\*[\s\S]*?(?:\*\/|$)`;
const LINE = String.raw`(?<![:\\])\/\/[^\n]*`;
const TRIPLE_DQ = '"""';
const TRIPLE_SQ = "'''";
const TOKENS: Record<Lang, RegExp> = {
  js: new RegExp(`${LINE}|${BLOCK}|${STR_SQ}|${STR_DQ}|` + String.raw`\`(?:[^\`\\]|\\[\s\S])*\`?`, 'g'),
  go: new RegExp(`${LINE}|${BLOCK}|${STR_SQ}|${STR_DQ}|` + String.raw`\`[^\`]*\`?`, 'g'),
  php: new RegExp(`${LINE}|${BLOCK}|#(?!\\[)[^\\n]*|${STR_SQ}|${STR_DQ}`, 'g'),
  py: new RegExp(String.raw`#[^\n]*|` + `${TRIPLE_DQ}[\\s\\S]*?(?:${TRIPLE_DQ}|$)|${TRIPLE_SQ}[\\s\\S]*?(?:${TRIPLE_SQ}|$)|${STR_SQ}|${STR_DQ}`, 'g'),
  rb: new RegExp(String.raw`#(?!\{)[^\n]*|` + `${STR_SQ}|${STR_DQ}`, 'g'),
  env: /(?:^|(?<=[ \t]))#[^\n]*/gm,
  config: /(?:^|(?<=[ \t]))#[^\n]*/gm,
  xml: /<!--[\s\S]*?(?:-->|$)/g,
};

/** Whether only spaces or tabs precede `i` on its line (looked at over a bounded distance). */
function atLineStart(text: string, i: number): boolean {
  for (let k = i - 1; k >= 0 && k >= i - 200; k--) {
    const c = text.charCodeAt(k);
    if (c === 10) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return i < 200;
}

/** Blanks comments (and Python docstrings): strings are stepped over whole, so a `//` inside a URL stays code. */
export function maskComments(text: string, lang: Lang): string {
  const re = new RegExp(TOKENS[lang].source, TOKENS[lang].flags);
  return text.replace(re, (token: string, offset: number) => {
    const c = token.charCodeAt(0);
    if (c === 47 || c === 35 || c === 60) return blank(token); // / # <
    if (lang === 'py' && (token.startsWith(TRIPLE_DQ) || token.startsWith(TRIPLE_SQ)) && atLineStart(text, offset)) return blank(token);
    return token;
  });
}

/** Index just after the string opening at `start`; unterminated single-quoted strings end at the line end. */
export function skipString(text: string, start: number, quote: string, raw = false): number {
  const q = quote.charCodeAt(0);
  const multiline = q === 96; // `
  const n = text.length;
  for (let i = start + 1; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 && !raw) i++; // backslash
    else if (c === q) return i + 1;
    else if (c === 10 && !multiline) return i;
  }
  return n;
}
