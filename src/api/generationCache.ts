import type { KeyValueStore } from '../storage/stores';
import { parseBaseUrl } from './baseUrl';
import { isApiGeneration, type ApiGeneration } from './generation';

/**
 * What was detected, per API base URL (normalised, so "https://x/" and "https://x" share an entry). Kept in
 * globalState: detection costs a request, and a base URL rarely changes generation. A later, stronger signal (a
 * refusal) simply overwrites the entry.
 */

export const GENERATION_CACHE_KEY = 'vendaze.apiGeneration.detected.v1';

interface Entry {
  generation: ApiGeneration;
  at: string;
  /** Which signal decided it, for the log and the docs. */
  signal: string;
}

export class GenerationCache {
  constructor(private readonly store: KeyValueStore) {}

  get(baseUrl: string): ApiGeneration | undefined {
    const entry = this.entries()[key(baseUrl)];
    return entry && isApiGeneration(entry.generation) ? entry.generation : undefined;
  }

  async set(baseUrl: string, generation: ApiGeneration, signal: string, now = new Date()): Promise<boolean> {
    const all = this.entries();
    const k = key(baseUrl);
    const changed = all[k]?.generation !== generation;
    all[k] = { generation, at: now.toISOString(), signal };
    await this.store.update(GENERATION_CACHE_KEY, all);
    return changed;
  }

  async forget(baseUrl: string): Promise<void> {
    const all = this.entries();
    delete all[key(baseUrl)];
    await this.store.update(GENERATION_CACHE_KEY, all);
  }

  private entries(): Record<string, Entry> {
    const raw = this.store.get<Record<string, Entry>>(GENERATION_CACHE_KEY);
    return raw && typeof raw === 'object' ? { ...raw } : {};
  }
}

function key(baseUrl: string): string {
  const parsed = parseBaseUrl(baseUrl);
  return parsed.ok ? parsed.url.toString().replace(/\/$/, '') : baseUrl.trim();
}
