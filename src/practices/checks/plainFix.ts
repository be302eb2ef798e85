/**
 * Quick fix for `code_challenge_method=plain`: switch to S256 AND compute the challenge from the verifier, since
 * with plain the challenge is the verifier itself. Offered only when the challenge expression is found nearby.
 */
import { l10n } from '../../common/l10n';
import type { SourceModel } from '../source';
import type { PracticeEdit, PracticeFix } from '../types';
import { lineWindow } from '../text';
import { importEdit } from './randomFix';

const CHALLENGE_VALUE = /\b(?:code_challenge|codeChallenge)(?!_method)['"]?\s*(?:[:=,]|=>)(?!=)\s*(\$?[\w.]+(?:\(\))?)\s*(?=[,)}\n;&\]])|code_challenge=\$\{([\w.]+)\}/;

const S256: Partial<Record<SourceModel['lang'], { expr: (v: string) => string; imports?: Array<[RegExp, string]> }>> = {
  js: { expr: (v) => `require('node:crypto').createHash('sha256').update(${v}).digest('base64url')` },
  py: {
    expr: (v) => `base64.urlsafe_b64encode(hashlib.sha256(${v}.encode()).digest()).rstrip(b"=").decode()`,
    imports: [
      [/^\s*import\s+(?:[\w, ]*\b)?base64\b/m, 'import base64\n'],
      [/^\s*import\s+(?:[\w, ]*\b)?hashlib\b/m, 'import hashlib\n'],
    ],
  },
  rb: { expr: (v) => `Base64.urlsafe_encode64(Digest::SHA256.digest(${v}), padding: false)`, imports: [[/require\s+['"]digest['"]/, "require 'digest'\n"], [/require\s+['"]base64['"]/, "require 'base64'\n"]] },
  php: { expr: (v) => `rtrim(strtr(base64_encode(hash('sha256', ${v}, true)), '+/', '-_'), '=')` },
};

const importsCache = new WeakMap<SourceModel, { named: RegExpExecArray | null; namespace: RegExpExecArray | null }>();

/** The module's crypto import (named or namespace), looked up once per file however many findings ask. */
function cryptoImports(src: SourceModel): { named: RegExpExecArray | null; namespace: RegExpExecArray | null } {
  let found = importsCache.get(src);
  if (!found) {
    found = {
      named: /\bimport\s*\{([^}]*)\}\s*from\s*['"](?:node:)?crypto['"]/.exec(src.code),
      namespace: /\bimport\s+(?:\*\s+as\s+)?(\w+)\s+from\s+['"](?:node:)?crypto['"]|\b(?:const|let|var)\s+(\w+)\s*=\s*require\(\s*['"](?:node:)?crypto['"]\s*\)/.exec(src.code),
    };
    importsCache.set(src, found);
  }
  return found;
}

export function plainFix(src: SourceModel, m: RegExpExecArray): PracticeFix | undefined {
  const recipe = S256[src.lang];
  if (!recipe) return undefined;
  const win = lineWindow(src, m.index, 12, 12);
  const text = src.code.slice(win.start, win.end);
  const challenge = CHALLENGE_VALUE.exec(text);
  if (!challenge) return undefined;
  const expr = challenge[1] ?? challenge[2]!;
  if (/sha256|hash|digest|challenge/i.test(expr)) return undefined;
  const exprStart = win.start + challenge.index + challenge[0].lastIndexOf(expr);
  const plainAt = m.index + m[0].lastIndexOf('plain');
  let computed = recipe.expr(expr);
  const extra: PracticeEdit[] = [];
  if (src.lang === 'js') {
    // Reuse the module's own crypto import where there is one; `require` may not exist in an ES module.
    const { named, namespace } = cryptoImports(src);
    const hash = `.createHash('sha256').update(${expr}).digest('base64url')`;
    if (named) {
      computed = `createHash${hash.slice('.createHash'.length)}`;
      if (!/\bcreateHash\b/.test(named[1]!)) {
        const at = src.code.indexOf('{', named.index) + 1;
        extra.push({ start: at, end: at, newText: ' createHash,' });
      }
    } else if (namespace) computed = `${namespace[1] ?? namespace[2]}${hash}`;
  }
  const edits: PracticeEdit[] = [
    { start: plainAt, end: plainAt + 'plain'.length, newText: 'S256' },
    { start: exprStart, end: exprStart + expr.length, newText: computed },
    ...extra,
  ];
  const imports = (recipe.imports ?? []).filter(([present]) => !present.test(src.code)).map(([, line]) => line).join('');
  if (imports) edits.push(importEdit(src, imports));
  return { title: l10n.t('Switch to S256 and compute code_challenge = BASE64URL(SHA256(code_verifier))'), edits };
}
