import type { HttpLayer } from '../api/http';
import { SessionEndedError } from '../auth/errors';
import {
  filterToolsList,
  idOf,
  isReadToolName,
  isRepeatable,
  missingScopeOf,
  missingScopeText,
  outcomeUnknownText,
  parseMessage,
  ProxyErrorCodes,
  readOnlyText,
  rpcError,
  signedOutText,
  toolError,
  toolNameOf,
  vendazeError,
  type RpcMessage,
} from './messages';
import { rewriteSse } from './sse';
import { sendUpstream, type Sent } from './upstream';

/**
 * One request from the MCP client, forwarded to the session's `<apiBaseUrl>/mcp` with a fresh access token. The
 * Vendaze token never travels back: a 401 is answered by refreshing and retrying once (a 401 comes before the
 * call runs, so the retry is safe for any message), or by an MCP error naming the sign-in command; passing the 401
 * through would make the editor's MCP client start its own OAuth sign-in against Vendaze.
 */

export interface McpSession {
  id: string;
  clientId: string;
  workspaceSlug: string;
  accessToken: string;
  apiBaseUrl: string;
}

export interface TokenSource {
  /** The session with a usable access token (refreshed when due, or when `staleAccessToken` was just refused). Throws once the session has ended. */
  fresh(sessionId: string, staleAccessToken?: string): Promise<McpSession>;
  /** The scopes the session's app is registered with, for the missing-scope advice. */
  appScopes?(clientId: string): readonly string[] | undefined;
}

export interface ForwardDeps {
  tokens: TokenSource;
  /** How requests reach Vendaze: the host's fetch in VS Code (its proxy and certificate settings), undici in our own processes. */
  http: HttpLayer;
  readOnly(): boolean;
  log?(line: string): void;
  /** Wait before repeating a repeatable message after a 5xx or a dropped connection. */
  retryDelayMs?: number;
}

export interface Incoming {
  method: string;
  headers: Record<string, string | undefined>;
  body: string;
  signal?: AbortSignal;
}

export interface Outgoing {
  status: number;
  headers: Record<string, string>;
  body: string | AsyncIterable<Uint8Array>;
}

const MAX_BUFFERED = 32 * 1024 * 1024;

export function jsonAnswer(status: number, message: RpcMessage, headers: Record<string, string> = {}): Outgoing {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(message) };
}

export async function forward(deps: ForwardDeps, sessionId: string, incoming: Incoming): Promise<Outgoing> {
  const message = incoming.method === 'POST' ? parseMessage(incoming.body) : undefined;
  if (incoming.method === 'POST' && message === undefined) return jsonAnswer(400, rpcError(null, -32700, 'Parse error: the body is not JSON.'));
  // Batches left MCP in 2025-06-18: refusing them keeps the read-only and no-repeat rules about one message each.
  if (Array.isArray(message)) return jsonAnswer(400, rpcError(null, -32600, 'JSON-RPC batches are not supported.'));
  const single = message;
  const id = idOf(single);
  const tool = single ? toolNameOf(single) : undefined;
  const answer = (status: number, rpc: RpcMessage) => jsonAnswer(id === null ? status : 200, rpc);
  if (tool !== undefined && deps.readOnly() && !isReadToolName(tool)) return answer(403, toolError(id, readOnlyText(tool)));

  let session: McpSession;
  try {
    session = await deps.tokens.fresh(sessionId);
  } catch (error) {
    return answer(error instanceof SessionEndedError ? 403 : 502, tokenFailure(id, error));
  }
  const repeatable = incoming.method !== 'POST' || isRepeatable(message);
  let authRetried = false;
  let failureRetried = false;
  for (;;) {
    const sent = await sendUpstream(deps.http, session, incoming);
    if (sent.kind === 'failed' || sent.status >= 500) {
      const cause = sent.kind === 'failed' ? sent.cause : `HTTP ${sent.status}${await requestIdNote(sent)}`;
      if (repeatable && !failureRetried && !incoming.signal?.aborted) {
        failureRetried = true;
        deps.log?.(`MCP ${describe(single)} for ${session.workspaceSlug}: ${cause}; repeating it once (it is repeatable).`);
        await delay(deps.retryDelayMs ?? 250);
        continue;
      }
      deps.log?.(`MCP ${describe(single)} for ${session.workspaceSlug}: ${cause}${repeatable ? '' : '; not repeated (its outcome is unknown)'}.`);
      if (tool !== undefined && !repeatable) return answer(502, toolError(id, outcomeUnknownText(tool, cause)));
      return answer(502, rpcError(id, ProxyErrorCodes.upstream, `Vendaze's MCP server did not answer (${cause}).`));
    }
    if (sent.status === 401) {
      await sent.body.dump();
      if (!authRetried) {
        authRetried = true;
        try {
          session = await deps.tokens.fresh(sessionId, session.accessToken);
        } catch (error) {
          return answer(error instanceof SessionEndedError ? 403 : 502, tokenFailure(id, error, session.workspaceSlug));
        }
        continue;
      }
      return answer(403, rpcError(id, ProxyErrorCodes.signedOut, signedOutText(session.workspaceSlug)));
    }
    if (sent.status >= 400) return refusal(deps, session, sent, id, tool, answer);
    return success(deps, sent, single);
  }
}

