import type { z } from 'zod';
import { SecretRedactor } from '../common/redact';
import { parseBaseUrl } from './baseUrl';
import { VendazeApiError } from './errors';
import { headerValue, parseRateLimit, type RateLimitInfo } from './headers';
import { DEFAULT_MAX_RESPONSE_BYTES, globalHttp, headerBag, readCappedBody, ResponseTooLargeError, type HttpLayer } from './http';
import { checkSecretHost, type ConfirmSecretHost } from './secretHost';
import { DOCUMENTED_RETRY_POLICY, decideRetry, isOutcomeUnknown, type RetryPolicy } from './retry';
import { classifyFailure, parseResponse } from './responses';

/**
 * The single door to the network: every Vendaze call goes through `Transport.send`, so base URL vetting (no
 * plain http off loopback), timeouts, cancellation, the User-Agent, rate-limit headers, response validation and
 * the retry rule (retry.ts: never repeat a request that may have spent a credential) are implemented exactly once.
 */

export const CLIENT_NAME = 'vendaze-vscode';
export const DEFAULT_TIMEOUT_MS = 30_000;

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** What the UI learns about every HTTP answer (status bar, log): never a body, never a header with a secret. */
export interface ResponseInfo {
  method: HttpMethod;
  path: string;
  status: number;
  requestId?: string;
  rateLimit?: RateLimitInfo;
  durationMs: number;
  /** 1 for the first try. */
  attempt: number;
  /** Set when the transport will retry this call after that many ms (429 Retry-After or a backoff, see retry.ts). */
  retryInMs?: number;
  /**
   * The app the call is about, when the call itself names it (the client_id of a token, rotate, revoke or delete
   * body, or of a register answer): the Activity view files the call under that app. Never a credential.
   */
  clientId?: string;
  /** The API base URL the call went to. */
  origin?: string;
}

export type ResponseListener = (info: ResponseInfo) => void;

/** Resolves after `ms`, rejects early if `signal` aborts. Injected by tests so retries cost no wall time. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface TransportOptions {
  /** vendaze.apiBaseUrl; vetted by parseBaseUrl (http only for loopback hosts). */
  baseUrl: string;
  /** Per HTTP request (connect + headers + body), not per retried call. */
  timeoutMs?: number;
  /** Extension version for the User-Agent `vendaze-vscode/<version>`. */
  version?: string;
  sleep?: Sleep;
  retryPolicy?: RetryPolicy;
  /** Shared with the logger so every secret a call carries is masked in errors and log lines alike. */
  redactor?: SecretRedactor;
  onResponse?: ResponseListener;
  /** How requests reach the network (host fetch in VS Code, undici + HTTPS_PROXY elsewhere); global fetch otherwise. */
  http?: HttpLayer;
  /** Largest response body read (default 1 MiB); a longer one fails as 'invalid_response' without growing memory. */
  maxResponseBytes?: number;
  /** Asked before a request carrying a secret goes to a host other than api.vendaze.com or loopback (secretHost.ts). */
  confirmSecretHost?: ConfirmSecretHost;
}

export interface SendOptions<S extends z.ZodType> {
  method: HttpMethod;
  /** API path starting with '/', e.g. /v1/me. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** JSON body. Use one of `json`, `form`, `raw`. */
  json?: unknown;
  /** application/x-www-form-urlencoded body; undefined values are left out. */
  form?: Record<string, string | undefined>;
  /** A body sent exactly as given (a user's payload file, already serialised). Wins over `json` and `form`. */
  raw?: { contentType: string; body: string };
  bearer?: string;
  headers?: Record<string, string>;
  /** Validates a 2xx body (an empty body is validated as `undefined`). */
  schema: S;
  /** The app the call is about (ResponseInfo.clientId), known up front or read from the validated answer. */
  clientId?: string | ((body: z.output<S>) => string | undefined);
  signal?: AbortSignal;
  timeoutMs?: number;
  /** false: surface every failure at once instead of applying the retry rule (retry.ts). */
  retry?: boolean;
  /** Values this call carries that must never appear in an error or log (client_secret, tokens, code, verifier). */
  secrets?: ReadonlyArray<string | undefined>;
}

