import { getFaults, health, mailbox, postFaults } from './admin';
import { registerApp, rotateApp } from './apps';
import { deleteAppLatest, rotateAppLatest } from './latestApps';
import { secretLink } from './secretLink';
import { authorize, consentAnswer, consentPage } from './authorize';
import type { SandboxContext } from './context';
import type { Exchange } from './http';
import { mcpPost, mcpWrongMethod } from './mcp/endpoint';
import { createPerson, getPerson, listPeople, me, type Authorized } from './resources';
import { checkBearer, revoke, token } from './tokens';
import type { RateLimits } from './types';

/**
 * The route table. Each route names its rate-limit bucket: per-IP buckets are taken before the handler runs;
 * /v1 resource routes take the per-app bucket of the token's app (per IP when the token is bad).
 */
type Handler = (ctx: SandboxContext, ex: Exchange, params: string[]) => void | Promise<void>;
type ApiHandler = (ctx: SandboxContext, ex: Exchange, auth: Authorized, params: string[]) => void | Promise<void>;

interface Route {
  method: string;
  pattern: RegExp;
  bucket: keyof RateLimits;
  handler?: Handler;
  /** Bearer-protected /v1 route. */
  api?: ApiHandler;
}

const UUIDISH = '([0-9A-Za-z-]{1,64})';

const ROUTES: Route[] = [
  { method: 'POST', pattern: /^\/v1\/auth\/register-app$/, bucket: 'register', handler: registerApp },
  { method: 'POST', pattern: /^\/v1\/auth\/rotate-app$/, bucket: 'rotate', handler: (c, e) => (c.isLatest ? rotateAppLatest(c, e) : rotateApp(c, e)) },
  // [L] only; a [P] sandbox answers 404 like any unknown endpoint. Per IP like every /v1/auth/* route.
  { method: 'DELETE', pattern: /^\/v1\/auth\/delete-app$/, bucket: 'rotate', handler: deleteAppLatest },
  { method: 'GET', pattern: /^\/oauth\/authorize$/, bucket: 'authorize', handler: authorize },
  { method: 'GET', pattern: /^\/oauth\/consent$/, bucket: 'sandbox', handler: consentPage },
  { method: 'POST', pattern: /^\/oauth\/consent$/, bucket: 'sandbox', handler: consentAnswer },
  { method: 'POST', pattern: /^\/oauth\/token$/, bucket: 'token', handler: token },
  { method: 'POST', pattern: /^\/oauth\/revoke$/, bucket: 'revoke', handler: revoke },
  { method: 'GET', pattern: /^\/v1\/me$/, bucket: 'apiGet', api: me },
  { method: 'GET', pattern: /^\/v1\/people$/, bucket: 'apiGet', api: listPeople },
  { method: 'POST', pattern: /^\/v1\/people$/, bucket: 'apiPost', api: createPerson },
  { method: 'GET', pattern: new RegExp(`^/v1/people/${UUIDISH}$`), bucket: 'apiGet', api: (c, e, a, [id]) => getPerson(c, e, a, id!) },
  // MCP (Streamable HTTP): bearer and per-app buckets are checked per message inside, like /v1.
  { method: 'POST', pattern: /^\/mcp$/, bucket: 'sandbox', handler: mcpPost },
  { method: 'GET', pattern: /^\/mcp$/, bucket: 'sandbox', handler: mcpWrongMethod },
  { method: 'DELETE', pattern: /^\/mcp$/, bucket: 'sandbox', handler: mcpWrongMethod },
  { method: 'GET', pattern: /^\/_sandbox\/health$/, bucket: 'sandbox', handler: health },
  { method: 'GET', pattern: /^\/_sandbox\/mailbox$/, bucket: 'sandbox', handler: mailbox },
  { method: 'GET', pattern: /^\/_sandbox\/secret\/([A-Za-z0-9_-]{1,64})$/, bucket: 'sandbox', handler: (c, e, [id]) => secretLink(c, e, id!) },
  { method: 'GET', pattern: /^\/_sandbox\/faults$/, bucket: 'sandbox', handler: getFaults },
  { method: 'POST', pattern: /^\/_sandbox\/faults$/, bucket: 'sandbox', handler: postFaults },
];

export async function route(ctx: SandboxContext, ex: Exchange, fault: InjectedFault): Promise<void> {
  const path = ex.path.length > 1 ? ex.path.replace(/\/+$/, '') : ex.path;
  const candidates = ROUTES.map((r) => ({ r, m: r.pattern.exec(path) })).filter((x) => x.m);
  const found = candidates.find((x) => x.r.method === ex.method);
  if (!found) {
    if (!take(ctx, ex, 'sandbox', `ip:${ex.ip}`) || fault(ex)) return;
    if (candidates.length) {
      const allow = [...new Set(candidates.map((x) => x.r.method))].join(', ');
      return ex.error('not_found', `${ex.method} is not supported on ${path}; use ${allow}.`, { headers: { Allow: allow } });
    }
    return ex.error('not_found', `No such endpoint: ${ex.method} ${path}.`);
  }
  const { r, m } = found as { r: Route; m: RegExpExecArray };
  const params = m.slice(1);
  if (r.handler) {
    if (!take(ctx, ex, r.bucket, `ip:${ex.ip}`) || fault(ex)) return;
    return r.handler(ctx, ex, params);
  }
  const bearer = checkBearer(ctx, ex);
  // Per app when the token names one; a bad token still counts, against the caller's IP.
  if (!take(ctx, ex, r.bucket, bearer.ok ? `app:${bearer.app.id}` : `ip:${ex.ip}`) || fault(ex)) return;
  if (!bearer.ok) return ex.error(bearer.code, bearer.message);
  return r.api!(ctx, ex, bearer, params);
}

/** Answers the request itself (injected 500 or malformed body) and returns true, or returns false to go on. */
export type InjectedFault = (ex: Exchange) => boolean;

/** Takes one request from a bucket; answers 429 itself and returns false when the bucket is empty. */
function take(ctx: SandboxContext, ex: Exchange, bucket: keyof RateLimits, subject: string): boolean {
  const decision = ctx.limiter.take(`${bucket}:${subject}`, ctx.faults.rateLimits[bucket], ctx.nowMs() / 1000);
  ex.setRate(decision);
  if (!decision.allowed) ex.rateLimited(decision);
  return decision.allowed;
}

