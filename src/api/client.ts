import { z } from 'zod';
import { schemas } from '../schemas/lazy';
import type {
  AppCredentialsData,
  ListQuery,
  MeResponse,
  PaginationMeta,
  Person,
  PersonCreate,
  RegisterAppRequest,
  RotateAppRequest,
  RotateAppLatestRequest,
  DeleteAppRequest,
  TokenResponse,
} from '../schemas';
import { VendazeApiError } from './errors';
import { DEFAULT_GENERATION, generationRules, type ApiGeneration } from './generation';
import { generationFromRotateStatus } from './generationSignals';
import type { RateLimitInfo } from './headers';
export { buildAuthorizeUrl, type AuthorizeUrlParams } from './authorizeUrl';
import { Transport, type ApiResponse, type ResponseListener, type SendOptions, type TransportOptions } from './transport';

/**
 * Typed calls of the Vendaze API ([P] era: PKCE, scope + state, rotate with client_id + app_name + redirect_uris +
 * scopes). One method per endpoint, no state: tokens and secrets are passed in and never kept here.
 */

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export type TokenBodyFormat = 'form' | 'json';

export interface TokenCallOptions extends CallOptions {
  /** /oauth/token body encoding; form (the default) is accepted by every doc era, JSON by the older reference. */
  bodyFormat?: TokenBodyFormat;
}

export interface ApiResult<T> {
  data: T;
  status: number;
  requestId?: string;
  rateLimit?: RateLimitInfo;
  retries: number;
}

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export interface ExchangeCodeParams extends ClientCredentials {
  code: string;
  /** Sent only where the generation wants it ([P]); [L] takes neither redirect_uri nor code_verifier. */
  redirectUri?: string;
  codeVerifier?: string;
  generation?: ApiGeneration;
}

export interface RefreshTokenParams extends ClientCredentials {
  refreshToken: string;
}

export interface RevokeTokenParams extends ClientCredentials {
  /** Access or refresh token ([P]: both accepted). */
  token: string;
}

export interface RotateAppResult extends AppCredentialsData {
  /** [P] rotation may hand out a new client_id; the previous one is then dead. */
  clientIdChanged: boolean;
  previousClientId: string;
  /** What the answer's status says about the server (200 [L], 201 [P]). */
  answeredAs?: ApiGeneration;
}

export interface PeoplePage {
  people: Person[];
  meta: PaginationMeta;
}

export type ClientOptions = (TransportOptions | { transport: Transport }) & {
  tokenBodyFormat?: TokenBodyFormat;
  /** The generation calls follow unless a call names one (sign-in passes the resolved one). */
  generation?: ApiGeneration;
};

/**
 * Advice attached to errors whose outcome is unknown, per call: what may already have happened server-side and how
 * to find out. Never "try again": the retry rule (retry.ts) exists because repeating these spends credentials.
 */
const UNKNOWN_OUTCOME_HINTS = {
  register: 'The app may have been registered anyway: check the mailbox for its credentials; do not register it again.',
  rotate: 'The app may have been rotated anyway (the old secret is then dead): check the mailbox for a new client_secret; do not rotate again.',
  exchange: 'The authorization code may already be used (codes work once): start a new sign-in rather than repeating this exchange.',
  refresh:
    'The refresh token may already be spent, so it is not used again: the session keeps its access token until it expires, then asks for a new sign-in.',
  revoke: 'The token may already be revoked; revoking is idempotent, so sending it again is safe.',
  createPerson: 'The person may have been created anyway: look it up (list people, filter by email or name) to confirm.',
  createPersonKeyed: 'Sending it again with the same Idempotency-Key is safe: Vendaze then answers with the first result.',
  delete: 'The app may have been deleted anyway: confirm by reading it back (a 404 then means it was deleted).',
  deleteApp: 'The app may have been deleted anyway: it is kept here until a read confirms it is gone.',
} as const;

