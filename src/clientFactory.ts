import type { VendazeClient } from './api/client';
import type { HttpLayer } from './api/http';
import type { ConfirmSecretHost } from './api/secretHost';
import type { GenerationResolver } from './api/generationResolver';
import type { ResponseInfo, ResponseListener } from './api/transport';
import { Logger } from './common/logger';
import { SecretRedactor } from './common/redact';
import { readConfig } from './config';

/** The API client and its transport, required by the first client made (docs/startup.md): none is at activation. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy-load boundary (scripts/build.mjs)
const clientModule = () => require('./api/client') as typeof import('./api/client');

/**
 * The one place API clients are made. Settings are read on every call, so a changed vendaze.apiBaseUrl or
 * vendaze.requestTimeoutSeconds applies to the next request without a reload. The composition root calls
 * `configureClients` once, so every client (sign-in, apps, commands) shares the log's redactor (a token a client
 * receives is masked everywhere) and reports every answer to the global listeners (the status bar's rate limit).
 */

type SharedOptions = { redactor: SecretRedactor; version: string; http?: HttpLayer; confirmSecretHost?: ConfirmSecretHost; generations?: GenerationResolver };
const shared: Partial<SharedOptions> & { listeners: Set<ResponseListener> } = { listeners: new Set() };

/** `http`: how clients reach the network (the host's proxy-aware fetch in VS Code); `generations`: which API each base URL speaks. */
export function configureClients(options: SharedOptions): { dispose(): void } {
  shared.redactor = options.redactor;
  shared.version = options.version;
  shared.http = options.http;
  shared.confirmSecretHost = options.confirmSecretHost;
  shared.generations = options.generations;
  return { dispose: () => shared.listeners.clear() };
}

/**
 * Which API generation a base URL speaks (vendaze.apiGeneration, detected and cached per base URL): the one model
 * sign-in, revoke, rotate, delete and the payload schema ask. Undefined only before activation.
 */
export function generationResolver(): GenerationResolver | undefined {
  return shared.generations;
}

/** Hears every HTTP answer of every client made here (no bodies, no secrets: see ResponseInfo). */
export function onAnyResponse(listener: ResponseListener): { dispose(): void } {
  shared.listeners.add(listener);
  return { dispose: () => shared.listeners.delete(listener) };
}

/**
 * `options.baseUrl` pins the API (tokens are only ever sent back to the API that issued them); the setting applies
 * otherwise.
 */
/** How the clients made here reach the network (probes made outside a client use it too). */
export function sharedHttp(): HttpLayer | undefined {
  return shared.http;
}

export function createVendazeClient(log: Logger, onResponse?: ResponseListener, options: { baseUrl?: string } = {}): VendazeClient {
  const { apiBaseUrl, requestTimeoutMs } = readConfig();
  const baseUrl = options.baseUrl ?? apiBaseUrl;
  return new (clientModule().VendazeClient)({
    baseUrl,
    generation: shared.generations?.current(baseUrl).generation,
    timeoutMs: requestTimeoutMs,
    version: shared.version,
    redactor: shared.redactor,
    http: shared.http,
    confirmSecretHost: shared.confirmSecretHost,
    onResponse: (info) => {
      log.trace(describeResponse(info));
      onResponse?.(info);
      for (const listener of shared.listeners) listener(info);
    },
  });
}

function describeResponse(info: ResponseInfo): string {
  const retry = info.retryInMs !== undefined ? `, retrying in ${info.retryInMs} ms` : '';
  const rid = info.requestId ? `, request id ${info.requestId}` : '';
  return `${info.method} ${info.path} -> ${info.status} in ${info.durationMs} ms (attempt ${info.attempt}${rid}${retry})`;
}
