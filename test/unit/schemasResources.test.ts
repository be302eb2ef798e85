import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { ErrorEnvelopeSchema, MeResponseSchema, PeopleListResponseSchema, PersonCreateSchema, REDIRECT_URI_PATTERN, RegisterAppRequestSchema, RotateAppRequestSchema, SCOPES, fieldPath } from '../../src/schemas';
import { fieldsOf } from './support/schemaFields';

describe('errors and resources', () => {
  test('error envelope: documented example parses, unknown code and missing request_id tolerated', () => {
    const example = {
      error: { code: 'validation_error', message: 'Validation failed.', fields: { full_name: 'too long' }, request_id: '550e8400-e29b-41d4-a716-446655440000' },
    };
    assert.ok(ErrorEnvelopeSchema.safeParse(example).success);
    assert.ok(ErrorEnvelopeSchema.safeParse({ error: { code: 'teapot', message: 'x' } }).success);
    assert.equal(ErrorEnvelopeSchema.safeParse({ error: 'boom' }).success, false);
    assert.equal(ErrorEnvelopeSchema.safeParse({ data: {} }).success, false);
  });

  test('fieldPath formats nested paths', () => {
    assert.equal(fieldPath(['redirect_uris', 0]), 'redirect_uris[0]');
    assert.equal(fieldPath(['emails', 1, 'email']), 'emails[1].email');
    assert.equal(fieldPath([]), '');
  });

  test('GET /v1/me and people list shapes', () => {
    assert.ok(MeResponseSchema.safeParse({ status: 'ok', workspace_slug: 'acme-corp' }).success);
    assert.equal(MeResponseSchema.safeParse({ status: 'ok' }).success, false);
    const list = { data: [{ id: 'p1', full_name: 'Ana', created_at: '2026-05-26T14:00:00Z' }], meta: { total: 1, page: 1, per_page: 50, has_more: false } };
    assert.ok(PeopleListResponseSchema.safeParse(list).success);
    assert.equal(PeopleListResponseSchema.safeParse({ data: list.data }).success, false);
  });

  const badPeople: Array<[string, unknown, string, RegExp]> = [
    ['missing full_name', {}, 'full_name', /full_name is required/],
    ['71-char full_name', { full_name: 'x'.repeat(71) }, 'full_name', /at most 70/],
    ['bad email', { full_name: 'Ana', emails: [{ email: 'nope' }] }, 'emails[0].email', /valid email/],
    ['bad email type', { full_name: 'Ana', emails: [{ email: 'a@b.co', type: 'home' }] }, 'emails[0].type', /personal, work or other/],
    ['bad company_id', { full_name: 'Ana', company_id: '1' }, 'company_id', /UUID/],
    ['unknown field', { full_name: 'Ana', ranking: 3 }, 'body', /Unknown field/],
  ];
  for (const [name, body, key, message] of badPeople) {
    test(`person create: rejects ${name}`, () => assert.match(fieldsOf(PersonCreateSchema, body)[key] ?? '', message));
  }
  test('person create: accepts a full body', () => {
    const body = { full_name: 'Ana Lima', emails: [{ email: 'ana@acme.com', type: 'work' }], phones: [{ phone: '+5511999990001', type: 'mobile' }], position: 'CTO', tags: ['vip'] };
    assert.deepEqual(fieldsOf(PersonCreateSchema, body), {});
  });

  test('editor JSON schemas can be generated from the request schemas', () => {
    for (const schema of [RegisterAppRequestSchema, RotateAppRequestSchema]) {
      const json = z.toJSONSchema(schema) as { properties: Record<string, { pattern?: string; maxLength?: number; uniqueItems?: boolean; items?: { enum?: string[]; pattern?: string } }>; additionalProperties: boolean };
      assert.equal(json.properties.app_name?.maxLength, 100);
      assert.equal(json.properties.description?.maxLength, 500);
      assert.equal(json.properties.redirect_uris?.uniqueItems, true);
      assert.equal(json.properties.redirect_uris?.items?.pattern, REDIRECT_URI_PATTERN);
      assert.deepEqual(json.properties.scopes?.items?.enum, [...SCOPES]);
      assert.equal(json.additionalProperties, false);
    }
  });
});
