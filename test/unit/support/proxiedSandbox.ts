/**
 * The company-network set-up of the proxy and certificate tests: an https sandbox whose certificate comes from a
 * throw-away company CA, reached as api.vendaze.test (a name only the test proxies resolve, to 127.0.0.1: proxies
 * and NO_PROXY conventions skip loopback, so a 127.0.0.1 URL would prove nothing), behind two CONNECT proxies, one
 * asking for Basic authentication.
 */
import type { HttpLayer } from '../../../src/api/http';
import { nodeHttp } from '../../../src/net/nodeHttp';
import type { RunningSandbox } from '../../../src/sandbox/types';
import { startApiSandbox } from './apiSandbox';
import { hostsLookup, startConnectProxy, type TestProxy } from './connectProxy';
import { createTestPki, type TestPki } from './testPki';

export const PROXIED_HOST = 'api.vendaze.test';
export const PROXIED_HOSTS = { [PROXIED_HOST]: '127.0.0.1' };
/** What the authenticating proxy accepts. */
export const PROXY_USER = 'dev';
export const PROXY_PASSWORD = 'pr0xy-s3cret';

export interface ProxiedSandbox {
  pki: TestPki;
  sandbox: RunningSandbox;
  /** https://api.vendaze.test:<port> */
  apiUrl: string;
  proxy: TestProxy;
  authProxy: TestProxy;
  /** `HTTPS_PROXY` naming the authenticating proxy with its credentials. */
  authProxyUrlWithCredentials: string;
  /**
   * An HttpLayer of our own processes (undici + the proxy environment), trusting the company CA unless `ca` is
   * false; `lookup` resolves the test name directly (no proxy). Closed by close().
   */
  layer(env: NodeJS.ProcessEnv, options?: { ca?: boolean; lookup?: boolean }): HttpLayer;
  close(): Promise<void>;
}

export async function startProxiedSandbox(): Promise<ProxiedSandbox> {
  const pki = createTestPki([PROXIED_HOST]);
  // The sandbox answers only Host names it knows (DNS rebinding guard): tell it the one the proxies resolve.
  const sandbox = await startApiSandbox({ tls: { key: pki.serverKey, cert: pki.serverChain }, allowedHosts: [PROXIED_HOST] });
  const proxy = await startConnectProxy({ hosts: PROXIED_HOSTS });
  const authProxy = await startConnectProxy({ hosts: PROXIED_HOSTS, auth: { user: PROXY_USER, password: PROXY_PASSWORD } });
  const layers: Array<{ dispatcher: { close(): Promise<void> } }> = [];
  return {
    pki,
    sandbox,
    apiUrl: `https://${PROXIED_HOST}:${sandbox.port}`,
    proxy,
    authProxy,
    authProxyUrlWithCredentials: `http://${PROXY_USER}:${PROXY_PASSWORD}@127.0.0.1:${authProxy.port}`,
    layer(env, options = {}) {
      const made = nodeHttp({ env, extraCaCerts: options.ca === false ? [] : [pki.caCert], lookup: options.lookup ? hostsLookup(PROXIED_HOSTS) : undefined });
      layers.push(made);
      return made;
    },
    async close() {
      await Promise.all(layers.map((l) => l.dispatcher.close()));
      await Promise.all([sandbox.close(), proxy.close(), authProxy.close()]);
      pki.dispose();
    },
  };
}
