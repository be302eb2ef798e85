import { allowedHostNames } from '../../common/httpGuard';
import { ERROR_MESSAGES } from '../../schemas/errors';
import type { SandboxContext } from '../context';
import { parseBody, type Exchange } from '../http';
import { checkBearer } from '../tokens';
import { callTool } from './call';
import { describeTool, TOOLS, TOOLS_BY_NAME } from './tools';

/**
 * POST /mcp: the MCP Streamable HTTP transport, stateless, JSON answers only (the spec lets a server answer a
 * POST with application/json instead of an SSE stream, and GET with 405 when it offers no server stream).
 *
 * Hand-written rather than the official SDK's server: the sandbox ships inside the extension (Start Local
 * Sandbox) and stays dependency-free, while the SDK is a devDependency whose server side pulls in express/hono,
 * ajv and zod-to-json-schema. The SDK is used as the CLIENT in the tests, which is what checks this endpoint.
 *
 * Same token rules as /v1: 401 unauthorized / token_expired (with WWW-Authenticate), 403 insufficient_scope
 * naming the scope, and each tools/call takes the per-app bucket of the REST call it stands for.
 */

export const MCP_PROTOCOL_VERSIONS = ['2025-11-25', '2025-06-18', '2025-03-26'] as const;
const SERVER_INFO = { name: 'vendaze-sandbox', title: 'Vendaze (local sandbox)', version: '1.0.0' };

type Id = string | number;

export function mcpWrongMethod(_ctx: SandboxContext, ex: Exchange): void {
  // No server-initiated stream and no sessions to end: GET and DELETE are not offered (spec: 405).
  ex.error('bad_request', `${ex.method} is not supported on /mcp: this server answers POSTed JSON-RPC messages with JSON.`, { status: 405, headers: { Allow: 'POST' } });
}

export async function mcpPost(ctx: SandboxContext, ex: Exchange): Promise<void> {
  const refusal = originRefusal(ctx, ex);
  if (refusal) return ex.error('forbidden', refusal);
  const accept = (ex.header('accept') ?? '').toLowerCase();
  if (accept && !accept.includes('application/json') && !accept.includes('*/*')) {
    return ex.error('bad_request', 'Accept must include application/json (this server does not stream).', { status: 406 });
  }
  const bearer = checkBearer(ctx, ex);
  if (!bearer.ok) {
    // RFC 6750: invalid_token for every 401 of a bearer-protected resource.
    return ex.error(bearer.code, bearer.message, { headers: { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${bearer.message}"` } });
  }
  const body = await parseBody(ex, false);
  if (!body.ok) return rpcError(ex, null, -32700, body.message, 400);
  const message = body.value as { jsonrpc?: unknown; id?: unknown; method?: unknown; params?: unknown };
  if (Array.isArray(message)) return rpcError(ex, null, -32600, 'JSON-RPC batches are not supported (removed in MCP 2025-06-18).', 400);
  if (typeof message !== 'object' || message === null || message.jsonrpc !== '2.0') return rpcError(ex, null, -32600, 'Not a JSON-RPC 2.0 message.', 400);
  const version = ex.header('mcp-protocol-version');
  if (version !== undefined && !(MCP_PROTOCOL_VERSIONS as readonly string[]).includes(version)) {
    return rpcError(ex, null, -32600, `Unsupported MCP-Protocol-Version ${JSON.stringify(version.slice(0, 40))}; supported: ${MCP_PROTOCOL_VERSIONS.join(', ')}.`, 400);
  }
  // Notifications and responses get no answer body.
  if (message.id === undefined || typeof message.method !== 'string') return ex.send(202, '', undefined);
  const id = typeof message.id === 'string' || typeof message.id === 'number' ? message.id : null;
  if (id === null) return rpcError(ex, null, -32600, 'id must be a string or a number.', 400);
  const params = (typeof message.params === 'object' && message.params !== null ? message.params : {}) as Record<string, unknown>;
  switch (message.method) {
    case 'initialize':
      return rpcResult(ex, id, initializeResult(params));
    case 'ping':
      return rpcResult(ex, id, {});
    case 'tools/list':
      return rpcResult(ex, id, { tools: TOOLS.map(describeTool) });
    case 'tools/call':
      return toolsCall(ctx, ex, id, params, bearer);
    default:
      return rpcError(ex, id, -32601, `Method not found: ${String(message.method).slice(0, 80)}`);
  }
}

function initializeResult(params: Record<string, unknown>): Record<string, unknown> {
  const asked = typeof params.protocolVersion === 'string' ? params.protocolVersion : '';
  return {
    protocolVersion: (MCP_PROTOCOL_VERSIONS as readonly string[]).includes(asked) ? asked : MCP_PROTOCOL_VERSIONS[0],
    capabilities: { tools: { listChanged: false } },
    serverInfo: SERVER_INFO,
    instructions: 'Vendaze CRM tools (local sandbox). Records are scoped to the workspace of the access token.',
  };
}

async function toolsCall(ctx: SandboxContext, ex: Exchange, id: Id, params: Record<string, unknown>, auth: Parameters<typeof callTool>[2]): Promise<void> {
  const name = typeof params.name === 'string' ? params.name : '';
  const tool = TOOLS_BY_NAME.get(name);
  if (!tool) return rpcError(ex, id, -32602, `Unknown tool: ${name.slice(0, 80) || '(none)'}`);
  // As on /v1: the per-app bucket first (a refused scope still spends a request), then the scope.
  const decision = ctx.limiter.take(`${tool.bucket}:app:${auth.app.id}`, ctx.faults.rateLimits[tool.bucket], ctx.nowMs() / 1000);
  ex.setRate(decision);
  if (!decision.allowed) return ex.rateLimited(decision);
  if (!auth.scopes.includes(tool.scope)) {
    return ex.error('insufficient_scope', ERROR_MESSAGES.insufficientScope(tool.scope), {
      headers: { 'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${tool.scope}"` },
    });
  }
  const result = callTool(ctx, tool, auth, params.arguments ?? {}, ex.requestId);
  return rpcResult(ex, id, result);
}

/**
 * DNS rebinding: a page on evil.example that rebinds its name to 127.0.0.1 sends its own Host and Origin. Only this
 * server's own loopback names pass; a request with no Origin (not from a browser) passes the Origin check.
 */
function originRefusal(ctx: SandboxContext, ex: Exchange): string | undefined {
  const port = new URL(ctx.baseUrl).port;
  // Loopback, and the names the sandbox was told it is served under (allowedHosts: code-server, a test proxy's name).
  const named = [...allowedHostNames(ctx.options.allowedHosts)].map((name) => `${name}:${port}`);
  const own = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, ...named]);
  const host = (ex.header('host') ?? '').toLowerCase();
  if (!own.has(host)) return `Host ${JSON.stringify(host.slice(0, 80))} is not this server.`;
  const origin = ex.header('origin');
  if (origin === undefined) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(origin);
  } catch {
    parsed = undefined;
  }
  if (parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:') && own.has(parsed.host.toLowerCase())) return undefined;
  return `Origin ${JSON.stringify(origin.slice(0, 80))} is not allowed.`;
}

function rpcResult(ex: Exchange, id: Id, result: unknown): void {
  ex.json(200, { jsonrpc: '2.0', id, result });
}

function rpcError(ex: Exchange, id: Id | null, code: number, message: string, status = 200): void {
  ex.json(status, { jsonrpc: '2.0', id, error: { code, message, data: { request_id: ex.requestId } } });
}
