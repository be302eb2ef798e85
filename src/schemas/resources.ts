import { z } from 'zod';
import { typeError } from './app';

/** Resource payloads the extension touches: GET /v1/me, people list/create, pagination `meta`. Minimal on purpose. */

export const MeResponseSchema = z.looseObject({
  status: z.string(),
  workspace_slug: z.string().min(1),
});

export const PaginationMetaSchema = z.looseObject({
  total: z.number().int().nonnegative(),
  page: z.number().int().positive(),
  per_page: z.number().int().positive(),
  has_more: z.boolean(),
});

/** [P]: per_page max 100 everywhere. */
export const PER_PAGE_MAX = 100;
export const PER_PAGE_DEFAULT = 50;

export const ListQuerySchema = z.strictObject(
  {
    page: z.coerce.number({ error: 'page must be an integer >= 1.' }).int({ error: 'page must be an integer >= 1.' }).min(1, { error: 'page must be an integer >= 1.' }).optional(),
    per_page: z.coerce
      .number({ error: `per_page must be an integer between 1 and ${PER_PAGE_MAX}.` })
      .int({ error: `per_page must be an integer between 1 and ${PER_PAGE_MAX}.` })
      .min(1, { error: `per_page must be an integer between 1 and ${PER_PAGE_MAX}.` })
      .max(PER_PAGE_MAX, { error: `per_page must be at most ${PER_PAGE_MAX}.` })
      .optional(),
    order: z.enum(['asc', 'desc'], { error: 'order must be "asc" or "desc".' }).optional(),
    order_by: z.string().optional(),
    full_name: z.string().optional(),
    email: z.string().optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown filter(s): ${issue.keys.join(', ')}.` : undefined) },
);

export const PersonEmailSchema = z.strictObject({
  email: z.email({ error: 'email must be a valid email address.' }),
  type: z.enum(['personal', 'work', 'other'], { error: 'type must be personal, work or other.' }).optional(),
});

export const PersonPhoneSchema = z.strictObject({
  phone: z.string({ error: typeError('phone', 'a string') }).min(1, { error: 'phone must not be empty.' }),
  type: z.enum(['mobile', 'work', 'residential', 'other'], { error: 'type must be mobile, work, residential or other.' }).optional(),
});

export const PersonCreateSchema = z.strictObject(
  {
    full_name: z
      .string({ error: typeError('full_name', 'a string') })
      .min(1, { error: 'full_name must not be empty.' })
      .max(70, { error: 'full_name must be at most 70 characters.' }),
    emails: z.array(PersonEmailSchema).optional(),
    phones: z.array(PersonPhoneSchema).optional(),
    company_id: z.guid({ error: 'company_id must be a UUID.' }).optional(),
    position: z.string().max(100, { error: 'position must be at most 100 characters.' }).optional(),
    owner_email: z.email({ error: 'owner_email must be a valid email address.' }).optional(),
    tags: z.array(z.string().min(1).max(30, { error: 'Each tag key must be 1-30 characters.' })).optional(),
    list_ids: z.array(z.guid({ error: 'Each list id must be a UUID.' })).optional(),
    custom_fields: z
      .array(
        z.strictObject({
          field_key: z.string().min(1).max(35, { error: 'field_key must be at most 35 characters.' }),
          value: z.string({ error: typeError('value', 'a string') }),
        }),
      )
      .optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Unknown field(s): ${issue.keys.join(', ')}.`
        : issue.code === 'invalid_type'
          ? 'The body must be a JSON object.'
          : undefined,
  },
);

export const PersonSchema = z.looseObject({
  id: z.string(),
  full_name: z.string(),
  emails: z.array(z.looseObject({ email: z.string(), type: z.string().optional() })).optional(),
  phones: z.array(z.looseObject({ phone: z.string(), type: z.string().optional() })).optional(),
  position: z.string().nullable().optional(),
  created_at: z.string(),
  updated_at: z.string().optional(),
});

export const PeopleListResponseSchema = z.looseObject({ data: z.array(PersonSchema), meta: PaginationMetaSchema });
export const PersonResponseSchema = z.looseObject({ data: PersonSchema });

export type MeResponse = z.infer<typeof MeResponseSchema>;
export type PaginationMeta = z.infer<typeof PaginationMetaSchema>;
export type ListQuery = z.infer<typeof ListQuerySchema>;
export type PersonCreate = z.infer<typeof PersonCreateSchema>;
export type Person = z.infer<typeof PersonSchema>;
export type PeopleListResponse = z.infer<typeof PeopleListResponseSchema>;
export type PersonResponse = z.infer<typeof PersonResponseSchema>;
