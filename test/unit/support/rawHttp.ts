import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';

/**
 * HTTP the way a hostile client sends it: a raw request line over a socket (clients refuse to send malformed
 * ones), and requests with a chosen `Host` / `Origin` (undici and fetch set Host themselves).
 */

/** Writes `text` on a fresh connection and resolves with everything the server sent before closing (or 3 s). */
export function rawExchange(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), 3000);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    socket.write(text);
  });
}

export interface PlainReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export function send(port: number, method: string, path: string, headers: Record<string, string>, body?: string): Promise<PlainReply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
