/** Small bounded scanners over masked code: a call's argument list, its top-level arguments, line windows. */
import { skipString, type SourceModel } from './source';

/** How far a call's closing parenthesis is looked for: further than this is not one call we can reason about. */
export const MAX_CALL = 3000;

/** Offset of the bracket closing the one at `open` (`(`, `[` or `{`), or -1 if not within MAX_CALL. */
export function closingBracket(code: string, open: number, limit = MAX_CALL): number {
  const stop = Math.min(code.length, open + limit);
  let depth = 0;
  for (let i = open; i < stop; i++) {
    const c = code[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i;
    } else if (c === '"' || c === "'" || c === '`') {
      i = skipString(code, i, c) - 1;
    }
  }
  return -1;
}

export interface Span {
  start: number;
  end: number;
}

/** Top-level comma-separated pieces between `start` and `end` (exclusive), trimmed. */
export function splitArgs(code: string, start: number, end: number): Span[] {
  const spans: Span[] = [];
  let depth = 0;
  let from = start;
  for (let i = start; i < end; i++) {
    const c = code[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === '"' || c === "'" || c === '`') i = skipString(code, i, c) - 1;
    else if (c === ',' && depth === 0) {
      spans.push(trim(code, from, i));
      from = i + 1;
    }
  }
  const last = trim(code, from, end);
  if (last.end > last.start || spans.length > 0) spans.push(last);
  return spans.filter((s) => s.end > s.start);
}

function trim(code: string, start: number, end: number): Span {
  while (start < end && /\s/.test(code[start]!)) start++;
  while (end > start && /\s/.test(code[end - 1]!)) end--;
  return { start, end };
}

/** `s` with the contents of string literals blanked, except `${…}` inside templates (code, not prose). */
export function blankStrings(s: string): string {
  const out: string[] = [];
  let i = 0;
  const quote = /["'`]/g;
  while (i < s.length) {
    quote.lastIndex = i;
    const q = quote.exec(s);
    if (!q) {
      out.push(s.slice(i));
      break;
    }
    out.push(s.slice(i, q.index));
    i = q.index;
    const c = s[i]!;
    const end = skipString(s, i, c);
    const body = s.slice(i + 1, Math.max(i + 1, end - 1));
    // Interpolations are code: `${x}` (JS), f"{x}" (Python), "#{x}" (Ruby), "$x" / "{$x}" (PHP).
    const fString = (s[i - 1] === 'f' || s[i - 1] === 'F') && !/\w/.test(s[i - 2] ?? ' ');
    const keep = c === '`' ? /\$\{([^{}]*)\}|[^\n]/g : fString ? /\{([^{}]*)\}|[^\n]/g : c === '"' ? /#\{([^{}]*)\}|\{?(\$\w+)\}?|[^\n]/g : /[^\n]/g;
    const groups = c === '"' && !fString ? 2 : c === "'" && !fString ? 0 : 1;
    out.push(c + body.replace(keep, (m: string, ...rest: unknown[]) => {
      const expr = rest.slice(0, groups).find((g): g is string => typeof g === 'string');
      return expr === undefined ? ' ' : ' '.repeat(m.indexOf(expr)) + expr + ' '.repeat(m.length - m.indexOf(expr) - expr.length);
    }) + (end - 1 > i && s[end - 1] === c ? c : ''));
    i = end;
  }
  return out.join('');
}

/** The offsets of lines `[line - before, line + after]` around `offset`. */
export function lineWindow(src: SourceModel, offset: number, before: number, after: number): Span {
  const line = src.lines.positionAt(offset).line;
  const first = Math.max(0, line - before);
  const last = Math.min(src.lines.lineCount - 1, line + after);
  const start = offsetOfLine(src, first);
  const end = last + 1 < src.lines.lineCount ? offsetOfLine(src, last + 1) : src.text.length;
  return { start, end };
}

export function offsetOfLine(src: SourceModel, line: number): number {
  return line >= src.lines.lineCount ? src.text.length : src.lines.startOf(line);
}

/** The line containing `offset`: [start, end) without its newline. */
export function lineSpan(text: string, offset: number): Span {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  return { start, end: nl < 0 ? text.length : nl };
}

/** Every match of a global regexp, bounded in count so a hostile file cannot make a check quadratic. */
export function* matches(re: RegExp, text: string, limit = 500): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  let count = 0;
  for (let m = re.exec(text); m && count < limit; m = re.exec(text), count++) {
    yield m;
    if (m[0].length === 0) re.lastIndex++;
  }
}
