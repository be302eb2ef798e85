import { payloadJsonSchema } from './documentSchema';

/**
 * The JSON schema files generated from the zod schemas (scripts/gen-schemas.mjs writes them; a unit test checks the
 * committed copies are current). Paths are relative to the extension root, as package.json's jsonValidation has them.
 */
export const GENERATED_SCHEMAS: ReadonlyArray<{ file: string; build: () => unknown }> = [
  { file: 'schemas/vendaze-app.schema.json', build: payloadJsonSchema },
];

/** The exact file text, so the freshness check compares bytes and a regenerated file has no spurious diff. */
export function schemaFileText(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
