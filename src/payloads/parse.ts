import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { PayloadKind, PayloadRequest } from './documentSchema';
import { latestRotate, payloadSchemas } from './lazySchema';
import { problemsFromZod, type PayloadProblem } from './ranges';

/**
 * Parses and validates a payload document's text. Pure: the editor glue turns `problems` into diagnostics, the
 * submit command sends `request` only when there are none.
 */

export type ParsedPayload =
  | { ok: true; request: PayloadRequest; root: Node }
  | { ok: false; problems: PayloadProblem[]; root?: Node; kind?: PayloadKind; value?: unknown };

// Keyed by printParseErrorCode names (ParseErrorCode is a const enum, unusable under isolatedModules).
const PARSE_MESSAGES: Readonly<Record<string, string>> = {
  InvalidSymbol: 'Invalid symbol.',
  InvalidNumberFormat: 'Invalid number.',
  PropertyNameExpected: 'Property name expected (in double quotes).',
  ValueExpected: 'Value expected.',
  ColonExpected: 'Colon expected.',
  CommaExpected: 'Comma expected.',
  CloseBraceExpected: 'Closing brace "}" expected.',
  CloseBracketExpected: 'Closing bracket "]" expected.',
  EndOfFileExpected: 'End of file expected: only one JSON value is allowed.',
  InvalidCommentToken: 'Comments are not allowed: the file is sent as JSON.',
  UnexpectedEndOfComment: 'Unterminated comment.',
  UnexpectedEndOfString: 'Unterminated string.',
  UnexpectedEndOfNumber: 'Unterminated number.',
  InvalidUnicode: 'Invalid unicode escape.',
  InvalidEscapeCharacter: 'Invalid escape character.',
  InvalidCharacter: 'Invalid character.',
};

export function parsePayload(text: string): ParsedPayload {
  const errors: ParseError[] = [];
  // Comments and trailing commas are errors: the body goes to Vendaze as strict JSON.
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
  if (errors.length > 0 || !root) {
    const problems: PayloadProblem[] = errors.map((e) => ({
      offset: e.offset,
      length: Math.max(e.length, 1),
      message: `Not valid JSON: ${PARSE_MESSAGES[printParseErrorCode(e.error)] ?? 'syntax error.'}`,
      path: [],
      code: 'json',
    }));
    if (problems.length === 0) problems.push({ offset: 0, length: 0, message: 'The payload is empty.', path: [], code: 'json' });
    return { ok: false, problems, root };
  }
  const value: unknown = getNodeValue(root);
  // The 2026-07 rotate payload ($api) has its own schema; both load on first use (docs/startup.md).
  const { isLatestPayload, latestWireBody, RotatePayloadLatestSchema } = latestRotate();
  if (isLatestPayload(value)) {
    const latest = RotatePayloadLatestSchema.safeParse(value);
    if (!latest.success) return { ok: false, problems: problemsFromZod(root, latest.error.issues), root, kind: kindOf(value), value };
    return { ok: true, request: { kind: 'rotate', api: '2026-07', body: latestWireBody(latest.data), scopes: latest.data.scopes }, root };
  }
  const { PayloadDocumentSchema, toRequest } = payloadSchemas();
  const result = PayloadDocumentSchema.safeParse(value);
  if (!result.success) {
    return { ok: false, problems: problemsFromZod(root, result.error.issues), root, kind: kindOf(value), value };
  }
  return { ok: true, request: toRequest(result.data), root };
}

function kindOf(value: unknown): PayloadKind | undefined {
  const kind = value && typeof value === 'object' ? (value as Record<string, unknown>).$kind : undefined;
  return kind === 'register' || kind === 'rotate' ? kind : undefined;
}

/**
 * The request as written, WITHOUT the local rules, for "Submit anyway": the local rules follow the older docs ([P])
 * and the live API accepts some things they refuse (e.g. PNG avatars), so the server gets the last word. Only the
 * minimum to address the request is required: an object, a known `$kind`, and a client_id string to rotate.
 */
export function unvalidatedRequest(value: unknown): PayloadRequest | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { $kind, $api, $schema: _schema, ...body } = value as Record<string, unknown>;
  if ($api === '2026-07' && $kind === 'rotate' && typeof body.client_id === 'string') {
    const { scopes: _scopes, ...wire } = body;
    return { kind: 'rotate', api: '2026-07', body: wire as never };
  }
  if ($kind === 'register') return { kind: 'register', body: body as never };
  if ($kind === 'rotate' && typeof body.client_id === 'string') return { kind: 'rotate', body: body as never };
  return undefined;
}
