import type { z } from 'zod';
import { describeError } from '../common/logger';
import type { SecretRedactor } from '../common/redact';
import { schemas } from '../schemas/lazy';
import { VendazeApiError } from './errors';
import { headerValue, parseRateLimit, parseRetryAfter, type HeaderBag } from './headers';
import type { NetworkSettings } from './http';
import { describeNetworkFailure, errorCode } from './networkErrors';

/**
 * Turning what came off the wire into a value or a VendazeApiError. A 2xx body must match the schema; a non-2xx
 * body should be the documented envelope, but a gateway's HTML page still yields a usable 'http' error (status
 * and X-Request-ID), never a crash.
 */

export interface CallContext {
  method: string;
  path: string;
  host: string;
  timeoutMs: number;
  redactor: SecretRedactor;
}

export interface RawResponse {
  status: number;
  headers: HeaderBag;
  text: string;
  requestId?: string;
  context: CallContext;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: VendazeApiError };

const MAX_REPORTED_ISSUES = 3;

export function parseResponse<S extends z.ZodType>(schema: S, raw: RawResponse): Parsed<z.output<S>> {
  const json = parseJson(raw.text);
  if (raw.status >= 200 && raw.status < 300) return parseSuccess(schema, raw, json);
  return { ok: false, error: httpError(raw, json) };
}

function parseSuccess<S extends z.ZodType>(schema: S, raw: RawResponse, json: JsonResult): Parsed<z.output<S>> {
  const invalid = (message: string) => ({
    ok: false as const,
    error: new VendazeApiError({ ...raw.context, kind: 'invalid_response', status: raw.status, requestId: raw.requestId, message }),
  });
  if (!json.ok) return invalid(`HTTP ${raw.status} body is not JSON (${describeBody(raw)})`);
  if (isObject(json.value) && 'error' in json.value) {
    return invalid(`HTTP ${raw.status} carries an "error" member, which a 2xx answer never has`);
  }
  const result = schema.safeParse(json.value);
  if (!result.success) return invalid(describeIssues(result.error));
  return { ok: true, value: result.data };
}

function httpError(raw: RawResponse, json: JsonResult): VendazeApiError {
  const envelope = json.ok ? schemas().ErrorEnvelopeSchema.safeParse(json.value) : undefined;
  const body = envelope?.success ? envelope.data.error : undefined;
  const retryAfterSeconds = raw.status === 429 ? retryAfter(raw.headers) : undefined;
  return new VendazeApiError({
    ...raw.context,
    kind: 'http',
    status: raw.status,
    code: body?.code,
    message: body?.message ?? `HTTP ${raw.status} without the documented error envelope (${describeBody(raw)})`,
    fields: body?.fields ? normaliseFields(body.fields) : undefined,
    // The header is the one the docs promise on every response; the body copy covers a proxy that strips it.
    requestId: raw.requestId ?? body?.request_id,
    retryAfterSeconds,
  });
}

/** Retry-After, or failing that the X-RateLimit-Reset it implies. */
function retryAfter(headers: HeaderBag): number | undefined {
  const now = Date.now();
  const explicit = parseRetryAfter(headerValue(headers, 'retry-after'), now);
  if (explicit !== undefined) return explicit;
  const resetAt = parseRateLimit(headers, now)?.resetAt;
  return resetAt ? Math.max(0, Math.ceil((resetAt.getTime() - now) / 1000)) : undefined;
}

function normaliseFields(fields: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Array.isArray(v) ? v.join(' ') : v]));
}

/** "data.client_id: expected string, received undefined; data.message: ..." — names the fields that were off. */
export function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => {
    const path = issue.path.length ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[') : '(body)';
    return `${path}: ${issue.message}`;
  });
  const more = error.issues.length > MAX_REPORTED_ISSUES ? ` (+${error.issues.length - MAX_REPORTED_ISSUES} more)` : '';
  return `response does not match the expected shape: ${parts.join('; ')}${more}`;
}

/** Content type and size only: a body that failed to parse may still hold a token, so it is never quoted. */
function describeBody(raw: RawResponse): string {
  const type = headerValue(raw.headers, 'content-type') ?? 'no content-type';
  return raw.text.length === 0 ? `${type}, empty` : `${type}, ${Buffer.byteLength(raw.text)} bytes`;
}

type JsonResult = { ok: true; value: unknown } | { ok: false };

function parseJson(text: string): JsonResult {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Socket/DNS failures that happen before a byte of the request left: the server cannot have acted on them. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/** How the request was routed, for the network error messages (see networkErrors.ts). */
export interface RouteContext {
  proxy?: string;
  settings?: NetworkSettings;
}

/** Maps a thrown fetch/socket error to the error kinds; `outcomeUnknown` when a state-changing call may have landed. */
export function classifyFailure(
  error: unknown,
  context: CallContext & RouteContext & { cancelled: boolean; timedOut: boolean },
): VendazeApiError {
  const { cancelled, timedOut, proxy, settings = 'env', ...call } = context;
  const code = errorCode(error);
  const known = describeNetworkFailure(error, { host: call.host, proxy, settings });
  const connected = !(known?.notSent || (code && NOT_SENT_CODES.has(code)));
  const base = { ...call, cause: error, connected, outcomeUnknown: connected && call.method !== 'GET' };
  if (cancelled) return new VendazeApiError({ ...base, kind: 'cancelled', message: 'Cancelled by the caller.' });
  if (timedOut || (code && TIMEOUT_CODES.has(code))) {
    return new VendazeApiError({ ...base, kind: 'timeout', message: `no complete answer within ${call.timeoutMs} ms` });
  }
  if (known) return new VendazeApiError({ ...base, kind: 'network', message: known.detail, userDetail: known.userDetail, advice: known.userAdvice });
  const reason = describeCause(error);
  return new VendazeApiError({ ...base, kind: 'network', message: code && !reason.includes(code) ? `${reason} (${code})` : reason });
}

/** fetch rejects with a bare "fetch failed": the socket error that says why is its cause. */
function describeCause(error: unknown): string {
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  const outer = describeError(error);
  return cause instanceof Error && /^fetch failed$/i.test(outer) ? describeError(cause) : outer;
}
