import { createServer } from 'node:net';

/** A loopback port free right now (bind an ephemeral port, then release it): for code-server, the sandbox, listeners. */
export async function freePort() {
  const server = createServer();
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}