export interface ApiResponse<T> {
  body: T;
  status: number;
  requestId?: string;
  rateLimit?: RateLimitInfo;
  /** How many retries it took (0 = first try). */
  retries: number;
}

export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export class Transport {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly redactor: SecretRedactor;
  private readonly baseProblem?: { message: string; userMessage: string };
  private readonly host: string;
  private readonly userAgent: string;
  private readonly sleep: Sleep;
  private readonly policy: RetryPolicy;
  /** How this transport reaches the network; shared by probes made on its behalf. */
  readonly http: HttpLayer;
  private readonly maxResponseBytes: number;
  private readonly listeners = new Set<ResponseListener>();
  private readonly confirmSecretHost?: ConfirmSecretHost;

  constructor(options: TransportOptions) {
    // A bad base URL is reported on the first call, as a 'config' error, rather than thrown here: the client is
    // built from settings at activation, and a typo in a setting must not break activation.
    const parsed = parseBaseUrl(options.baseUrl);
    this.baseUrl = parsed.ok ? parsed.url.toString().replace(/\/$/, '') : options.baseUrl;
    this.baseProblem = parsed.ok ? undefined : parsed;
    this.host = parsed.ok ? parsed.url.host : options.baseUrl;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.userAgent = `${CLIENT_NAME}/${options.version ?? 'dev'}`;
    this.sleep = options.sleep ?? realSleep;
    this.policy = options.retryPolicy ?? DOCUMENTED_RETRY_POLICY;
    this.redactor = options.redactor ?? new SecretRedactor();
    this.http = options.http ?? globalHttp();
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.confirmSecretHost = options.confirmSecretHost;
    if (options.onResponse) this.listeners.add(options.onResponse);
  }

  /** Subscribes to every HTTP answer (including error answers and retried ones). */
  onResponse(listener: ResponseListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  async send<S extends z.ZodType>(options: SendOptions<S>): Promise<ApiResponse<z.output<S>>> {
    for (const secret of options.secrets ?? []) this.redactor.add(secret);
    if (this.baseProblem) {
      throw new VendazeApiError({ kind: 'config', message: this.baseProblem.message, userDetail: this.baseProblem.userMessage, redactor: this.redactor });
    }
    // Nothing secret leaves for an unfamiliar host without the user's yes (secretHost.ts).
    await checkSecretHost(this.confirmSecretHost, this.baseUrl, options, this.redactor);
    // The retry rule (retry.ts) decides from the method, the path and an Idempotency-Key: a request that may have
    // been processed is repeated only when the server can safely see it twice.
    const request = { method: options.method, path: options.path, idempotencyKey: hasHeader(options.headers, 'idempotency-key') };
    for (let retries = 0; ; retries++) {
      this.throwIfCancelled(options);
      const outcome = await this.attempt(options, retries + 1);
      if (outcome.ok) return { ...outcome.response, retries };
      const error = isOutcomeUnknown(request, outcome.error) ? outcome.error.asOutcomeUnknown() : outcome.error;
      const decision = options.retry === false ? undefined : decideRetry(request, error, retries, this.policy);
      if (outcome.info) this.emit(decision?.retry ? { ...outcome.info, retryInMs: decision.delayMs } : outcome.info);
      if (!decision?.retry) throw error;
      try {
        await this.sleep(decision.delayMs, options.signal);
      } catch {
        this.throwIfCancelled(options);
      }
    }
  }

  private throwIfCancelled(options: SendOptions<z.ZodType>): void {
    if (options.signal?.aborted) {
      throw new VendazeApiError({
        kind: 'cancelled',
        message: 'Cancelled by the caller.',
        method: options.method,
        path: options.path,
        host: this.host,
        redactor: this.redactor,
      });
    }
  }

  private emit(info: ResponseInfo): void {
    for (const listener of this.listeners) {
      try {
        listener(info);
      } catch {
        // A broken UI listener must not fail an API call.
      }
    }
  }

  private url(options: SendOptions<z.ZodType>): string {
    const url = new URL(this.baseUrl + options.path);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  private requestHeaders(options: SendOptions<z.ZodType>): { headers: Record<string, string>; body?: string } {
    const headers: Record<string, string> = { 'user-agent': this.userAgent, accept: 'application/json', ...options.headers };
    if (options.bearer !== undefined) headers.authorization = `Bearer ${options.bearer}`;
    if (options.raw !== undefined) {
      headers['content-type'] = options.raw.contentType;
      return { headers, body: options.raw.body };
    }
    if (options.form !== undefined) {
      const form = new URLSearchParams();
      for (const [key, value] of Object.entries(options.form)) if (value !== undefined) form.set(key, value);
      headers['content-type'] = 'application/x-www-form-urlencoded';
      return { headers, body: form.toString() };
    }
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      return { headers, body: JSON.stringify(options.json) };
    }
    return { headers };
  }

  private async attempt<S extends z.ZodType>(
    options: SendOptions<S>,
    attempt: number,
  ): Promise<
    | { ok: true; response: Omit<ApiResponse<z.output<S>>, 'retries'> }
    | { ok: false; error: VendazeApiError; info?: ResponseInfo }
  > {
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const context = { method: options.method, path: options.path, host: this.host, timeoutMs, redactor: this.redactor };
    // One controller aborts the request for either reason; the flags say which one it was.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    const onCancel = () => controller.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', onCancel, { once: true });
    const started = Date.now();
    const url = this.url(options);
    try {
      const { headers, body } = this.requestHeaders(options);
      const response = await this.http.fetch(url, { method: options.method, headers, body, signal: controller.signal, redirect: 'manual' });
      const responseHeaders = headerBag(response);
      const requestId = headerValue(responseHeaders, 'x-request-id');
      const text = await readCappedBody(response, this.maxResponseBytes, () => controller.abort(new Error('response too large'))).catch(
        (error: unknown) => {
          if (!(error instanceof ResponseTooLargeError)) throw error;
          return new VendazeApiError({ ...context, kind: 'invalid_response', status: response.status, requestId, message: error.message });
        },
      );
      if (text instanceof VendazeApiError) return { ok: false, error: text };
      const rateLimit = parseRateLimit(responseHeaders);
      const info: ResponseInfo = {
        method: options.method,
        path: options.path,
        status: response.status,
        requestId,
        rateLimit,
        durationMs: Date.now() - started,
        attempt,
        origin: this.baseUrl,
        ...(typeof options.clientId === 'string' ? { clientId: options.clientId } : {}),
      };
      const parsed = parseResponse(options.schema, {
        status: response.status,
        headers: responseHeaders,
        text,
        requestId,
        context,
      });
      if (!parsed.ok) return { ok: false, error: parsed.error, info };
      if (typeof options.clientId === 'function') info.clientId = options.clientId(parsed.value as z.output<S>) ?? info.clientId;
      this.emit(info);
      return { ok: true, response: { body: parsed.value, status: response.status, requestId, rateLimit } };
    } catch (error) {
      const cancelled = options.signal?.aborted === true && !timedOut;
      const route = { proxy: this.http.proxyFor(new URL(url)), settings: this.http.settings };
      return { ok: false, error: classifyFailure(error, { ...context, ...route, cancelled, timedOut }) };
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onCancel);
    }
  }
}

function hasHeader(headers: Record<string, string> | undefined, name: string): boolean {
  return Object.entries(headers ?? {}).some(([key, value]) => key.toLowerCase() === name && value !== '');
}
