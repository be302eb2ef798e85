/**
 * Helpers shared by the host suites (not a test file: index.ts loads only *.test.js).
 */
import { createServer } from 'node:net';
import * as vscode from 'vscode';

/** A loopback port free right now: bind an ephemeral port, then release it (for listeners, or a port nobody serves). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** executeCommand typed as a plain Promise. */
export const cmd = <T>(id: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(id, ...args) as Promise<T>;
