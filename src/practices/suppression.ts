/**
 * `vendaze:allow` for practice findings, following the leak detector's convention (src/detector/suppression.ts):
 * the marker counts on the finding's line, or on a comment-only line just above. A bare `vendaze:allow`
 * suppresses everything on its line; `vendaze:allow <rule>[, <rule>]` (full id or short name) only those rules.
 */
import { SUPPRESSION_MARKER } from '../detector/suppression';
import { practiceNameOf, type PracticeName } from './catalog';
import type { Lang } from './source';

const COMMENT_ONLY = /^[ \t]*(?:\/\/|#|\/\*|\*|<!--)/;
const RULE_LIST = /^[ \t]*:?[ \t]*((?:vendaze\/practice\/)?[a-z][a-z-]*(?:[ \t]*,[ \t]*(?:vendaze\/practice\/)?[a-z][a-z-]*)*)/;

/** Which practice rules a line's marker allows: 'all', a set, or none. */
export function allowedOnLine(line: string): 'all' | Set<PracticeName> | undefined {
  const at = line.indexOf(SUPPRESSION_MARKER);
  if (at < 0) return undefined;
  const list = RULE_LIST.exec(line.slice(at + SUPPRESSION_MARKER.length, at + SUPPRESSION_MARKER.length + 300));
  const names = list ? list[1]!.split(',').map((s) => practiceNameOf(s.trim())) : [];
  if (names.length === 0 || names.some((n) => n === undefined)) return 'all';
  return new Set(names as PracticeName[]);
}

export function isPracticeSuppressed(text: string, start: number, name: PracticeName): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', start);
  const line = text.slice(lineStart, nl < 0 ? text.length : Math.min(nl, lineStart + 4000));
  const allows = (l: string): boolean => {
    const allowed = allowedOnLine(l);
    return allowed === 'all' || (allowed !== undefined && allowed.has(name));
  };
  if (allows(line)) return true;
  if (lineStart === 0) return false;
  const previousStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  const previous = text.slice(previousStart, lineStart - 1);
  return COMMENT_ONLY.test(previous) && allows(previous);
}

const LINE_COMMENT: Partial<Record<Lang, string>> = { js: '//', go: '//', php: '//', py: '#', rb: '#', env: '#', config: '#' };

/** The edit that appends `vendaze:allow <rule>` to the finding's line, or undefined where comments do not exist. */
export function suppressEdit(text: string, fileName: string, lang: Lang, start: number, name: PracticeName): { start: number; end: number; newText: string } | undefined {
  let leader = LINE_COMMENT[lang];
  if (lang === 'config' && /\.json$/i.test(fileName)) leader = undefined;
  if (!leader) return undefined;
  const nl = text.indexOf('\n', start);
  let end = nl < 0 ? text.length : nl;
  if (text[end - 1] === '\r') end--;
  return { start: end, end, newText: ` ${leader} ${SUPPRESSION_MARKER} vendaze/practice/${name}` };
}
