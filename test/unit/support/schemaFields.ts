/** What the schema tests share. */
import type { z } from 'zod';
import { fieldsFromZodError } from '../../../src/schemas';

/** Parses and returns the 422-style fields map ({} when valid). */
export function fieldsOf(schema: z.ZodType, value: unknown): Record<string, string> {
  const result = schema.safeParse(value);
  return result.success ? {} : fieldsFromZodError(result.error);
}
