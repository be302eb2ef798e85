import { request } from 'undici';

/**
 * Whether a local sandbox still answers at `baseUrl`. Another VS Code window may be running the one a shared
 * setting points at, so "not started in this window" alone does not make it stale.
 */
export async function sandboxAnswers(baseUrl: string, timeoutMs = 1000): Promise<boolean> {
  try {
    const response = await request(`${baseUrl}/_sandbox/health`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body.dump();
    return response.statusCode === 200;
  } catch {
    return false;
  }
}
