import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { allowedHostNames } from '../common/httpGuard';
import { ERROR_MESSAGES } from '../schemas/errors';
import { SandboxContext } from './context';
import { isAfterCommit, takeFault } from './faults';
import { refuseBadRequest } from './guard';
import { Exchange } from './http';
import { mailboxView } from './mailbox';
import { loadState } from './persistence';
import { route } from './router';
import { seedDemo } from './seed';
import { appByAnyClientId, countTokens, DEFAULT_WORKSPACES, emptyState, ensureWorkspaces, snapshotApp } from './state';
import type { RunningSandbox, SandboxOptions } from './types';

/** The only interface the sandbox listens on: it holds secrets and must never be reachable from the network. */
export const SANDBOX_HOST = '127.0.0.1';

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const state = options.stateFile ? loadState(options.stateFile) : emptyState();
  ensureWorkspaces(state, options.workspaces ?? DEFAULT_WORKSPACES);
  const ctx = new SandboxContext(state, options);
  ctx.touch();

  const timers = new Set<NodeJS.Timeout>();
  const allowedHosts = allowedHostNames(options.allowedHosts);
  // Malformed targets and foreign Host names (DNS rebinding) are answered before anything can parse or route them.
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (!refuseBadRequest(req, res, allowedHosts, (line) => ctx.log(line))) void handle(ctx, req, res, timers);
  };
  // https with a given key and certificate: how tests put the sandbox behind a proxy and a company-style CA.
  const server = options.tls ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }, handler) : createServer(handler);
  // Keep-alive sockets must not hold close() hostage.
  server.keepAliveTimeout = 1000;

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${options.port} on ${SANDBOX_HOST} is already in use (another sandbox?). Pick another with --port N, or 0 for a free one.`)
          : error,
      );
    });
    server.listen(options.port ?? 0, SANDBOX_HOST, () => resolve((server.address() as AddressInfo).port));
  });
  ctx.baseUrl = `${options.tls ? 'https' : 'http'}://${SANDBOX_HOST}:${port}`;
  const demoApp = options.seedDemoApp ? seedDemo(ctx, options.demoRedirectUris) : undefined;
  ctx.saveIfDirty();

  let closed: Promise<void> | undefined;
  return {
    baseUrl: ctx.baseUrl,
    port,
    api: ctx.api,
    latest: ctx.isLatest ? { ...ctx.latest } : undefined,
    demoApp,
    mailbox: mailboxView(() => ctx.state.mailbox),
    close() {
      closed ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
        ctx.saveIfDirty();
      });
      return closed;
    },
    setFaults: (patch) => ctx.setFaults(patch),
    faults: () => structuredClone(ctx.faults),
    setAutoApprove: (mode) => {
      ctx.autoApprove = mode;
    },
    advanceClock: (seconds) => ctx.advanceClock(seconds),
    apps: () => ctx.state.apps.map(snapshotApp),
    activeTokens: (clientId) => {
      const app = appByAnyClientId(ctx.state, clientId);
      return app ? countTokens(ctx.state, app.id, ctx.nowSeconds()) : { grants: 0, accessTokens: 0, refreshTokens: 0 };
    },
    workspaces: () =>
      ctx.state.workspaces.map((w) => ({ ...w, people: ctx.state.people.filter((p) => p.workspace_id === w.id).length })),
    requestLog: () => structuredClone(ctx.requests),
  };
}

async function handle(ctx: SandboxContext, req: IncomingMessage, res: ServerResponse, timers: Set<NodeJS.Timeout>): Promise<void> {
  const ex = new Exchange(req, res, ctx.baseUrl);
  const started = Date.now();
  let dropped = false;
  try {
    if (ctx.faults.latencyMs > 0 && !ex.path.startsWith('/_sandbox/')) {
      // A client that gives up during the delay must not consume a fault meant for the next request.
      let clientGone = false;
      res.once('close', () => (clientGone = true));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, ctx.faults.latencyMs);
        timers.add(timer);
      });
      if (clientGone || res.destroyed || req.socket.destroyed) return;
    }
    const fault = takeFault(ctx.faults, ex.path);
    if (fault === 'drop') {
      dropped = true;
      req.socket.destroy();
    } else {
      // 500 and malformed answers are written after the rate-limit step, so they carry the usual headers.
      await route(ctx, ex, (answering) => {
        if (isAfterCommit(fault)) {
          // Processed normally; the answer is lost afterwards (Exchange.send).
          answering.afterCommit = fault;
          return false;
        }
        if (fault === 'fail500') answering.error('internal_error', ERROR_MESSAGES.internal);
        else if (fault === 'malformed') answering.send(200, '{"data": {"status": "ok", "workspace_sl', 'application/json; charset=utf-8');
        else return false;
        req.resume();
        return true;
      });
    }
  } catch (error) {
    ctx.log(`[sandbox] internal error on ${ex.method} ${ex.path}: ${(error as Error).stack ?? String(error)}`);
    ex.error('internal_error', ERROR_MESSAGES.internal);
  } finally {
    if (!dropped && !ex.withheld && !res.headersSent && !res.destroyed) ex.error('internal_error', ERROR_MESSAGES.internal);
    ctx.saveIfDirty();
    const status = dropped || ex.withheld ? 0 : ex.status;
    ctx.record({ at: new Date().toISOString(), method: ex.method, path: ex.path, status, requestId: ex.requestId, error: ex.errorCode });
    const outcome = dropped
      ? 'connection dropped (fault)'
      : ex.withheld === 'dropped'
        ? 'processed, then connection dropped (fault)'
        : ex.withheld === 'hung'
          ? 'processed, answer withheld: hanging (fault)'
          : status;
    ctx.log(`${ex.method} ${ex.path} -> ${outcome}${ex.errorCode ? ` ${ex.errorCode}` : ''} (${Date.now() - started} ms) ${ex.requestId}`);
  }
}
