import { l10n } from '../common/l10n';
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

// Keyed by printParseErrorCode names (ParseErrorCode is a const enum, unusable under isolatedModules). Functions, so
// the text is translated when shown (l10n.t needs the literal at the call).
const PARSE_MESSAGES: Readonly<Record<string, () => string>> = {
  InvalidSymbol: () => l10n.t('Invalid symbol.'),
  InvalidNumberFormat: () => l10n.t('Invalid number.'),
  PropertyNameExpected: () => l10n.t('Property name expected (in double quotes).'),
  ValueExpected: () => l10n.t('Value expected.'),
  ColonExpected: () => l10n.t('Colon expected.'),
  CommaExpected: () => l10n.t('Comma expected.'),
  CloseBraceExpected: () => l10n.t('Closing brace "}" expected.'),
  CloseBracketExpected: () => l10n.t('Closing bracket "]" expected.'),
  EndOfFileExpected: () => l10n.t('End of file expected: only one JSON value is allowed.'),
  InvalidCommentToken: () => l10n.t('Comments are not allowed: the file is sent as JSON.'),
  UnexpectedEndOfComment: () => l10n.t('Unterminated comment.'),
  UnexpectedEndOfString: () => l10n.t('Unterminated string.'),
  UnexpectedEndOfNumber: () => l10n.t('Unterminated number.'),
  InvalidUnicode: () => l10n.t('Invalid unicode escape.'),
  InvalidEscapeCharacter: () => l10n.t('Invalid escape character.'),
  InvalidCharacter: () => l10n.t('Invalid character.'),
};

export function parsePayload(text: string): ParsedPayload {
  const errors: ParseError[] = [];
  // Comments and trailing commas are errors: the body goes to Vendaze as strict JSON.
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
  if (errors.length > 0 || !root) {
    const problems: PayloadProblem[] = errors.map((e) => ({
      offset: e.offset,
      length: Math.max(e.length, 1),
      message: l10n.t('Not valid JSON: {0}', PARSE_MESSAGES[printParseErrorCode(e.error)]?.() ?? l10n.t('syntax error.')),
      path: [],
      code: 'json',
    }));
    if (problems.length === 0) problems.push({ offset: 0, length: 0, message: l10n.t('The payload is empty.'), path: [], code: 'json' });
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
