import { DEFAULT_RATE_LIMITS } from './rateLimit';
import type { Faults, FaultsPatch } from './types';

export function defaultFaults(): Faults {
  return {
    latencyMs: 0,
    fail500Next: 0,
    dropNext: 0,
    malformedNext: 0,
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

export type FaultAction = 'drop' | 'fail500' | 'malformed' | undefined;

/** Consumes one counter if the request matches; drop wins over 500 wins over malformed. */
export function takeFault(faults: Faults, path: string): FaultAction {
  if (path.startsWith('/_sandbox/')) return undefined;
  if (faults.faultPath && !path.startsWith(faults.faultPath)) return undefined;
  if (faults.dropNext > 0) {
    faults.dropNext--;
    return 'drop';
  }
  if (faults.fail500Next > 0) {
    faults.fail500Next--;
    return 'fail500';
  }
  if (faults.malformedNext > 0) {
    faults.malformedNext--;
    return 'malformed';
  }
  return undefined;
}

export type { FaultsPatch };

function positiveInt(value: unknown, name: string, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}.`);
  return value;
}
