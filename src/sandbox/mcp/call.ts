import { ERROR_MESSAGES, fieldsFromZodError, type ErrorCode } from '../../schemas/errors';
import type { SandboxContext } from '../context';
import type { Authorized } from '../resources';
import { createRow, deleteRow, getRow, listPage, listRows, updateRow } from './data';
import type { ToolSpec } from './tools';

/**
 * Runs one tools/call whose token, bucket and scope were already checked. Answers the MCP CallToolResult: the REST
 * body as structured content (and as text, for clients that only read text), or `isError` with the Vendaze error
 * envelope (not found, validation), so the model sees what went wrong and can correct itself.
 */

const ENTITY_NAMES = { people: 'Person', companies: 'Company', deals: 'Deal', tasks: 'Task', activities: 'Activity', custom_fields: 'Custom field', tags: 'Tag', products: 'Product' } as const;

export function callTool(ctx: SandboxContext, tool: ToolSpec, auth: Authorized, args: unknown, requestId: string): Record<string, unknown> {
  const parsed = tool.input.safeParse(args);
  if (!parsed.success) {
    const fields = fieldsFromZodError(parsed.error);
    const message = fields.body === ERROR_MESSAGES.noFieldsForUpdate ? ERROR_MESSAGES.noFieldsForUpdate : ERROR_MESSAGES.validationFailed;
    return failure(fields.body === ERROR_MESSAGES.noFieldsForUpdate ? 'bad_request' : 'validation_error', message, requestId, fields);
  }
  const input = parsed.data as Record<string, unknown>;
  const workspace = auth.grant.workspace_id;
  const notFound = () => failure('not_found', ERROR_MESSAGES.notFound(ENTITY_NAMES[tool.entity]), requestId);
  switch (tool.action) {
    case 'list':
      return success(listPage(listRows(ctx, tool.entity, workspace), input));
    case 'get': {
      const row = getRow(ctx, tool.entity, workspace, String(input.id));
      return row ? success({ data: row }) : notFound();
    }
    case 'create':
      return success({ data: createRow(ctx, tool.entity, workspace, input, auth.app.app_name) });
    case 'update': {
      const row = updateRow(ctx, tool.entity, workspace, String(input.id), input);
      return row ? success({ data: row }) : notFound();
    }
    case 'delete':
      return deleteRow(ctx, tool.entity, workspace, String(input.id)) ? success({ deleted: true, id: input.id }) : notFound();
  }
}

function success(body: Record<string, unknown>): Record<string, unknown> {
  return { content: [{ type: 'text', text: JSON.stringify(body) }], structuredContent: body, isError: false };
}

function failure(code: ErrorCode, message: string, requestId: string, fields?: Record<string, string>): Record<string, unknown> {
  const error: Record<string, unknown> = { code, message };
  if (fields) error.fields = fields;
  error.request_id = requestId;
  return { content: [{ type: 'text', text: JSON.stringify({ error }) }], isError: true };
}