/** Built on first use: the schemas load lazily (docs/startup.md). */
const revokeResultSchema = () =>
  schemas().RevokeResponseSchema.transform((body): { revoked: boolean } => {
    if (body && typeof body === 'object') {
      if (typeof body.revoked === 'boolean') return { revoked: body.revoked };
      const data = body.data as { revoked?: unknown } | undefined;
      if (typeof data?.revoked === 'boolean') return { revoked: data.revoked };
    }
    return { revoked: true }; // [P] documents a bare 200
  });

export class VendazeClient {
  readonly transport: Transport;
  private readonly tokenBodyFormat: TokenBodyFormat;
  readonly generation: ApiGeneration;

  constructor(options: ClientOptions) {
    this.transport = 'transport' in options ? options.transport : new Transport(options);
    this.tokenBodyFormat = options.tokenBodyFormat ?? 'form';
    this.generation = options.generation ?? DEFAULT_GENERATION;
  }

  get baseUrl(): string {
    return this.transport.baseUrl;
  }

  onResponse(listener: ResponseListener): { dispose(): void } {
    return this.transport.onResponse(listener);
  }

  /** POST /v1/auth/register-app -> 201; the client_secret goes to the email, never into this answer. */
  async registerApp(body: RegisterAppRequest, call: CallOptions = {}): Promise<ApiResult<AppCredentialsData>> {
    const res = await this.send('register', { ...call, method: 'POST', path: '/v1/auth/register-app', json: body, schema: schemas().RegisterAppResponseSchema, clientId: (b) => b.data.client_id });
    return result(res, res.body.data);
  }

  /** POST /v1/auth/rotate-app -> 201 [P] or 200 [L]; the client_id may change ([P]) or stay ([L]). */
  async rotateApp(body: RotateAppRequest | RotateAppLatestRequest, call: CallOptions = {}): Promise<ApiResult<RotateAppResult>> {
    const res = await this.send('rotate', { ...call, method: 'POST', path: '/v1/auth/rotate-app', json: body, schema: schemas().RotateAppResponseSchema, clientId: body.client_id });
    const data = res.body.data;
    const answeredAs = generationFromRotateStatus(res.status);
    return result(res, { ...data, clientIdChanged: data.client_id !== body.client_id, previousClientId: body.client_id, ...(answeredAs ? { answeredAs } : {}) });
  }

  /** DELETE /v1/auth/delete-app ([L] only) -> 204: the app, its data and every user session, permanently. */
  async deleteApp(body: DeleteAppRequest, call: CallOptions = {}): Promise<ApiResult<undefined>> {
    const res = await this.send('deleteApp', {
      ...call,
      method: 'DELETE',
      path: '/v1/auth/delete-app',
      json: body,
      clientId: body.client_id,
      schema: schemas().AnyBodySchema,
      secrets: [body.client_secret],
      // Never retried: a 500 may come after the delete committed; the caller confirms with a read instead.
      retry: false,
    });
    return result(res, undefined);
  }

  /** grant_type=authorization_code with the PKCE verifier and the exact redirect_uri used on /oauth/authorize. */
  async exchangeCode(params: ExchangeCodeParams, call: TokenCallOptions = {}): Promise<ApiResult<TokenResponse>> {
    const rules = generationRules(params.generation ?? this.generation).token;
    const fields: Record<string, string> = { grant_type: 'authorization_code', client_id: params.clientId, client_secret: params.clientSecret, code: params.code };
    // Sent as given (even empty): the server's refusal, not a guess here, says what was wrong.
    if (rules.sendRedirectUri) fields.redirect_uri = params.redirectUri ?? '';
    if (rules.sendCodeVerifier) fields.code_verifier = params.codeVerifier ?? '';
    const secrets = [params.clientSecret, params.code, params.codeVerifier].filter((s): s is string => Boolean(s));
    return this.token('exchange', fields, secrets, call);
  }

