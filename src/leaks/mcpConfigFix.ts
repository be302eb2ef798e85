/**
 * The quick fix for a Vendaze token in an MCP server entry: remove that entry (and with it the Authorization
 * header), because the extension now provides the Vendaze server itself with a token it keeps fresh. Every other
 * server, input and setting in the file stays as it is (jsonc-parser's modify: comments and formatting survive).
 * Pure (no vscode): the code action turns the edits into a WorkspaceEdit.
 */
import { findNodeAtLocation, findNodeAtOffset, getNodePath, getNodeValue, modify, parseTree, type Edit, type Node } from 'jsonc-parser';

export type McpConfigKind = 'settings' | 'mcp';

/** `settings.json` keeps servers under "mcp" > "servers"; `.vscode/mcp.json` and the profile's `mcp.json` under "servers". */
export function mcpConfigKind(fileName: string): McpConfigKind | undefined {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1).toLowerCase();
  if (base === 'settings.json') return 'settings';
  if (base === 'mcp.json') return 'mcp';
  return undefined;
}

export interface McpServerEntry {
  /** The server's key in the servers object. */
  name: string;
  /** JSON path of the entry, e.g. ["mcp", "servers", "vendaze"]. */
  path: Array<string | number>;
}

/**
 * The Vendaze MCP server entry whose headers hold `offset`, or undefined. Vendaze = the entry's name or url
 * mentions Vendaze, or its url is `<a Vendaze API base>/mcp` (the sandbox's loopback URL, a custom base URL).
 */
export function vendazeServerAt(text: string, offset: number, kind: McpConfigKind, apiBaseUrls: readonly string[] = []): McpServerEntry | undefined {
  const root = parseTree(text);
  if (!root) return undefined;
  const node = findNodeAtOffset(root, offset, true);
  if (!node) return undefined;
  const path = getNodePath(node);
  const prefix = kind === 'settings' ? ['mcp', 'servers'] : ['servers'];
  if (path.length < prefix.length + 3 || prefix.some((key, i) => path[i] !== key)) return undefined;
  if (path[prefix.length + 1] !== 'headers' || String(path[prefix.length + 2]).toLowerCase() !== 'authorization') return undefined;
  const name = path[prefix.length];
  if (typeof name !== 'string') return undefined;
  const entryPath = [...prefix, name];
  const entry = findNodeAtLocation(root, entryPath);
  if (!entry || !isVendazeEntry(name, entry, apiBaseUrls)) return undefined;
  return { name, path: entryPath };
}

function isVendazeEntry(name: string, entry: Node, apiBaseUrls: readonly string[]): boolean {
  if (/vendaze/i.test(name)) return true;
  const url = findNodeAtLocation(entry, ['url']);
  const value = url ? getNodeValue(url) : undefined;
  if (typeof value !== 'string') return false;
  if (/vendaze/i.test(value)) return true;
  const trimmed = value.replace(/\/+$/, '');
  return apiBaseUrls.some((base) => trimmed === `${base.replace(/\/+$/, '')}/mcp`);
}

/** The edits that remove the entry, indented like the file. */
export function removeServerEdits(text: string, entry: McpServerEntry): Edit[] {
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  const formattingOptions = indent.startsWith('\t') ? { insertSpaces: false, tabSize: 1 } : { insertSpaces: true, tabSize: indent.length };
  return modify(text, entry.path, undefined, { formattingOptions });
}
