import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ERROR_MESSAGES, ERROR_STATUS, type ErrorCode } from '../schemas/errors';
import type { AfterCommitFault } from './faults';
import type { RateDecision } from './rateLimit';

/** One request in flight: what every handler needs, and the one place responses are written. */
export class Exchange {
  readonly requestId = randomUUID();
  readonly url: URL;
  readonly method: string;
  readonly ip: string;
  status = 0;
  errorCode?: string;
  /** Set by fault injection: the request is processed, then its answer is lost (see Faults.fail500AfterNext). */
  afterCommit?: AfterCommitFault;
  /** The answer was lost on purpose: the socket dropped, or the request left hanging. */
  withheld?: 'dropped' | 'hung';
  private rate?: RateDecision;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    baseUrl: string,
  ) {
    this.url = new URL(req.url ?? '/', baseUrl);
    this.method = (req.method ?? 'GET').toUpperCase();
    this.ip = req.socket.remoteAddress ?? 'unknown';
  }

  get path(): string {
    return this.url.pathname;
  }

  setRate(decision: RateDecision): void {
    this.rate = decision;
  }

  header(name: string): string | undefined {
    const value = this.req.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  }

  json(status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
    this.send(status, JSON.stringify(body), 'application/json; charset=utf-8', extraHeaders);
  }

  /** The documented envelope; `request_id` always equals the X-Request-ID header. */
  error(code: ErrorCode, message: string, options: { fields?: Record<string, string>; status?: number; headers?: Record<string, string> } = {}): void {
    this.errorCode = code;
    const error: Record<string, unknown> = { code, message };
    if (options.fields) error.fields = options.fields;
    error.request_id = this.requestId;
    this.json(options.status ?? ERROR_STATUS[code], { error }, options.headers);
  }

  rateLimited(decision: RateDecision): void {
    this.error('rate_limit_exceeded', ERROR_MESSAGES.rateLimited(decision.retryAfter), {
      headers: { 'Retry-After': String(decision.retryAfter) },
    });
  }

  html(status: number, body: string, extraHeaders: Record<string, string> = {}): void {
    // The consent page must never be framed: a page that overlays it could trick the user into pressing Authorize.
    const framing = { 'Content-Security-Policy': "frame-ancestors 'none'", 'X-Frame-Options': 'DENY' };
    this.send(status, body, 'text/html; charset=utf-8', { ...framing, ...extraHeaders });
  }

  redirect(location: string): void {
    this.send(302, '', undefined, { Location: location });
  }

  send(status: number, body: string, contentType: string | undefined, extraHeaders: Record<string, string> = {}): void {
    if (this.res.headersSent || this.res.destroyed || this.withheld) return;
    if (this.afterCommit) return this.loseAnswer(this.afterCommit);
    this.status = status;
    const headers: Record<string, string> = {
      'X-Request-ID': this.requestId,
      // Answers carry codes, tokens or secrets-adjacent data: never cache any of them.
      'Cache-Control': 'no-store',
      ...extraHeaders,
    };
    if (this.rate) {
      headers['X-RateLimit-Limit'] = String(this.rate.limit);
      headers['X-RateLimit-Remaining'] = String(this.rate.remaining);
      headers['X-RateLimit-Reset'] = String(this.rate.reset);
    }
    if (contentType) headers['Content-Type'] = contentType;
    headers['Content-Length'] = String(Buffer.byteLength(body));
    this.res.writeHead(status, headers);
    this.res.end(body);
  }

  /** The handler has done its work (committed); what it wanted to answer never reaches the client. */
  private loseAnswer(fault: AfterCommitFault): void {
    this.afterCommit = undefined;
    if (fault === 'dropAfter') {
      this.withheld = 'dropped';
      this.req.socket.destroy();
    } else if (fault === 'hangAfter') {
      this.withheld = 'hung';
    } else {
      this.error('internal_error', ERROR_MESSAGES.internal);
    }
  }
}

export const MAX_BODY_BYTES = 1024 * 1024;

export type BodyResult = { ok: true; text: string } | { ok: false; message: string };

export async function readBody(req: IncomingMessage): Promise<BodyResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return { ok: false, message: `Request body must be at most ${MAX_BODY_BYTES} bytes.` };
    chunks.push(chunk as Buffer);
  }
  return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
}

export type ParsedBody =
  | { ok: true; value: unknown; form: boolean }
  | { ok: false; message: string };

/**
 * Parses a JSON body, or (when `allowForm`) an x-www-form-urlencoded one: [P] documents JSON for /oauth/token,
 * the libraries pages and [L] form, so the token and revoke endpoints take both.
 */
export async function parseBody(ex: Exchange, allowForm: boolean): Promise<ParsedBody> {
  const body = await readBody(ex.req);
  if (!body.ok) return body;
  const type = (ex.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (allowForm && type === 'application/x-www-form-urlencoded') {
    return { ok: true, value: Object.fromEntries(new URLSearchParams(body.text)), form: true };
  }
  if (type !== 'application/json' && !type.endsWith('+json')) {
    const expected = allowForm ? 'application/json or application/x-www-form-urlencoded' : 'application/json';
    return { ok: false, message: `Unsupported Content-Type "${type || '(none)'}": send ${expected}.` };
  }
  try {
    return { ok: true, value: JSON.parse(body.text), form: false };
  } catch {
    return { ok: false, message: ERROR_MESSAGES.invalidJson };
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