async function refusal(
  deps: ForwardDeps,
  session: McpSession,
  sent: Extract<Sent, { kind: 'response' }>,
  id: ReturnType<typeof idOf>,
  tool: string | undefined,
  answer: (status: number, rpc: RpcMessage) => Outgoing,
): Promise<Outgoing> {
  const body = (await sent.body.text()).slice(0, 64 * 1024);
  const error = vendazeError(body);
  const scope = sent.status === 403 ? missingScopeOf(sent.wwwAuthenticate, body) : undefined;
  if (scope || error.code === 'insufficient_scope') {
    const text = missingScopeText(scope ?? 'required', session.workspaceSlug, deps.tokens.appScopes?.(session.clientId));
    return tool !== undefined ? answer(403, toolError(id, text)) : answer(403, rpcError(id, ProxyErrorCodes.refused, text));
  }
  // An MCP-level error the server wrote itself (JSON-RPC body): the client understands it as is.
  if (body.includes('"jsonrpc"')) return { status: sent.status, headers: { ...sent.headers, 'content-type': 'application/json' }, body };
  if (id === null) return { status: sent.status, headers: sent.headers, body };
  const retry = sent.headers['retry-after'] ? ` Try again in ${sent.headers['retry-after']} seconds.` : '';
  const note = error.requestId ? ` (request ${error.requestId})` : '';
  return answer(sent.status, rpcError(id, ProxyErrorCodes.upstream, `Vendaze answered HTTP ${sent.status}${error.code ? ` ${error.code}` : ''}: ${error.message ?? 'no details'}${note}.${retry}`));
}

async function success(deps: ForwardDeps, sent: Extract<Sent, { kind: 'response' }>, single: RpcMessage | undefined): Promise<Outgoing> {
  const filtering = deps.readOnly() && single?.method === 'tools/list';
  const type = sent.headers['content-type'] ?? '';
  if (filtering && type.startsWith('text/event-stream')) {
    return { status: sent.status, headers: sent.headers, body: rewriteSse(sent.body, (m) => (m.id === single.id ? filterToolsList(m) : m)) };
  }
  if (!filtering || !type.includes('json')) return { status: sent.status, headers: sent.headers, body: sent.body };
  const text = await sent.body.text();
  if (text.length > MAX_BUFFERED) return jsonAnswer(502, rpcError(idOf(single), ProxyErrorCodes.upstream, 'The tools list is too large.'));
  const parsed = parseMessage(text);
  const filtered = parsed && !Array.isArray(parsed) ? filterToolsList(parsed) : parsed;
  return { status: sent.status, headers: sent.headers, body: JSON.stringify(filtered) };
}

async function requestIdNote(sent: Extract<Sent, { kind: 'response' }>): Promise<string> {
  await sent.body.dump().catch(() => undefined);
  return sent.headers['x-request-id'] ? `, request ${sent.headers['x-request-id']}` : '';
}

/** A session that ended names the sign-in command; a refresh that failed otherwise (offline, 429) says why. */
function tokenFailure(id: ReturnType<typeof idOf>, error: unknown, workspace?: string): RpcMessage {
  if (error instanceof SessionEndedError) return rpcError(id, ProxyErrorCodes.signedOut, signedOutText(workspace));
  return rpcError(id, ProxyErrorCodes.upstream, `Could not renew the Vendaze access token${workspace ? ` for ${workspace}` : ''}: ${(error as Error).message ?? String(error)}`);
}

function describe(message: RpcMessage | undefined): string {
  if (!message) return 'request';
  const tool = toolNameOf(message);
  return tool !== undefined ? `tools/call ${tool}` : String(message.method ?? 'message');
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
