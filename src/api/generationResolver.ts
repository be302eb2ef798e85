import { generationRules, GENERATION_SETTING, resolveGeneration, type ApiGeneration, type ApiGenerationSetting, type ResolvedGeneration } from './generation';
import type { GenerationCache } from './generationCache';
import { probeGeneration } from './generationSignals';

/** The transport, required by the first probe (docs/startup.md). */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy-load boundary (scripts/build.mjs)
const transportModule = () => require('./transport') as typeof import('./transport');

/**
 * The extension's one answer to "which generation does this base URL speak?": the setting when it names one,
 * else what was detected (cached per base URL), else a side-effect-free probe, else the default. Pure over an
 * injected cache and setting reader, so the unit tier runs it against both sandbox generations.
 */
export class GenerationResolver {
  private readonly probing = new Map<string, Promise<ResolvedGeneration>>();
  private readonly listeners = new Set<(baseUrl: string) => void>();

  constructor(
    private readonly cache: GenerationCache,
    private readonly readSetting: () => ApiGenerationSetting,
    private readonly log: (line: string) => void = () => undefined,
    private readonly timeoutMs = 10_000,
  ) {}

  /** What is known now, without a request. */
  current(baseUrl: string): ResolvedGeneration {
    return resolveGeneration(this.readSetting(), this.cache.get(baseUrl));
  }

  /** As `current`, but probes once (DELETE delete-app with an empty body: nothing can change) when nothing is known. */
  ensure(baseUrl: string, signal?: AbortSignal): Promise<ResolvedGeneration> {
    const now = this.current(baseUrl);
    if (now.source !== 'default') return Promise.resolve(now);
    let running = this.probing.get(baseUrl);
    if (!running) {
      running = this.probe(baseUrl, signal).finally(() => this.probing.delete(baseUrl));
      this.probing.set(baseUrl, running);
    }
    return running;
  }

  /** Fires when what is known about a base URL changes (a menu may depend on it). */
  onDidChange(listener: (baseUrl: string) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Records evidence from a refusal or an answer; the setting still wins when it names a generation. */
  async learn(baseUrl: string, generation: ApiGeneration, signal: string): Promise<void> {
    const changed = await this.cache.set(baseUrl, generation, signal);
    if (changed) for (const listener of this.listeners) listener(baseUrl);
    if (changed) this.log(`${baseUrl} speaks API ${generationRules(generation).label} (${signal}); remembered for this base URL.`);
    const setting = this.readSetting();
    if (setting !== 'auto' && setting !== generation) {
      this.log(`${GENERATION_SETTING} says ${setting}, but ${baseUrl} answered like ${generation} (${signal}). Set it to "auto" or "${generation}".`);
    }
  }

  private async probe(baseUrl: string, signal?: AbortSignal): Promise<ResolvedGeneration> {
    const found = await probeGeneration(new (transportModule().Transport)({ baseUrl, timeoutMs: this.timeoutMs }), signal).catch(() => undefined);
    if (!found) {
      this.log(`Could not tell which API generation ${baseUrl} speaks; assuming ${generationRules(this.current(baseUrl).generation).label}. Set ${GENERATION_SETTING} to choose.`);
      return this.current(baseUrl);
    }
    await this.learn(baseUrl, found, 'DELETE /v1/auth/delete-app with an empty body');
    return this.current(baseUrl);
  }
}
