import { payloadJsonSchema } from './documentSchema';
import { editorSchema } from './editorSchema';
import { LATEST_SCHEMA_FILE, latestPayloadJsonSchema } from './latestRotate';

/**
 * The JSON schema files generated from the zod schemas (scripts/gen-schemas.mjs writes them; a unit test checks the
 * committed copies are current). The editor gets them without validating keywords (src/payloads/editorSchema.ts):
 * our own diagnostics report every rule, once, at error severity. Paths are relative to the extension root, as package.json's jsonValidation has them.
 */
export const GENERATED_SCHEMAS: ReadonlyArray<{ file: string; build: () => unknown; via: 'jsonValidation' | '$schema' }> = [
  { file: 'schemas/vendaze-app.schema.json', build: () => editorSchema(payloadJsonSchema()), via: 'jsonValidation' },
  // API 2026-07 rotate payloads name it in `$schema` (served by the vendaze-schema: content provider).
  { file: LATEST_SCHEMA_FILE, build: () => editorSchema(latestPayloadJsonSchema()), via: '$schema' },
];

/** The exact file text, so the freshness check compares bytes and a regenerated file has no spurious diff. */
export function schemaFileText(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
