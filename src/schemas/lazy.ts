import type * as Schemas from './index';

let loaded: typeof Schemas | undefined;

/**
 * The zod schemas, required from their own bundle (with zod) the first time one is needed, so activation does not
 * pay for them (docs/startup.md). Call it where a schema is used, never at module level.
 */
export function schemas(): typeof Schemas {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the lazy-load boundary (scripts/build.mjs)
  return (loaded ??= require('./index') as typeof Schemas);
}
