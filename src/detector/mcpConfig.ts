/**
 * A bearer token pasted into an MCP server entry (`settings.json` "mcp.servers", `.vscode/mcp.json` / `mcp.json`
 * "servers"): `"headers": { "Authorization": "Bearer <token>" }` near Vendaze context, which is what Vendaze's own
 * VS Code guide tells people to write. Reported at tier 2 (above the JWT and generic bearer rules, below an exact
 * known token) so the editor can offer to replace the entry by the extension's own MCP server.
 *
 * Local like every rule: it reads at most MCP_LOOKBACK characters before the keyword and the token after it, so
 * incremental rescans agree with full scans. Whether the entry really is a Vendaze server is decided again by
 * the quick fix, which parses the whole file.
 */
import type { ContextIndex } from './context';
import { isEnvReference, isPlaceholder } from './decoys';
import type { Hit } from './keywords';
import type { Candidate } from './rules';
import { RuleIds } from './types';
import { MAX_LEAD, MAX_SPAN, lineStartWithin } from './window';

/** How far before `Bearer` the `"headers"` key and the server entry's url or `servers` key may be. */
const MCP_LOOKBACK = 1200;

const TOKEN = /[A-Za-z0-9._~+/=-]/;

export function fromMcpHeader(text: string, hit: Hit, context: ContextIndex, out: Candidate[]): void {
  if (hit.kind !== 'bearer') return;
  // `"Authorization": "Bearer ` on the same line, right before the keyword.
  const lead = text.slice(lineStartWithin(text, hit.start, hit.start - MAX_LEAD), hit.start);
  if (!/"authorization"\s*:\s*"\s*$/i.test(lead)) return;
  let start = hit.end;
  while (start < hit.end + 4 && text[start] === ' ') start++;
  if (start === hit.end) return;
  let end = start;
  const limit = Math.min(text.length, start + MAX_SPAN);
  while (end < limit && TOKEN.test(text[end]!)) end++;
  if (end - start < 16 || end >= limit || text[end] !== '"') return;
  const value = text.slice(start, end);
  if (isEnvReference(value) || isPlaceholder(value) || !context.has(start, end)) return;
  if (!isVendazeServerHeader(text.slice(Math.max(0, hit.start - MCP_LOOKBACK), hit.start))) return;
  out.push({ ruleId: RuleIds.mcpBearer, tier: 2, kind: 'access_token', severity: 'error', start, end, literalStart: start, literalEnd: end, value, key: 'Authorization' });
}

/**
 * `before` ends inside the "headers" object of a server entry whose key or body (url, type…) mentions Vendaze.
 * Brace counting over a bounded slice: another server's entry next to a Vendaze one is not taken for it.
 */
function isVendazeServerHeader(before: string): boolean {
  const headers = before.lastIndexOf('"headers"');
  if (headers === -1 || !/^"headers"\s*:\s*\{[^{}]*$/.test(before.slice(headers))) return false;
  let depth = 0;
  let open = -1;
  for (let i = headers - 1; i >= 0 && open === -1; i--) {
    const c = before.charCodeAt(i);
    if (c === 0x7d /* } */) depth++;
    else if (c === 0x7b /* { */) {
      if (depth === 0) open = i;
      else depth--;
    }
  }
  if (open === -1) return false;
  const name = /"([^"\n]{1,100})"\s*:\s*$/.exec(before.slice(Math.max(0, open - 120), open))?.[1] ?? '';
  if (!before.slice(0, open).includes('"servers"') && !/\/mcp\b/.test(before.slice(open, headers))) return false;
  return /vendaze/i.test(name) || /vendaze/i.test(before.slice(open, headers));
}
