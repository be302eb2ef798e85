import * as vscode from 'vscode';
import type { HttpLayer } from '../api/http';
import { bypassesProxy, displayProxy, proxyEnv } from './noProxy';

/**
 * The HttpLayer inside VS Code: the extension host's global `fetch`, which VS Code patches (engines.vscode
 * >= 1.101) to follow http.proxy, http.noProxy, PAC files and the OS proxy settings, to answer proxy
 * authentication (Basic, Kerberos...), and to trust the OS certificate store (http.systemCertificates). Using
 * it, rather than a bundled HTTP client VS Code cannot patch, is what makes sign-in work behind a company proxy.
 * The settings are read here only to NAME the proxy in error messages; VS Code does the routing.
 */
export function hostHttp(): HttpLayer {
  return {
    // Looked up per call, not captured: VS Code may install its patched fetch after this module loads.
    fetch: (url, init) => globalThis.fetch(url, init),
    settings: 'vscode',
    proxyFor(url) {
      const http = vscode.workspace.getConfiguration('http');
      const env = proxyEnv();
      const proxy = http.get<string>('proxy') || (url.protocol === 'https:' ? env.httpsProxy || env.httpProxy : env.httpProxy);
      if (!proxy) return undefined;
      const noProxy = [...(http.get<string[]>('noProxy') ?? []), env.noProxy ?? '', 'localhost', '127.0.0.1', '::1'];
      return bypassesProxy(url, noProxy.join(',')) ? undefined : displayProxy(proxy);
    },
  };
}
