import * as vscode from 'vscode';
import { AuthConfig } from './authConfig';
import { loopbackUrl, RedirectCandidates } from './redirect';
import { AUTH_CALLBACK_PATH } from './uriHandler';

/**
 * What this VS Code can offer as a redirect URI: asExternalUri of the URI handler (http(s) in code-server,
 * Codespaces, vscode.dev; unchanged vscode:// on desktop) and of the loopback listener (code-server maps it to its
 * /proxy/<port>/ route, Codespaces to a forwarded https host). planRedirect() picks among them.
 */
export async function redirectCandidates(config: AuthConfig, extensionId: string): Promise<RedirectCandidates> {
  const handler = vscode.Uri.parse(`${vscode.env.uriScheme}://${extensionId}${AUTH_CALLBACK_PATH}`);
  const [handlerExternal, loopbackExternal] = await Promise.all([
    vscode.env.asExternalUri(handler),
    vscode.env.asExternalUri(vscode.Uri.parse(loopbackUrl(config.loopbackPort))),
  ]);
  // toString(true): the URL as the browser must see it. The default encoding would escape the `=` and `&` of
  // code-server's `?vscode-reqid=1&vscode-scheme=…` query (its `%2F` becoming `%252F`), giving a different URL.
  return {
    uriHandlerExternal: handlerExternal.toString(true),
    loopbackPort: config.loopbackPort,
    loopbackExternal: loopbackExternal.toString(true),
    bounceUrl: config.redirectBounceUrl,
  };
}
