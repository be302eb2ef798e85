/**
 * Is a found credential live? Asked of the Vendaze API without side effects, for the CLI's --verify and the
 * editor's "Check whether this secret is live". No vscode import: the caller hands in `fetch` (undici with the
 * proxy agent in the CLI, the host's patched fetch in VS Code) and the base URL (never one the scanned repository
 * names: see docs/vendaze-scan.md#verify).
 *
 * - An access token: `GET /v1/me` (the [L] token check), else, where that route does not exist ([P]), a one-row
 *   read of `/v1/people`. 200 (or 403 insufficient_scope: the token authenticated) is live; 401 is dead.
 * - A client_secret with the client_id found beside it: `POST /oauth/token` with a refresh_token that cannot be
 *   valid, so nothing is ever issued. 401 invalid_client: dead. 400 invalid_grant means "the client passed" only
 *   if the server checks the client before the grant, which the API documentation does not say: the order is
 *   OBSERVED instead, once per run, with a control request carrying a random (surely wrong) secret for the same
 *   client_id. invalid_client for the control proves the client is checked first, so invalid_grant is live;
 *   anything else leaves it unknown.
 * - Everything else (refresh tokens, generic secrets, a client_secret without a client_id): unknown.
 * The token endpoint allows 20 requests a minute per IP, shared with the user's own refreshes: a run spends at most
 * `maxTokenCalls` of them and stops at the first 429.
 */
import { randomBytes } from 'node:crypto';
import type { Verification } from '../scanPolicy/severity';
import { checkOffline } from './offline';

export interface VerifyResponse {
  status: number;
  text(): Promise<string>;
}

export type VerifyFetch = (url: string, init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string; signal: AbortSignal }) => Promise<VerifyResponse>;

export interface VerifyTarget {
  baseUrl: string;
  fetch: VerifyFetch;
  /** Token-endpoint requests this run may spend (default 4). */
  maxTokenCalls?: number;
  timeoutMs?: number;
}

export interface Checkable {
  kind: string;
  value: string;
  clientId?: string;
}

export interface VerifyAnswer {
  state: Verification;
  why: string;
}

/** A refresh token no server can hold: not a JWT, so the grant check fails without touching any grant. */
const IMPOSSIBLE_REFRESH_TOKEN = 'vendaze-verify-not-a-refresh-token';
const DEFAULT_MAX_TOKEN_CALLS = 4;

/** The `error.code` of a Vendaze error body (or OAuth's flat `error`), bounded. */
async function errorCode(response: VerifyResponse): Promise<string | undefined> {
  try {
    const text = (await response.text()).slice(0, 16_384);
    const body = JSON.parse(text) as { error?: unknown };
    const error = body.error;
    if (typeof error === 'string') return error;
    if (error && typeof error === 'object' && typeof (error as { code?: unknown }).code === 'string') return (error as { code: string }).code;
  } catch {
    // not JSON: no code
  }
  return undefined;
}

export class Verifier {
  private tokenCalls = 0;
  private rateLimited = false;
  /** Observed this run: does the token endpoint check the client before the grant? */
  private clientFirst: boolean | undefined;
  private readonly answers = new Map<string, Promise<VerifyAnswer>>();
  private readonly base: string;

  constructor(private readonly target: VerifyTarget) {
    this.base = target.baseUrl.replace(/\/+$/, '');
  }

  /** Token-endpoint requests spent so far (tests and the summary line read it). */
  get tokenRequests(): number {
    return this.tokenCalls;
  }

  /** One answer per distinct value and client_id: a secret found in ten files is asked about once. */
  verify(value: Checkable): Promise<VerifyAnswer> {
    const key = `${value.kind}\u0000${value.clientId ?? ''}\u0000${value.value}`;
    let answer = this.answers.get(key);
    if (!answer) {
      answer = this.check(value).catch((error: unknown) => ({ state: 'unknown' as const, why: `no answer (${(error as Error).name === 'AbortError' || (error as Error).name === 'TimeoutError' ? 'timed out' : 'network error'})` }));
      this.answers.set(key, answer);
    }
    return answer;
  }

