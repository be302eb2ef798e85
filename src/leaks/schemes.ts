/**
 * The document schemes leak diagnostics are published for, and so the schemes the quick fixes must be registered
 * for too (one list, so the two cannot drift apart again): files on disk, unsaved editors, virtual workspaces
 * (vscode-vfs: GitHub repositories in the browser), remote files, and the user's own settings.json and mcp.json
 * (vscode-userdata), where MCP server tokens get pasted. Pure.
 */
export const LEAK_SCHEMES: readonly string[] = ['file', 'untitled', 'vscode-vfs', 'vscode-remote', 'vscode-userdata'];
