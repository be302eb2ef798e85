import type * as DocumentSchema from './documentSchema';

let loaded: typeof DocumentSchema | undefined;

/** The payload document schema (zod), required from its own bundle on first use (docs/startup.md). */
export function payloadSchemas(): typeof DocumentSchema {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the lazy-load boundary (scripts/build.mjs)
  return (loaded ??= require('./documentSchema') as typeof DocumentSchema);
}