  private async check(value: Checkable): Promise<VerifyAnswer> {
    const offline = checkOffline(value);
    if (offline.state) return { state: offline.state, why: offline.why };
    if (value.kind === 'access_token') return this.checkAccessToken(value.value);
    if (value.kind === 'client_secret') {
      if (!value.clientId) return { state: 'unknown', why: 'no client_id found beside it' };
      return this.checkClientSecret(value.clientId, value.value);
    }
    return { state: 'unknown', why: `a ${value.kind.replace('_', ' ')} cannot be checked` };
  }

  private request(path: string, init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string }): Promise<VerifyResponse> {
    return this.target.fetch(`${this.base}${path}`, { ...init, signal: AbortSignal.timeout(this.target.timeoutMs ?? 15_000) });
  }

  private async checkAccessToken(token: string): Promise<VerifyAnswer> {
    const read = (path: string) => this.request(path, { method: 'GET', headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    let response = await read('/v1/me');
    let via = 'GET /v1/me';
    if (response.status === 404 || response.status === 405) {
      await response.text().catch(() => '');
      response = await read('/v1/people?per_page=1');
      via = 'GET /v1/people';
    }
    const code = response.status === 200 ? undefined : await errorCode(response);
    if (response.status === 200) return { state: 'live', why: `${via} answered 200` };
    if (response.status === 403 && code === 'insufficient_scope') return { state: 'live', why: `${via} answered 403 insufficient_scope (the token authenticated)` };
    if (response.status === 401) return { state: 'dead', why: `${via} answered 401${code ? ` ${code}` : ''}` };
    return { state: 'unknown', why: `${via} answered ${response.status}${code ? ` ${code}` : ''}` };
  }

  private async tokenRequest(clientId: string, clientSecret: string): Promise<{ status: number; code?: string } | 'budget' | 'rate-limited'> {
    if (this.rateLimited) return 'rate-limited';
    if (this.tokenCalls >= (this.target.maxTokenCalls ?? DEFAULT_MAX_TOKEN_CALLS)) return 'budget';
    this.tokenCalls++;
    const body = new URLSearchParams({ grant_type: 'refresh_token', client_id: clientId, client_secret: clientSecret, refresh_token: IMPOSSIBLE_REFRESH_TOKEN }).toString();
    const response = await this.request('/oauth/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body });
    const code = await errorCode(response);
    if (response.status === 429) this.rateLimited = true;
    return code ? { status: response.status, code } : { status: response.status };
  }

  private async checkClientSecret(clientId: string, secret: string): Promise<VerifyAnswer> {
    const skipped = (why: 'budget' | 'rate-limited'): VerifyAnswer => ({
      state: 'unknown',
      why: why === 'budget' ? `not checked: at most ${this.target.maxTokenCalls ?? DEFAULT_MAX_TOKEN_CALLS} token-endpoint requests per run` : 'not checked: the token endpoint is rate limiting this address',
    });
    const answer = await this.tokenRequest(clientId, secret);
    if (typeof answer === 'string') return skipped(answer);
    const seen = `POST /oauth/token answered ${answer.status}${answer.code ? ` ${answer.code}` : ''}`;
    if (answer.status === 401 && answer.code === 'invalid_client') return { state: 'dead', why: seen };
    if (answer.status === 200) return { state: 'unknown', why: `${seen} to a request that cannot succeed: not a Vendaze API` };
    if (answer.status !== 400 || answer.code !== 'invalid_grant') return { state: 'unknown', why: seen };
    if (this.clientFirst === undefined) {
      const control = await this.tokenRequest(clientId, randomBytes(32).toString('base64url'));
      if (typeof control === 'string') return { state: 'unknown', why: `${seen}; the order of the API's checks could not be observed (${skipped(control).why})` };
      if (control.status === 401 && control.code === 'invalid_client') this.clientFirst = true;
      else if (control.status === 400 && control.code === 'invalid_grant') this.clientFirst = false;
      else return { state: 'unknown', why: `${seen}; a control request answered ${control.status}` };
    }
    return this.clientFirst
      ? { state: 'live', why: `${seen}, and this API checks the client before the grant (observed)` }
      : { state: 'unknown', why: `${seen}, but this API checks the grant before the client (observed): invalid_grant says nothing about the secret` };
  }
}
