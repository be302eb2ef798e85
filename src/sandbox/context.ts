import type { ApiGeneration } from '../api/generation';
import { defaultFaults, mergeFaults } from './faults';
import { DEFAULT_LATEST_BEHAVIOUR, LATEST_CODE_TTL_SECONDS, SANDBOX_DEFAULT_API, type LatestBehaviour } from './generation';
import { composeCredentialsMail, mailLogLines } from './mailbox';
import { saveState } from './persistence';
import { RateLimiter } from './rateLimit';
import { pruneExpired, type AppRecord, type StateData } from './state';
import type { AutoApprove, Faults, FaultsPatch, MailMessage, RequestLogEntry } from './types';

/** Everything handlers share: state, clock, faults, limits, persistence and the log. */
export class SandboxContext {
  faults: Faults;
  readonly api: ApiGeneration;
  readonly latest: LatestBehaviour;
  autoApprove: AutoApprove;
  readonly limiter = new RateLimiter();
  readonly requests: RequestLogEntry[] = [];
  baseUrl = '';
  private clockOffsetMs = 0;
  private dirty = false;

  constructor(
    readonly state: StateData,
    readonly options: {
      stateFile?: string;
      log?: (line: string) => void;
      autoApprove?: AutoApprove;
      faults?: FaultsPatch;
      revokeGrantOnRefreshReuse?: boolean;
      allowedHosts?: string[];
      api?: ApiGeneration;
      latest?: Partial<LatestBehaviour>;
    },
  ) {
    this.api = options.api ?? SANDBOX_DEFAULT_API;
    this.latest = { ...DEFAULT_LATEST_BEHAVIOUR, ...(options.latest ?? {}) };
    // [L] codes live 10 minutes; an explicit codeTtlSeconds fault still wins.
    const base = this.isLatest ? { ...defaultFaults(), codeTtlSeconds: LATEST_CODE_TTL_SECONDS } : defaultFaults();
    this.faults = mergeFaults(base, options.faults ?? {});
    this.autoApprove = options.autoApprove ?? false;
  }

  get isLatest(): boolean {
    return this.api === '2026-07';
  }

  get revokeGrantOnRefreshReuse(): boolean {
    return this.options.revokeGrantOnRefreshReuse ?? true;
  }

  nowMs(): number {
    return Date.now() + this.clockOffsetMs;
  }

  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  nowIso(): string {
    return new Date(this.nowMs()).toISOString();
  }

  advanceClock(seconds: number): void {
    this.clockOffsetMs += seconds * 1000;
  }

  log(line: string): void {
    this.options.log?.(line);
  }

  /** Marks the state changed; the server saves once the answer is written. */
  touch(): void {
    this.dirty = true;
  }

  saveIfDirty(): void {
    if (!this.dirty || !this.options.stateFile) return;
    this.dirty = false;
    pruneExpired(this.state, this.nowSeconds());
    try {
      saveState(this.options.stateFile, this.state);
    } catch (error) {
      this.log(`[sandbox] could not save state to ${this.options.stateFile}: ${(error as Error).message}`);
    }
  }

  sendCredentials(app: AppRecord, secret: string, kind: MailMessage['kind']): MailMessage {
    const message = composeCredentialsMail({
      link: this.isLatest ? { baseUrl: this.baseUrl } : undefined,
      to: app.email,
      appName: app.app_name,
      clientId: app.client_id,
      clientSecret: secret,
      kind,
      now: new Date(this.nowMs()),
    });
    this.state.mailbox.push(message);
    this.touch();
    this.log(mailLogLines(message));
    return message;
  }

  record(entry: RequestLogEntry): void {
    this.requests.push(entry);
    if (this.requests.length > 1000) this.requests.splice(0, this.requests.length - 1000);
  }

  setFaults(patch: FaultsPatch | unknown): Faults {
    this.faults = mergeFaults(this.faults, patch);
    return structuredClone(this.faults);
  }
}
