/**
 * The client_id written next to a client_secret (the nearest UUID after a client_id-like key, within 2 KB either
 * side): what a client_secret is checked with. Bounded window, linear pattern. Pure.
 */
const CLIENT_ID_NEAR = /client[_-]?id["']?\s*[:=]\s*["']?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})/gi;

export function clientIdNear(text: string, at: number): string | undefined {
  const from = Math.max(0, at - 2048);
  const window = text.slice(from, Math.min(text.length, at + 2048));
  let best: { id: string; distance: number } | undefined;
  for (const m of window.matchAll(CLIENT_ID_NEAR)) {
    const distance = Math.abs(from + m.index - at);
    if (!best || distance < best.distance) best = { id: m[1]!, distance };
  }
  return best?.id;
}
