import { schemas } from '../schemas/lazy';
import type { ApiGeneration } from './generation';
import { VendazeApiError } from './errors';
import type { Transport } from './transport';

/**
 * Side-effect-free evidence of which generation a server speaks. Only two kinds count:
 *  - a refusal (400/422) on a documented difference: the server did nothing, so acting on it is safe;
 *  - a success whose shape only one generation documents (rotate-app 200 vs 201), read after the fact.
 * Nothing here repeats a request that may have been processed.
 */

/** What a refused call tells us; undefined when the refusal says nothing about the generation. */
export function generationFromRefusal(
  call: 'revoke' | 'rotate' | 'token' | 'delete-probe',
  error: unknown,
): ApiGeneration | undefined {
  if (!(error instanceof VendazeApiError) || error.kind !== 'http' || error.outcomeUnknown) return undefined;
  const text = `${error.detail} ${Object.values(error.fields ?? {}).join(' ')}`.toLowerCase();
  switch (call) {
    case 'revoke':
      // [L]: "token must be a valid access_token. refresh_tokens are not accepted."
      return error.status === 400 && error.code === 'invalid_request' && /refresh_?tokens? (are|is) not accepted/.test(text) ? '2026-07' : undefined;
    case 'rotate': {
      if (error.status !== 422) return undefined;
      const fields = error.fields ?? {};
      // [L] refusing a scope change; [P] demanding the full body an [L]-shaped rotation leaves out.
      if (fields.scopes && /fixed at registration|cannot (be )?change/i.test(fields.scopes)) return '2026-07';
      if (['app_name', 'redirect_uris', 'scopes'].some((f) => /is required/.test(fields[f] ?? ''))) return '2026-05';
      return undefined;
    }
    case 'token':
      if (error.status !== 400 || error.code !== 'invalid_request') return undefined;
      if (/missing required parameter: (code_verifier|redirect_uri)/.test(text)) return '2026-05';
      if (/(code_verifier|redirect_uri|pkce).*not (accepted|allowed|supported)/.test(text)) return '2026-07';
      return undefined;
    case 'delete-probe':
      // An empty body can delete nothing: [L] validates it (400/422), [P] has no such endpoint (404/405).
      if (error.status === 400 || error.status === 422) return '2026-07';
      if (error.status === 404 || error.status === 405) return '2026-05';
      return undefined;
  }
}

/** rotate-app answered: 200 is [L], 201 is [P] (the request was processed: this only informs later calls). */
export function generationFromRotateStatus(status: number): ApiGeneration | undefined {
  return status === 200 ? '2026-07' : status === 201 ? '2026-05' : undefined;
}

export const DELETE_PROBE_PATH = '/v1/auth/delete-app';

/**
 * Asks the server which generation it speaks without changing anything: DELETE /v1/auth/delete-app with an empty
 * JSON object. No client_id, no email, no secret: whatever the server is, nothing can be deleted. No retries (a
 * probe reports what it sees). Undefined when the answer proves nothing (network error, 429, 500, odd status).
 */
export async function probeGeneration(transport: Transport, signal?: AbortSignal): Promise<ApiGeneration | undefined> {
  try {
    await transport.send({ method: 'DELETE', path: DELETE_PROBE_PATH, json: {}, schema: schemas().AnyBodySchema, signal, retry: false });
    return undefined; // a 2xx to an empty body proves nothing we trust
  } catch (error) {
    return generationFromRefusal('delete-probe', error);
  }
}
