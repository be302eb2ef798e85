import { fetch as undiciFetch, type Dispatcher } from 'undici';
import type { FetchLike, HttpLayer } from '../api/http';
import { createNodeAgent, type NodeAgentOptions } from './nodeAgent';
import { bypassesProxy, displayProxy, effectiveNoProxy, proxyEnv } from './noProxy';

/**
 * The HttpLayer of our own processes (CLI, tests): undici's fetch through createNodeAgent, so HTTPS_PROXY /
 * HTTP_PROXY / NO_PROXY and NODE_EXTRA_CA_CERTS apply as every Node tool applies them.
 */
export function nodeHttp(options: NodeAgentOptions & { dispatcher?: Dispatcher } = {}): HttpLayer & { dispatcher: Dispatcher } {
  const dispatcher = options.dispatcher ?? createNodeAgent(options);
  const env = proxyEnv(options.env);
  const noProxy = effectiveNoProxy(env.noProxy);
  const send: FetchLike = (url, init) => undiciFetch(url, { ...init, dispatcher }) as ReturnType<FetchLike>;
  return {
    fetch: send,
    settings: 'env',
    dispatcher,
    proxyFor(url) {
      const proxy = url.protocol === 'https:' ? (env.httpsProxy || env.httpProxy) : env.httpProxy;
      return proxy && !bypassesProxy(url, noProxy) ? displayProxy(proxy) : undefined;
    },
  };
}
