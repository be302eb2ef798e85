import { randomUUID } from 'node:crypto';
import type { SandboxContext } from '../context';
import { newPerson, publicPerson } from '../resources';
import type { PersonRecord } from '../state';
import type { Entity } from './tools';

/**
 * The records the MCP tools read and change. People are the sandbox's own (persisted, shared with /v1/people);
 * the other entities have no REST surface in the sandbox yet, so they live in memory per sandbox, seeded with a few
 * fixtures per workspace the first time a workspace is touched. Every read is scoped to the token's workspace.
 */

export type Row = Record<string, unknown> & { id: string; workspace_id: string; created_at: string };

interface Extra {
  rows: Map<Entity, Row[]>;
  seeded: Set<string>;
}

const extras = new WeakMap<SandboxContext, Extra>();

function extraOf(ctx: SandboxContext): Extra {
  let extra = extras.get(ctx);
  if (!extra) {
    extra = { rows: new Map(), seeded: new Set() };
    extras.set(ctx, extra);
  }
  return extra;
}

function seed(ctx: SandboxContext, workspaceId: string): void {
  const extra = extraOf(ctx);
  if (extra.seeded.has(workspaceId)) return;
  extra.seeded.add(workspaceId);
  const at = ctx.nowIso();
  const row = (fields: Record<string, unknown>): Row => ({ id: randomUUID(), workspace_id: workspaceId, created_at: at, updated_at: at, ...fields });
  const pipeline = { id: randomUUID(), name: 'Sales' };
  const stage = { id: randomUUID(), name: 'Qualified', type: 'open' };
  const companies = [row({ full_name: 'Initech', emails: [{ email: 'hello@initech.example', type: 'work' }], phones: [] }), row({ full_name: 'Umbrella Ltda', emails: [], phones: [] })];
  const add = (entity: Entity, rows: Row[]) => extra.rows.set(entity, [...(extra.rows.get(entity) ?? []), ...rows]);
  add('companies', companies);
  add('deals', [
    row({ name: 'Initech renewal', currency: 'BRL', price_cts: 1_990_000, pipeline, stage, company_ids: [companies[0]!.id], person_ids: [] }),
    row({ name: 'Umbrella pilot', currency: 'USD', price_cts: 500_000, pipeline, stage, company_ids: [companies[1]!.id], person_ids: [] }),
  ]);
  add('tasks', [row({ title: 'Call Initech about the renewal', due_date: '2026-06-01T14:00:00Z', priority: 'high', completed: false })]);
  add('activities', [row({ entity: 'companies', target_id: companies[0]!.id, content_html: '<p>Kick-off meeting held.</p>', attachments_count: 0 })]);
  add('custom_fields', [row({ label: 'Segment', key: 'segment', type: 'select', show_people: false, show_companies: true, show_deals: false })]);
  add('tags', [row({ name: 'VIP', key: 'vip', color_text: '#FFFFFF', color_background: '#AA2200' })]);
  add('products', [row({ name: 'Annual plan', currency: 'BRL', price_cts: 199_00, billing_cycle: 'annually', is_active: true })]);
}

function nameOf(row: Record<string, unknown>): string {
  return String(row.full_name ?? row.name ?? row.title ?? row.label ?? '');
}

export function listRows(ctx: SandboxContext, entity: Entity, workspaceId: string): Array<Record<string, unknown>> {
  if (entity === 'people') return ctx.state.people.filter((p) => p.workspace_id === workspaceId).map((p) => ({ ...publicPerson(p) }));
  seed(ctx, workspaceId);
  return (extraOf(ctx).rows.get(entity) ?? []).filter((r) => r.workspace_id === workspaceId).map(publicRow);
}

export function listPage(rows: Array<Record<string, unknown>>, args: { page?: number; per_page?: number; query?: string; order?: 'asc' | 'desc' }) {
  const query = args.query?.toLowerCase();
  const sorted = rows
    .filter((r) => !query || nameOf(r).toLowerCase().includes(query))
    .sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)) || String(a.id).localeCompare(String(b.id)));
  if (args.order !== 'asc') sorted.reverse();
  const page = args.page ?? 1;
  const perPage = args.per_page ?? 50;
  return {
    data: sorted.slice((page - 1) * perPage, page * perPage),
    meta: { total: sorted.length, page, per_page: perPage, has_more: page * perPage < sorted.length },
  };
}

export function getRow(ctx: SandboxContext, entity: Entity, workspaceId: string, id: string): Record<string, unknown> | undefined {
  return listRows(ctx, entity, workspaceId).find((r) => r.id === id);
}

export function createRow(ctx: SandboxContext, entity: Entity, workspaceId: string, input: Record<string, unknown>, source: string): Record<string, unknown> {
  if (entity === 'people') {
    const person = newPerson(ctx, workspaceId, input as Parameters<typeof newPerson>[2], source);
    ctx.state.people.push(person);
    ctx.touch();
    return publicPerson(person);
  }
  seed(ctx, workspaceId);
  const at = ctx.nowIso();
  const row: Row = { ...input, id: randomUUID(), workspace_id: workspaceId, created_at: at, updated_at: at, source };
  // An activity's `id` argument names the record it belongs to; its own id is new.
  if (entity === 'activities') row.target_id = input.id;
  const rows = extraOf(ctx).rows;
  rows.set(entity, [...(rows.get(entity) ?? []), row]);
  return publicRow(row);
}

export function updateRow(ctx: SandboxContext, entity: Entity, workspaceId: string, id: string, fields: Record<string, unknown>): Record<string, unknown> | undefined {
  const { id: _id, ...changes } = fields;
  const target = entity === 'people' ? ctx.state.people.find((p) => p.id === id && p.workspace_id === workspaceId) : extraRow(ctx, entity, workspaceId, id);
  if (!target) return undefined;
  Object.assign(target, changes, { updated_at: ctx.nowIso() });
  ctx.touch();
  return entity === 'people' ? publicPerson(target as PersonRecord) : publicRow(target as Row);
}

export function deleteRow(ctx: SandboxContext, entity: Entity, workspaceId: string, id: string): boolean {
  if (entity === 'people') {
    const index = ctx.state.people.findIndex((p) => p.id === id && p.workspace_id === workspaceId);
    if (index === -1) return false;
    ctx.state.people.splice(index, 1);
    ctx.touch();
    return true;
  }
  const rows = extraOf(ctx).rows.get(entity) ?? [];
  const index = rows.findIndex((r) => r.id === id && r.workspace_id === workspaceId);
  if (index === -1) return false;
  rows.splice(index, 1);
  return true;
}

function extraRow(ctx: SandboxContext, entity: Entity, workspaceId: string, id: string): Row | undefined {
  seed(ctx, workspaceId);
  return (extraOf(ctx).rows.get(entity) ?? []).find((r) => r.id === id && r.workspace_id === workspaceId);
}

function publicRow(row: Row): Record<string, unknown> {
  const { workspace_id: _w, ...rest } = row;
  return structuredClone(rest);
}