  /** grant_type=refresh_token. The server kills the old refresh token: persist BOTH new tokens before using them. */
  async refreshToken(params: RefreshTokenParams, call: TokenCallOptions = {}): Promise<ApiResult<TokenResponse>> {
    const fields = {
      grant_type: 'refresh_token',
      client_id: params.clientId,
      client_secret: params.clientSecret,
      refresh_token: params.refreshToken,
    };
    return this.token('refresh', fields, [params.clientSecret, params.refreshToken], call);
  }

  /** POST /oauth/revoke (JSON): idempotent, 200 also for an already revoked or expired token. */
  async revokeToken(params: RevokeTokenParams, call: CallOptions = {}): Promise<ApiResult<{ revoked: boolean }>> {
    const res = await this.send('revoke', {
      ...call,
      method: 'POST',
      path: '/oauth/revoke',
      json: { token: params.token, client_id: params.clientId, client_secret: params.clientSecret },
      clientId: params.clientId,
      schema: revokeResultSchema(),
      secrets: [params.token, params.clientSecret],
    });
    return result(res, res.body);
  }

  /** GET /v1/me: the only token check the API has (status + workspace_slug). */
  async me(accessToken: string, call: CallOptions = {}): Promise<ApiResult<MeResponse>> {
    const res = await this.send(undefined, { ...call, method: 'GET', path: '/v1/me', bearer: accessToken, schema: schemas().MeResponseSchema, secrets: [accessToken] });
    return result(res, res.body);
  }

  async listPeople(accessToken: string, query: ListQuery = {}, call: CallOptions = {}): Promise<ApiResult<PeoplePage>> {
    const res = await this.send(undefined, {
      ...call,
      method: 'GET',
      path: '/v1/people',
      query,
      bearer: accessToken,
      schema: schemas().PeopleListResponseSchema,
      secrets: [accessToken],
    });
    return result(res, { people: res.body.data, meta: res.body.meta });
  }

  async createPerson(
    accessToken: string,
    person: PersonCreate,
    call: CallOptions & { idempotencyKey?: string } = {},
  ): Promise<ApiResult<Person>> {
    const { idempotencyKey, ...rest } = call;
    const res = await this.send(idempotencyKey ? 'createPersonKeyed' : 'createPerson', {
      ...rest,
      method: 'POST',
      path: '/v1/people',
      json: person,
      bearer: accessToken,
      headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : undefined,
      schema: schemas().PersonResponseSchema,
      secrets: [accessToken],
    });
    return result(res, res.body.data);
  }

  private token(
    hint: 'exchange' | 'refresh',
    fields: Record<string, string>,
    secrets: string[],
    call: TokenCallOptions,
  ): Promise<ApiResult<TokenResponse>> {
    const { bodyFormat = this.tokenBodyFormat, ...rest } = call;
    return this.send(hint, {
      ...rest,
      method: 'POST',
      path: '/oauth/token',
      ...(bodyFormat === 'json' ? { json: fields } : { form: fields }),
      clientId: fields.client_id,
      schema: schemas().TokenResponseSchema,
      secrets,
    }).then((res) => {
      // Tokens arrive here for the first time: teach them to the redactor before anything can log them.
      this.transport.redactor.add(res.body.access_token);
      this.transport.redactor.add(res.body.refresh_token);
      return result(res, res.body);
    });
  }

  private async send<S extends z.ZodType>(
    hint: keyof typeof UNKNOWN_OUTCOME_HINTS | undefined,
    options: SendOptions<S>,
  ): Promise<ApiResponse<z.output<S>>> {
    try {
      return await this.transport.send(options);
    } catch (error) {
      if (hint && error instanceof VendazeApiError && error.outcomeUnknown) throw error.withHint(UNKNOWN_OUTCOME_HINTS[hint]);
      throw error;
    }
  }
}

function result<T>(res: ApiResponse<unknown>, data: T): ApiResult<T> {
  return { data, status: res.status, requestId: res.requestId, rateLimit: res.rateLimit, retries: res.retries };
}
