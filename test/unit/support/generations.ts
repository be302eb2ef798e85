import { describe } from 'node:test';
import type { ApiGeneration } from '../../../src/api/generation';
import type { LatestBehaviour } from '../../../src/sandbox/generation';

/**
 * The servers the client must work against: the 2026-05 ([P]) sandbox, and the 2026-07 ([L]) sandbox under each
 * reading of the points its docs leave open. Two 2026-07 cases cover every option value (strict: refuse, refuse,
 * removes-grant; lenient: ignore, ignore, keeps-grant). Suites call `forEachGeneration` instead of copying tests.
 */
export interface GenerationCase {
  name: string;
  api: ApiGeneration;
  latest?: LatestBehaviour;
}

export const GENERATION_CASES: readonly GenerationCase[] = [
  { name: '2026-05', api: '2026-05' },
  { name: '2026-07 strict', api: '2026-07', latest: { rotateScopes: 'refuse', extraParams: 'refuse', revokeExpired: 'removes-grant' } },
  { name: '2026-07 lenient', api: '2026-07', latest: { rotateScopes: 'ignore', extraParams: 'ignore', revokeExpired: 'keeps-grant' } },
];

export function forEachGeneration(body: (g: GenerationCase) => void): void {
  for (const g of GENERATION_CASES) describe(`API ${g.name}`, () => body(g));
}

export const isLatest = (g: GenerationCase): boolean => g.api === '2026-07';
