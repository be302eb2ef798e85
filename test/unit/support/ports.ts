import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';

/** Ports quietPort gave this process, bound or not yet. */
const handedOut = new Set<number>();

/**
 * A port for a test listener that must be re-bound several times (a redirect URI is registered once, then every sign-in
 * opens and closes its own listener on it). A port from `listen(0)` lies in the kernel's ephemeral range, where
 * the other test files running in parallel get their outgoing and port-0 sockets: between two of our binds one of
 * them can take it, and our next listener finds it busy (it did, on CI). Below the ephemeral range the kernel never
 * hands a port out by itself, so only a fixed listener could collide, and we probe for one. A port is handed out
 * once per process: a test may hold two before it binds either.
 */
export async function quietPort(): Promise<number> {
  const ephemeralStart = readEphemeralStart();
  const first = Math.max(1024, Math.min(20_000, ephemeralStart - 2_000)) + (process.pid % 1_000);
  for (let port = first; port < first + 200; port++) {
    if (handedOut.has(port) || !(await canListen(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`no free port in ${first}-${first + 199} on 127.0.0.1`);
}

function readEphemeralStart(): number {
  try {
    const start = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(start) && start > 3_024 ? start : 32_768;
  } catch {
    return 32_768; // Linux's default; macOS and Windows start at 49152, also above this
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port nothing listens on (or free for a listener bound once, right away): bind an ephemeral one, note it, close it. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
