/** The quick fix of practice 2: add the missing httpOnly / Secure flags in the call's own syntax. */
import { l10n } from '../../common/l10n';
import type { SourceModel } from '../source';
import type { PracticeEdit, PracticeFix } from '../types';
import type { Span } from '../text';
import type { CookieFlags } from './browserStorage';

function jsFlags(flags: CookieFlags): string[] {
  return [...(flags.httpOnly ? [] : ['httpOnly: true']), ...(flags.secure ? [] : ['secure: true'])];
}

export function cookieFix(src: SourceModel, open: number, close: number, args: Span[], flags: CookieFlags): PracticeFix | undefined {
  const code = src.code;
  const edits: PracticeEdit[] = [];
  const last = args[args.length - 1]!;
  const lastText = code.slice(last.start, last.end);
  // A flag written as false is flipped rather than duplicated.
  const falseFlag = (re: RegExp): void => {
    const m = re.exec(code.slice(open, close));
    if (m) edits.push({ start: open + m.index, end: open + m.index + m[0].length, newText: m[0].replace(/false|False/, (f) => (f === 'False' ? 'True' : 'true')) });
  };
  if (src.lang === 'js') {
    falseFlag(/httpOnly\s*:\s*false/);
    falseFlag(/secure\s*:\s*false/);
    const missing = jsFlags({ httpOnly: flags.httpOnly || edits.some((e) => /httpOnly/.test(e.newText)), secure: flags.secure || edits.some((e) => /secure/.test(e.newText)) });
    if (missing.length > 0) {
      if (lastText.startsWith('{') && (args.length >= 3 || args.length === 1)) edits.push({ start: last.start + 1, end: last.start + 1, newText: ` ${missing.join(', ')},` });
      else if (args.length === 2) edits.push({ start: last.end, end: last.end, newText: `, { ${missing.join(', ')} }` });
      else return undefined;
    }
  } else if (src.lang === 'py') {
    falseFlag(/httponly\s*=\s*False/);
    falseFlag(/secure\s*=\s*False/);
    const missing = [...(flags.httpOnly || /httponly\s*=/.test(code.slice(open, close)) ? [] : ['httponly=True']), ...(flags.secure || /secure\s*=/.test(code.slice(open, close)) ? [] : ['secure=True'])];
    if (missing.length > 0) edits.push({ start: last.end, end: last.end, newText: `, ${missing.join(', ')}` });
  } else if (src.lang === 'go') {
    const brace = code.lastIndexOf('}', close);
    if (brace <= open) return undefined;
    const before = code.slice(open, brace).trimEnd();
    const sep = before.endsWith(',') || before.endsWith('{') ? ' ' : ', ';
    const missing = [...(flags.httpOnly ? [] : ['HttpOnly: true']), ...(flags.secure ? [] : ['Secure: true'])];
    edits.push({ start: open + before.length, end: open + before.length, newText: `${sep}${missing.join(', ')}` });
  } else if (src.lang === 'php' && lastText.startsWith('[') && args.length === 3) {
    const missing = [...(flags.httpOnly ? [] : ["'httponly' => true"]), ...(flags.secure ? [] : ["'secure' => true"])];
    edits.push({ start: last.start + 1, end: last.start + 1, newText: `${missing.join(', ')}, ` });
  } else {
    return undefined;
  }
  if (edits.length === 0) return undefined;
  return { title: src.lang === 'py' ? l10n.t('Set httponly=True and secure=True on this cookie') : l10n.t('Add httpOnly: true, secure: true to this cookie'), edits };
}
