import { request } from 'undici';
import { parseBaseUrl } from './baseUrl';

export type ProbeResult =
  | { reachable: true; baseUrl: string; status: number; requestId?: string; millis: number }
  | { reachable: false; baseUrl: string; message: string };

/**
 * Checks that a Vendaze API answers at `baseUrl`: an unauthenticated GET /v1/me must come back with the
 * documented error envelope (401) or a 2xx, and carry X-Request-ID.
 */
export async function probeApi(baseUrl: string, timeoutMs: number, signal?: AbortSignal): Promise<ProbeResult> {
  const parsed = parseBaseUrl(baseUrl);
  if (!parsed.ok) return { reachable: false, baseUrl, message: parsed.message };
  const base = parsed.url.toString().replace(/\/$/, '');
  const started = Date.now();
  try {
    const response = await request(`${base}/v1/me`, {
      method: 'GET',
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: signal ?? AbortSignal.timeout(timeoutMs),
    });
    await response.body.text();
    const requestId = header(response.headers['x-request-id']);
    if (response.statusCode === 401 || (response.statusCode >= 200 && response.statusCode < 300)) {
      return { reachable: true, baseUrl: base, status: response.statusCode, requestId, millis: Date.now() - started };
    }
    return {
      reachable: false,
      baseUrl: base,
      message: `Unexpected HTTP ${response.statusCode} from ${base}/v1/me${requestId ? ` (request id ${requestId})` : ''}.`,
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { reachable: false, baseUrl: base, message: `Could not reach ${base}: ${reason}` };
  }
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
