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

/** Characters that can start a comment or a string, per language: everything else is skipped by one regexp jump. */
const INTERESTING: Record<Lang, RegExp> = {
  js: /[/'"`]/g,
  go: /[/'"`]/g,
  php: /[/#'"]/g,
  py: /[#'"]/g,
  rb: /[#'"]/g,
  env: /#/g,
  config: /#/g,
  xml: /<!--/g,
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

/** Blanks comments: a single forward pass that steps over strings so a `//` inside a URL stays code. */
export function maskComments(text: string, lang: Lang): string {
  const out: string[] = [];
  let copied = 0;
  const cut = (from: number, to: number): void => {
    out.push(text.slice(copied, from), blank(text.slice(from, to)));
    copied = to;
  };
  const lineEnd = (from: number): number => {
    const end = text.indexOf('\n', from);
    return end < 0 ? n : end;
  };
  const n = text.length;
  const next = new RegExp(INTERESTING[lang].source, 'g');
  let i = 0;
  while (i < n) {
    next.lastIndex = i;
    const m = next.exec(text);
    if (!m) break;
    i = m.index;
    const c = text[i]!;
    if (lang === 'xml') {
      const end = text.indexOf('-->', i + 4);
      const to = end < 0 ? n : end + 3;
      cut(i, to);
      i = to;
      continue;
    }
    if (c === '/') {
      const after = text[i + 1];
      if (after === '/' && text[i - 1] !== ':' && text[i - 1] !== '\\') {
        const to = lineEnd(i);
        cut(i, to);
        i = to;
      } else if (after === '*') {
        const end = text.indexOf('*/', i + 2);
        const to = end < 0 ? n : end + 2;
        cut(i, to);
        i = to;
      } else i++;
      continue;
    }
    if (c === '#') {
      const isComment = lang === 'php' ? text[i + 1] !== '[' : lang === 'rb' ? text[i + 1] !== '{' : lang === 'py' ? true : atLineStart(text, i) || text[i - 1] === ' ' || text[i - 1] === '\t';
      if (!isComment) {
        i++;
        continue;
      }
      const to = lineEnd(i);
      cut(i, to);
      i = to;
      continue;
    }
    if (lang === 'py' && text[i + 1] === c && text[i + 2] === c) {
      const end = text.indexOf(c + c + c, i + 3);
      const to = end < 0 ? n : end + 3;
      // A triple-quoted string that starts a statement is a docstring: prose, not code.
      if (atLineStart(text, i)) cut(i, to);
      i = to;
      continue;
    }
    i = skipString(text, i, c, lang === 'go' && c === '`');
  }
  if (copied === 0) return text;
  out.push(text.slice(copied));
  return out.join('');
}

/** Index just after the string opening at `start`; unterminated single-quoted strings end at the line end. */
export function skipString(text: string, start: number, quote: string, raw = false): number {
  const multiline = quote === '`';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && !raw) i++;
    else if (c === quote) return i + 1;
    else if (c === '\n' && !multiline) return i;
  }
  return text.length;
}
