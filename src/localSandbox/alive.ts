/**
 * Whether a local sandbox still answers at `baseUrl`. Another VS Code window may be running the one a shared
 * setting points at, so "not started in this window" alone does not make it stale.
 */
export async function sandboxAnswers(baseUrl: string, timeoutMs = 1000): Promise<boolean> {
  try {
    // The host's fetch (no bundled HTTP client); loopback, so no proxy is involved.
    const response = await fetch(`${baseUrl}/_sandbox/health`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}
