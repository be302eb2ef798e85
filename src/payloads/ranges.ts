import { findNodeAtLocation, type JSONPath, type Node } from 'jsonc-parser';
import type { z } from 'zod';
import { l10n } from '../common/l10n';
import { localizedIssueMessage } from './zodMessages';

/**
 * Where in the document a problem belongs. Zod issues and the server's 422 `fields` both name a path
 * (["redirect_uris", 1] / "redirect_uris[1]"); this finds the JSON node for it so the diagnostic sits on the
 * offending value, not on line 1.
 */

export interface TextSpan {
  offset: number;
  length: number;
}

export interface PayloadProblem extends TextSpan {
  message: string;
  /** Path of the field the problem is about ([] = the whole document). */
  path: JSONPath;
  /** zod issue code, a JSON parse error name, or "server" for a 422 field. */
  code: string;
}

/**
 * The value node at `path`; when it does not exist (a missing required field), the opening brace/bracket of the
 * nearest ancestor that does, which is where VS Code's own JSON validation reports missing properties too.
 */
export function spanForPath(root: Node | undefined, path: JSONPath): TextSpan {
  if (!root) return { offset: 0, length: 0 };
  // The whole document: its first character, not a squiggle over every line.
  if (path.length === 0) return { offset: root.offset, length: 1 };
  const node = findNodeAtLocation(root, path);
  if (node) return { offset: node.offset, length: node.length };
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const ancestor = findNodeAtLocation(root, path.slice(0, depth));
    if (ancestor) return { offset: ancestor.offset, length: 1 };
  }
  return { offset: root.offset, length: 1 };
}

/** The key of property `name` in the object at `objectPath` (e.g. an unknown field's name). */
export function spanForKey(root: Node | undefined, objectPath: JSONPath, name: string): TextSpan | undefined {
  const object = root && findNodeAtLocation(root, objectPath);
  const property = object?.children?.find((p) => p.type === 'property' && p.children?.[0]?.value === name);
  const key = property?.children?.[0];
  return key ? { offset: key.offset, length: key.length } : undefined;
}

export function problemsFromZod(root: Node | undefined, issues: readonly z.core.$ZodIssue[]): PayloadProblem[] {
  const problems: PayloadProblem[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      // One problem per unknown key, on the key itself: the object-level issue would otherwise cover the whole file.
      for (const key of issue.keys) {
        const span = spanForKey(root, path, key) ?? spanForPath(root, path);
        // The key alone: the schema's own message lists every unknown key of the object, in English.
        problems.push({ ...span, message: l10n.t('Unknown field "{0}": it is not part of this request.', key), path: [...path, key], code: issue.code });
      }
      continue;
    }
    problems.push({ ...spanForPath(root, path), message: localizedIssueMessage(root, issue, path), path, code: issue.code });
  }
  return problems;
}

/** "redirect_uris[1]" -> ["redirect_uris", 1]; "emails[0].email" -> ["emails", 0, "email"]; "body" / "" -> []. */
export function parseFieldPath(field: string): JSONPath {
  if (field === '' || field === 'body') return [];
  const path: JSONPath = [];
  for (const match of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    path.push(match[2] !== undefined ? Number(match[2]) : match[1]);
  }
  return path;
}

/** A 422 answer's `fields` map, placed on the document like local problems (code "server"). */
export function problemsFromFields(root: Node | undefined, fields: Readonly<Record<string, string>>): PayloadProblem[] {
  return Object.entries(fields).map(([field, message]) => {
    const path = parseFieldPath(field);
    return { ...spanForPath(root, path), message: `Vendaze: ${message}`, path, code: 'server' };
  });
}
