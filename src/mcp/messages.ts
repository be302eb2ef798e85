/**
 * What the proxy needs to know about the JSON-RPC messages it forwards, and the answers it writes itself. Pure: no
 * vscode, no I/O, so every rule here is unit-tested on its own.
 */

export type JsonRpcId = string | number | null;

export interface RpcMessage {
  jsonrpc?: unknown;
  id?: unknown;
  method?: unknown;
  params?: unknown;
  result?: unknown;
  error?: unknown;
}

/** The command users run to sign in again (named in every "session gone" answer). */
export const SIGN_IN_COMMAND = 'Vendaze: Sign In';
export const READ_ONLY_SETTING = 'vendaze.mcp.readOnly';

/** JSON-RPC error codes of the proxy's own answers (the server range -32000..-32099). */
export const ProxyErrorCodes = {
  signedOut: -32001,
  outcomeUnknown: -32002,
  upstream: -32003,
  refused: -32004,
} as const;

export function parseMessage(body: string): RpcMessage | RpcMessage[] | undefined {
  try {
    const value: unknown = JSON.parse(body);
    if (Array.isArray(value)) return value.filter((m): m is RpcMessage => typeof m === 'object' && m !== null);
    return typeof value === 'object' && value !== null ? (value as RpcMessage) : undefined;
  } catch {
    return undefined;
  }
}

export function idOf(message: RpcMessage | undefined): JsonRpcId {
  const id = message?.id;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

export function toolNameOf(message: RpcMessage): string | undefined {
  if (message.method !== 'tools/call') return undefined;
  const params = message.params as { name?: unknown } | undefined;
  return typeof params?.name === 'string' ? params.name : '';
}

/** Vendaze's read tools are list_* and get_*; a search_/find_ tool would read too. Everything else writes. */
export function isReadToolName(name: string): boolean {
  return /^(?:list|get|search|find)_/.test(name);
}

/**
 * Whether forwarding the message twice can do no harm: protocol messages and read tools. A tools/call of any other
 * tool creates, updates or deletes; after a 5xx or a dropped connection its outcome is unknown and it is never
 * repeated (issue 11's rule). An unknown method counts as unsafe.
 */
export function isRepeatable(message: RpcMessage | RpcMessage[] | undefined): boolean {
  if (message === undefined) return false;
  if (Array.isArray(message)) return message.every((m) => isRepeatable(m));
  const method = typeof message.method === 'string' ? message.method : '';
  if (method === 'tools/call') return isReadToolName(toolNameOf(message) ?? '');
  if (method.startsWith('notifications/')) return true;
  return ['initialize', 'ping', 'tools/list', 'resources/list', 'resources/templates/list', 'prompts/list', 'logging/setLevel'].includes(method);
}

/** A tool a read-only proxy hides: anything that is not a read tool, or that the server marks as not read-only. */
export function hiddenWhenReadOnly(tool: { name?: unknown; annotations?: { readOnlyHint?: unknown } }): boolean {
  if (typeof tool.name !== 'string' || !isReadToolName(tool.name)) return true;
  return tool.annotations?.readOnlyHint === false;
}

/** Drops the write and delete tools from a tools/list answer (other messages come back unchanged). */
export function filterToolsList(message: RpcMessage): RpcMessage {
  const result = message.result as { tools?: unknown } | undefined;
  if (!result || !Array.isArray(result.tools)) return message;
  return { ...message, result: { ...result, tools: result.tools.filter((t: { name?: unknown }) => !hiddenWhenReadOnly(t)) } };
}

export function rpcError(id: JsonRpcId, code: number, message: string, data?: Record<string, unknown>): RpcMessage {
  return { jsonrpc: '2.0', id, error: data ? { code, message, data } : { code, message } };
}

/** A CallToolResult with isError: the model reads it and can tell the user what to do. */
export function toolError(id: JsonRpcId, text: string): RpcMessage {
  return { jsonrpc: '2.0', id, result: { content: [{ type: 'text', text }], isError: true } };
}

export function signedOutText(workspace?: string): string {
  const which = workspace ? ` for ${workspace}` : '';
  return `The Vendaze session${which} is signed out or has ended. Run "${SIGN_IN_COMMAND}" in VS Code, then restart this MCP server.`;
}

export function readOnlyText(tool: string): string {
  return `${tool} changes CRM data and is hidden because the "${READ_ONLY_SETTING}" setting is on. Turn it off to let agents create, update or delete records.`;
}

export function outcomeUnknownText(tool: string, cause: string): string {
  return `Vendaze did not confirm ${tool} (${cause}). It may or may not have been applied, so it was not repeated: check the record (e.g. with a list_ or get_ tool) before trying again.`;
}

/**
 * How to get a scope the session lacks. On the PKCE-era API a sign-in asks for scopes, so a scope the app is
 * registered with is one sign-in away; a scope the app lacks must be added to the app first. On the 2026-07 API
 * scopes are fixed at registration: a new app is the only way.
 */
export function missingScopeText(scope: string, workspace: string, appScopes: readonly string[] | undefined): string {
  const head = `Vendaze refused this call: the session for ${workspace} lacks the '${scope}' scope.`;
  if (appScopes?.includes(scope)) {
    return `${head} Your app is registered with it: run "${SIGN_IN_COMMAND}" and ask for '${scope}', then retry.`;
  }
  return (
    `${head} Add '${scope}' to the app first ("Vendaze: Rotate App…" on the PKCE-era API; on the 2026-07 API, where scopes ` +
    `are fixed at registration, register an app with it), then run "${SIGN_IN_COMMAND}" asking for it.`
  );
}

/** The scope a 403 names: WWW-Authenticate `scope="…"` first, else the documented message. */
export function missingScopeOf(wwwAuthenticate: string | undefined, body: string): string | undefined {
  const fromHeader = /scope="([^"]{1,100})"/.exec(wwwAuthenticate ?? '')?.[1];
  if (fromHeader) return fromHeader.split(' ')[0];
  return /requires the '([a-z_]{1,40}:[a-z]{1,10})' scope/.exec(body.slice(0, 4096))?.[1];
}

/** The Vendaze error envelope's code and message, when the body is one. */
export function vendazeError(body: string): { code?: string; message?: string; requestId?: string } {
  try {
    const value = JSON.parse(body) as { error?: { code?: unknown; message?: unknown; request_id?: unknown } };
    const e = value.error;
    if (!e || typeof e !== 'object') return {};
    return {
      code: typeof e.code === 'string' ? e.code : undefined,
      message: typeof e.message === 'string' ? e.message.slice(0, 300) : undefined,
      requestId: typeof e.request_id === 'string' ? e.request_id.slice(0, 64) : undefined,
    };
  } catch {
    return {};
  }
}
