import { createHash, randomUUID } from 'node:crypto';
import { ERROR_MESSAGES, fieldsFromZodError } from '../schemas/errors';
import { ListQuerySchema, PER_PAGE_DEFAULT, PersonCreateSchema } from '../schemas/resources';
import type { Scope } from '../schemas/scopes';
import type { SandboxContext } from './context';
import { parseBody, type Exchange } from './http';
import { randomToken } from './jwt';
import type { AppRecord, GrantRecord, PersonRecord } from './state';

/** GET /v1/me and the people endpoints: enough resource surface to exercise a token. */

export interface Authorized {
  app: AppRecord;
  grant: GrantRecord;
  scopes: string[];
}

export function me(ctx: SandboxContext, ex: Exchange, auth: Authorized): void {
  const workspace = ctx.state.workspaces.find((w) => w.id === auth.grant.workspace_id);
  ex.json(200, { status: 'ok', workspace_slug: workspace?.slug ?? '' });
}

export function listPeople(ctx: SandboxContext, ex: Exchange, auth: Authorized): void {
  if (!hasScope(ex, auth, 'people:read')) return;
  const parsed = ListQuerySchema.safeParse(Object.fromEntries(ex.url.searchParams));
  if (!parsed.success) return ex.error('validation_error', ERROR_MESSAGES.validationFailed, { fields: fieldsFromZodError(parsed.error) });
  const q = parsed.data;
  const orderBy = q.order_by ?? 'created_at';
  if (!['created_at', 'updated_at', 'full_name'].includes(orderBy)) {
    return ex.error('validation_error', ERROR_MESSAGES.validationFailed, { fields: { order_by: 'order_by must be created_at, updated_at or full_name.' } });
  }
  const nameFilter = q.full_name?.toLowerCase();
  const emailFilter = q.email?.toLowerCase();
  const rows = ctx.state.people
    .filter((p) => p.workspace_id === auth.grant.workspace_id)
    .filter((p) => !nameFilter || p.full_name.toLowerCase().includes(nameFilter))
    .filter((p) => !emailFilter || p.emails.some((e) => e.email.toLowerCase() === emailFilter))
    .sort((a, b) => {
      const key = orderBy as 'created_at' | 'updated_at' | 'full_name';
      const cmp = a[key].localeCompare(b[key]) || a.id.localeCompare(b.id);
      return q.order === 'asc' ? cmp : -cmp;
    });
  const page = q.page ?? 1;
  const perPage = q.per_page ?? PER_PAGE_DEFAULT;
  const slice = rows.slice((page - 1) * perPage, page * perPage);
  ex.json(200, {
    data: slice.map(publicPerson),
    meta: { total: rows.length, page, per_page: perPage, has_more: page * perPage < rows.length },
  });
}

export function getPerson(ctx: SandboxContext, ex: Exchange, auth: Authorized, id: string): void {
  if (!hasScope(ex, auth, 'people:read')) return;
  // Other-workspace records answer 404, never 403 (spec section 8).
  const person = ctx.state.people.find((p) => p.id === id && p.workspace_id === auth.grant.workspace_id);
  if (!person) return ex.error('not_found', ERROR_MESSAGES.notFound('Person'));
  ex.json(200, { data: publicPerson(person) });
}

export async function createPerson(ctx: SandboxContext, ex: Exchange, auth: Authorized): Promise<void> {
  if (!hasScope(ex, auth, 'people:write')) return;
  const body = await parseBody(ex, false);
  if (!body.ok) return ex.error('bad_request', body.message);
  const key = ex.header('idempotency-key');
  const bodyHash = createHash('sha256').update(JSON.stringify(body.value)).digest('hex');
  if (key !== undefined) {
    if (key.length === 0 || key.length > 255) {
      return ex.error('validation_error', ERROR_MESSAGES.validationFailed, { fields: { 'Idempotency-Key': 'Idempotency-Key must be 1-255 characters.' } });
    }
    const seen = ctx.state.idempotency.find((i) => i.key === key && i.app_id === auth.app.id && i.expires_at > ctx.nowSeconds());
    if (seen) {
      if (seen.body_hash !== bodyHash) return ex.error('idempotency_conflict', 'This Idempotency-Key was already used with a different body.');
      return ex.json(seen.status, seen.body, { 'Idempotent-Replayed': 'true' });
    }
  }
  const parsed = PersonCreateSchema.safeParse(body.value);
  if (!parsed.success) return ex.error('validation_error', ERROR_MESSAGES.validationFailed, { fields: fieldsFromZodError(parsed.error) });
  const person = newPerson(ctx, auth.grant.workspace_id, parsed.data, auth.app.app_name);
  ctx.state.people.push(person);
  const answer = { data: publicPerson(person) };
  if (key !== undefined) {
    ctx.state.idempotency.push({ key, app_id: auth.app.id, body_hash: bodyHash, status: 201, body: answer, expires_at: ctx.nowSeconds() + 24 * 3600 });
  }
  ctx.touch();
  ex.json(201, answer);
}

export function newPerson(
  ctx: SandboxContext,
  workspaceId: string,
  input: { full_name: string; emails?: PersonRecord['emails']; phones?: PersonRecord['phones']; company_id?: string; position?: string; owner_email?: string; tags?: string[]; list_ids?: string[]; custom_fields?: PersonRecord['custom_fields'] },
  source: string,
): PersonRecord {
  const now = ctx.nowIso();
  return {
    id: randomUUID(),
    entity_id: randomToken(5).toLowerCase().replace(/[^a-z0-9]/g, '0').slice(0, 7),
    workspace_id: workspaceId,
    full_name: input.full_name,
    emails: input.emails ?? [],
    phones: input.phones ?? [],
    company_id: input.company_id ?? null,
    position: input.position ?? null,
    owner_email: input.owner_email ?? null,
    tags: input.tags ?? [],
    list_ids: input.list_ids ?? [],
    custom_fields: input.custom_fields ?? [],
    score: 0,
    source,
    created_at: now,
    updated_at: now,
  };
}

export function publicPerson(p: PersonRecord): Record<string, unknown> {
  const { workspace_id: _w, owner_email, ...rest } = p;
  return { ...rest, avatar_url: null, owner: owner_email ? { id: null, name: null, email: owner_email } : null };
}

function hasScope(ex: Exchange, auth: Authorized, scope: Scope): boolean {
  if (auth.scopes.includes(scope)) return true;
  ex.error('insufficient_scope', ERROR_MESSAGES.insufficientScope(scope));
  return false;
}
