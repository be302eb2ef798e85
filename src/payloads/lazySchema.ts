import type * as DocumentSchema from './documentSchema';

let loaded: typeof DocumentSchema | undefined;

/** The payload document schema (zod), required from its own bundle on first use (docs/startup.md). */
export function payloadSchemas(): typeof DocumentSchema {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the lazy-load boundary (scripts/build.mjs)
  return (loaded ??= require('./documentSchema') as typeof DocumentSchema);
}

let latest: typeof import('./latestRotate') | undefined;

/** The 2026-07 rotate payload (zod), required from its own bundle on first use (docs/startup.md). */
export function latestRotate(): typeof import('./latestRotate') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the lazy-load boundary (scripts/build.mjs)
  return (latest ??= require('./latestRotate') as typeof import('./latestRotate'));
}
