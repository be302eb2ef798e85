import { schemas } from '../schemas/lazy';
import { VendazeApiError } from './errors';
import type { HttpLayer } from './http';
import { Transport } from './transport';

export type ProbeResult =
  | { reachable: true; baseUrl: string; status: number; requestId?: string; millis: number }
  | { reachable: false; baseUrl: string; message: string };

/**
 * Checks that a Vendaze API answers at `baseUrl`: an unauthenticated GET /v1/me must come back with the
 * documented error envelope (401) or a 2xx, and carry X-Request-ID. Goes through the shared transport (same
 * base URL rule, timeout, User-Agent) but without retries: a probe reports what it sees, at once.
 */
export async function probeApi(baseUrl: string, timeoutMs: number, signal?: AbortSignal, http?: HttpLayer): Promise<ProbeResult> {
  const transport = new Transport({ baseUrl, timeoutMs, http });
  const base = transport.baseUrl;
  const started = Date.now();
  try {
    const res = await transport.send({ method: 'GET', path: '/v1/me', schema: schemas().MeResponseSchema, signal, retry: false });
    return { reachable: true, baseUrl: base, status: res.status, requestId: res.requestId, millis: Date.now() - started };
  } catch (error) {
    if (!(error instanceof VendazeApiError)) throw error;
    if (error.kind === 'http' && error.status === 401 && error.code) {
      return { reachable: true, baseUrl: base, status: 401, requestId: error.requestId, millis: Date.now() - started };
    }
    return { reachable: false, baseUrl: base, message: error.userMessage() };
  }
}
