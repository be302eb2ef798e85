import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { refusal } from '../common/httpGuard';

/**
 * The sandbox's gate in front of every handler (see ../common/httpGuard for the rules): a request target that
 * does not parse, or a `Host` that is not loopback or an allowed name, is answered with the documented error
 * envelope and never reaches the router, so a malformed request can neither throw nor be answered for a
 * rebound host name. Returns true when it answered.
 */
export function refuseBadRequest(req: IncomingMessage, res: ServerResponse, allowedHosts: ReadonlySet<string>, log: (line: string) => void): boolean {
  const refused = refusal(req, allowedHosts);
  if (!refused) return false;
  const requestId = randomUUID();
  const code = refused.status === 421 ? 'forbidden' : 'invalid_request';
  const body = JSON.stringify({ error: { code, message: refused.message, request_id: requestId } });
  // The rest of a refused request is not read: close the connection rather than let it carry a second one.
  res.writeHead(refused.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'X-Request-ID': requestId,
    'Cache-Control': 'no-store',
    Connection: 'close',
  });
  res.end(body);
  req.resume();
  // Both values are attacker-chosen: bounded and stripped of control characters before they reach the log.
  // (JSON.stringify escapes C0 controls; DEL and C1 are replaced.)
  const show = (text: string | undefined) => JSON.stringify((text ?? '').slice(0, 100)).replace(/[\u007f-\u009f]/g, '?');
  log(`${(req.method ?? '?').slice(0, 16)} refused (${refused.status}): target ${show(req.url)}, Host ${show(req.headers.host)} ${requestId}`);
  return true;
}
