import * as vscode from 'vscode';

/**
 * `vendaze-schema://schemas/<file>`: serves the JSON schema files shipped in the extension, so a payload's `$schema`
 * can name the one that follows its app's API generation without an absolute path to the install folder (which
 * changes with every update). VS Code's JSON support reads non-file schemes through open text documents.
 */
export const SCHEMA_SCHEME = 'vendaze-schema';

export function registerSchemaProvider(extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(SCHEMA_SCHEME, {
    async provideTextDocumentContent(uri) {
      // Only shipped schema files: `schemas/<name>.schema.json`, no other path of the extension.
      const name = `${uri.authority}${uri.path}`;
      if (!/^schemas\/[a-z0-9-]+\.schema\.json$/.test(name)) return '{}';
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, name));
      return new TextDecoder().decode(bytes);
    },
  });
}
