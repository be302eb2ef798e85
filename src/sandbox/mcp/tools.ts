import { z } from 'zod';
import { PersonCreateSchema } from '../../schemas/resources';
import type { Scope } from '../../schemas/scopes';
import type { RateLimits } from '../types';

/**
 * The tool catalog of Vendaze's MCP server as the sandbox serves it: 27 tools, each standing for one REST call,
 * so each names the scope and the per-app rate-limit bucket of that call. Input shapes are zod (the single source);
 * tools/list sends their JSON Schema.
 */

export type Entity = 'people' | 'companies' | 'deals' | 'tasks' | 'activities' | 'custom_fields' | 'tags' | 'products';
export type Action = 'list' | 'get' | 'create' | 'update' | 'delete';

export interface ToolSpec {
  name: string;
  entity: Entity;
  action: Action;
  scope: Scope;
  bucket: keyof RateLimits;
  description: string;
  input: z.ZodType;
}

const Id = z.strictObject({ id: z.string().min(1).max(64).describe('The record id (UUID).') });

const ListArgs = z.strictObject({
  page: z.number().int().min(1).optional().describe('Page number, from 1.'),
  per_page: z.number().int().min(1).max(100).optional().describe('Records per page (default 50, at most 100).'),
  query: z.string().max(200).optional().describe('Only records whose name contains this text (case-insensitive).'),
  order: z.enum(['asc', 'desc']).optional().describe('By created_at; newest first by default.'),
});

const CompanyCreate = PersonCreateSchema.omit({ company_id: true, position: true });
const CURRENCIES = ['BRL', 'USD', 'EUR', 'GBP'] as const;
const DealCreate = z.strictObject({
  name: z.string().min(1).max(70),
  currency: z.enum(CURRENCIES),
  price_cts: z.number().int().min(0).optional().describe('Amount in cents (19900 = 199.00).'),
  pipeline_id: z.string().optional().describe('Defaults to the workspace default pipeline.'),
  stage_id: z.string().optional().describe("Defaults to the pipeline's first stage."),
  person_ids: z.array(z.string()).max(50).optional(),
  company_ids: z.array(z.string()).max(50).optional(),
  forecast_date: z.iso.datetime().optional(),
});
const TaskCreate = z.strictObject({
  title: z.string().min(1).max(200),
  due_date: z.iso.datetime().describe('ISO 8601 UTC, e.g. 2026-05-26T14:00:00Z.'),
  notes: z.string().max(3000).optional(),
  priority: z.enum(['high', 'medium', 'low']).optional(),
  person_id: z.string().optional(),
  company_id: z.string().optional(),
  deal_id: z.string().optional(),
});
const ActivityCreate = z.strictObject({
  entity: z.enum(['people', 'companies', 'deals']),
  id: z.string().min(1).max(64).describe('The person, company or deal the activity belongs to.'),
  content_html: z.string().max(20_000).optional(),
});

/** update_* = id + at least one field of the create shape. */
function updateOf(create: z.ZodObject, extra: z.ZodRawShape = {}): z.ZodType {
  return z
    .strictObject({ id: Id.shape.id, ...create.partial().shape, ...extra })
    .refine((v) => Object.keys(v).length > 1, { message: 'No fields provided for update.' });
}

const NOUNS: Record<Entity, [singular: string, plural: string]> = {
  people: ['person', 'people'],
  companies: ['company', 'companies'],
  deals: ['deal', 'deals'],
  tasks: ['task', 'tasks'],
  activities: ['activity', 'activities'],
  custom_fields: ['custom field', 'custom_fields'],
  tags: ['tag', 'tags'],
  products: ['product', 'products'],
};

const BUCKET: Record<Action, keyof RateLimits> = { list: 'apiGet', get: 'apiGet', create: 'apiPost', update: 'apiPatch', delete: 'apiDelete' };

function tool(entity: Entity, action: Action, input: z.ZodType): ToolSpec {
  const [one, many] = NOUNS[entity];
  const name = action === 'list' ? `list_${many}` : `${action}_${one.replace(' ', '_')}`;
  const scope = `${entity}:${action === 'list' || action === 'get' ? 'read' : 'write'}` as Scope;
  const what = {
    list: `List ${many.replace('_', ' ')} in the signed-in workspace (paginated).`,
    get: `Get one ${one} by id.`,
    create: `Create a ${one}.`,
    update: `Update a ${one} (only the fields given change).`,
    delete: `Delete a ${one}.`,
  }[action];
  return { name, entity, action, scope, bucket: BUCKET[action], description: `${what} Needs the ${scope} scope.`, input };
}

function crud(entity: Entity, create: z.ZodObject, extraUpdate?: z.ZodRawShape): ToolSpec[] {
  return [
    tool(entity, 'list', ListArgs),
    tool(entity, 'get', Id),
    tool(entity, 'create', create),
    tool(entity, 'update', updateOf(create, extraUpdate)),
    tool(entity, 'delete', Id),
  ];
}

export const TOOLS: readonly ToolSpec[] = [
  ...crud('people', PersonCreateSchema),
  ...crud('companies', CompanyCreate),
  ...crud('deals', DealCreate),
  ...crud('tasks', TaskCreate, { completed: z.boolean().optional() }),
  tool('activities', 'list', ListArgs),
  tool('activities', 'get', Id),
  tool('activities', 'create', ActivityCreate),
  tool('activities', 'delete', Id),
  tool('custom_fields', 'list', ListArgs),
  tool('tags', 'list', ListArgs),
  tool('products', 'list', ListArgs),
];

export const TOOLS_BY_NAME: ReadonlyMap<string, ToolSpec> = new Map(TOOLS.map((t) => [t.name, t]));

/** The tools/list entry: JSON Schema from zod, and the MCP annotations clients use to tell reads from writes. */
export function describeTool(t: ToolSpec): Record<string, unknown> {
  const { $schema: _s, ...inputSchema } = z.toJSONSchema(t.input, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const readOnly = t.action === 'list' || t.action === 'get';
  return {
    name: t.name,
    description: t.description,
    inputSchema,
    annotations: { readOnlyHint: readOnly, destructiveHint: t.action === 'delete' || t.action === 'update', idempotentHint: readOnly || t.action === 'delete' },
  };
}
