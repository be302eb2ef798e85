/**
 * The few requests of `vendaze-scan --verify`, on node:http/https alone: bundling undici into the CLI doubled its
 * size and cost every run ~50 ms of CPU for a flag most runs never pass. Honours HTTPS_PROXY / HTTP_PROXY /
 * NO_PROXY (CONNECT tunnel for https, Basic credentials from the proxy URL; loopback never proxied) like
 * src/net/nodeAgent.ts; NODE_EXTRA_CA_CERTS is applied by Node to every TLS connection. Bodies are capped.
 */
import http from 'node:http';
import https from 'node:https';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { bypassesProxy, effectiveNoProxy, proxyEnv } from '../net/noProxy';
import type { VerifyFetch, VerifyResponse } from './online';

const MAX_BODY = 64 * 1024;

function tunnel(proxy: URL, target: URL, signal: AbortSignal): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const authority = `${target.hostname.replace(/^\[|\]$/g, '')}:${target.port || 443}`;
    const headers: Record<string, string> = { host: authority };
    if (proxy.username) headers['proxy-authorization'] = `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}`;
    const request = (proxy.protocol === 'https:' ? https : http).request({ host: proxy.hostname, port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80), method: 'CONNECT', path: authority, headers, signal });
    request.on('connect', (response, socket) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        return reject(new Error(`the proxy answered ${response.statusCode} to CONNECT`));
      }
      const tls = tlsConnect({ socket, servername: target.hostname.replace(/^\[|\]$/g, '') });
      tls.once('secureConnect', () => resolve(tls));
      tls.once('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

export function nodeVerifyFetch(env: NodeJS.ProcessEnv): VerifyFetch {
  const proxies = proxyEnv(env);
  const noProxy = effectiveNoProxy(proxies.noProxy);
  return async (raw, init) => {
    const url = new URL(raw);
    const proxySetting = url.protocol === 'https:' ? (proxies.httpsProxy ?? proxies.httpProxy) : proxies.httpProxy;
    const proxy = proxySetting && !bypassesProxy(url, noProxy) ? new URL(proxySetting.includes('://') ? proxySetting : `http://${proxySetting}`) : undefined;
    const headers: Record<string, string> = { ...init.headers, ...(init.body !== undefined ? { 'content-length': String(Buffer.byteLength(init.body)) } : {}) };
    let options: https.RequestOptions = { method: init.method, headers, signal: init.signal };
    // Plain http is only ever loopback (verifyBaseUrl), which is never proxied: https alone may tunnel.
    if (proxy && url.protocol === 'https:') {
      const socket = await tunnel(proxy, url, init.signal);
      options = { ...options, createConnection: () => socket };
    }
    return new Promise<VerifyResponse>((resolve, reject) => {
      const request = (url.protocol === 'https:' ? https : http).request(url, options, (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < MAX_BODY) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () => {
          const body = Buffer.concat(chunks).subarray(0, MAX_BODY).toString('utf8');
          resolve({ status: response.statusCode ?? 0, text: async () => body });
        });
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end(init.body);
    });
  };
}
