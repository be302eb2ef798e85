import { DEFAULT_RATE_LIMITS } from './rateLimit';
import type { Faults, FaultsPatch } from './types';

export function defaultFaults(): Faults {
  return {
    latencyMs: 0,
    fail500Next: 0,
    dropNext: 0,
    malformedNext: 0,
    fail500AfterNext: 0,
    dropAfterNext: 0,
    hangAfterNext: 0,
    faultPath: '',
    accessTokenTtlSeconds: 3600,
    refreshTokenTtlSeconds: 60 * 24 * 3600,
    // [P]: authorization codes live 5 minutes.
    codeTtlSeconds: 300,
    consentTtlSeconds: 600,
    rateLimits: structuredClone(DEFAULT_RATE_LIMITS),
  };
}

const NUMERIC_KEYS = [
  'latencyMs',
  'fail500Next',
  'dropNext',
  'malformedNext',
  'fail500AfterNext',
  'dropAfterNext',
  'hangAfterNext',
  'accessTokenTtlSeconds',
  'refreshTokenTtlSeconds',
  'codeTtlSeconds',
  'consentTtlSeconds',
] as const;

/**
 * Merges a patch (from options, setFaults or POST /_sandbox/faults) into the faults, checking types so a typo
 * in a JSON patch is an error and not a silently ignored setting.
 */
export function mergeFaults(current: Faults, patch: unknown): Faults {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new Error('Faults patch must be a JSON object.');
  const next = structuredClone(current);
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if ((NUMERIC_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Error(`${key} must be a number >= 0.`);
      (next as unknown as Record<string, number>)[key] = value;
    } else if (key === 'faultPath') {
      if (typeof value !== 'string') throw new Error('faultPath must be a string (a path prefix).');
      next.faultPath = value;
    } else if (key === 'rateLimits') {
      if (typeof value !== 'object' || value === null) throw new Error('rateLimits must be an object.');
      for (const [bucket, rule] of Object.entries(value as Record<string, unknown>)) {
        if (!(bucket in next.rateLimits)) throw new Error(`Unknown rate-limit bucket "${bucket}". Known: ${Object.keys(next.rateLimits).join(', ')}.`);
        const r = rule as Partial<{ limit: unknown; windowSeconds: unknown }>;
        const target = next.rateLimits[bucket as keyof Faults['rateLimits']];
        if (r.limit !== undefined) target.limit = positiveInt(r.limit, `${bucket}.limit`, 0);
        if (r.windowSeconds !== undefined) target.windowSeconds = positiveInt(r.windowSeconds, `${bucket}.windowSeconds`, 1);
      }
    } else {
      throw new Error(`Unknown fault "${key}". Known: ${[...NUMERIC_KEYS, 'faultPath', 'rateLimits'].join(', ')}.`);
    }
  }
  return next;
}

export type FaultAction = 'drop' | 'fail500' | 'malformed' | AfterCommitFault | undefined;

/** Faults that let the request be processed, then lose the answer (see Faults.fail500AfterNext). */
export type AfterCommitFault = 'fail500After' | 'dropAfter' | 'hangAfter';

const COUNTERS = [
  ['dropNext', 'drop'],
  ['fail500Next', 'fail500'],
  ['malformedNext', 'malformed'],
  ['dropAfterNext', 'dropAfter'],
  ['fail500AfterNext', 'fail500After'],
  ['hangAfterNext', 'hangAfter'],
] as const;

/** Consumes one counter if the request matches; faults before processing win over faults after it. */
export function takeFault(faults: Faults, path: string): FaultAction {
  if (path.startsWith('/_sandbox/')) return undefined;
  if (faults.faultPath && !path.startsWith(faults.faultPath)) return undefined;
  for (const [counter, action] of COUNTERS) {
    if (faults[counter] > 0) {
      faults[counter]--;
      return action;
    }
  }
  return undefined;
}

export function isAfterCommit(fault: FaultAction): fault is AfterCommitFault {
  return fault === 'fail500After' || fault === 'dropAfter' || fault === 'hangAfter';
}

export type { FaultsPatch };

function positiveInt(value: unknown, name: string, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}.`);
  return value;
}
