// Starts a provisioned code-server on 127.0.0.1 (used by the test harness and by `npm start`).
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @param host  what provision() returned
 * @param opts  { dataDir, port = 0, logFile, extraArgs = [], workspaceTrust = false, env }: dataDir holds user data,
 *              extensions and config; workspaceTrust keeps Restricted Mode on (no --disable-workspace-trust); env
 *              replaces the environment the server (and its extension host) gets
 * @returns     { port, url, stop() }; stop() ends the server's whole process group (extension host included)
 */
export async function startCodeServer(host, { dataDir, port = 0, logFile, extraArgs = [], workspaceTrust = false, env }) {
  const args = [host.codeServerEntry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--config', join(dataDir, 'config.yaml'), '--user-data-dir', join(dataDir, 'ud'), '--extensions-dir', join(dataDir, 'ed'),
    '--disable-telemetry', '--disable-update-check', ...(workspaceTrust ? [] : ['--disable-workspace-trust']), '--ignore-last-opened',
    '--disable-getting-started-override', ...extraArgs];
  // Own process group (detached): one kill ends the server, its extension host and the helpers it forks.
  const server = spawn(host.node, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], ...(env ? { env } : {}) });
  const stop = async () => {
    const gone = new Promise((resolve) => (server.exitCode !== null || server.signalCode ? resolve() : server.once('exit', resolve)));
    try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
    await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 5000))]);
    try { process.kill(-server.pid, 'SIGKILL'); } catch { /* already gone */ }
  };

  // With port 0 the real port is only known from the log line.
  const listening = new Promise((resolve, reject) => {
    const onData = (data) => {
      if (logFile) appendFileSync(logFile, data);
      const match = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(data.toString());
      if (match) resolve(Number(match[1]));
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.once('exit', (code) => reject(new Error(`code-server exited (${code}) before listening${logFile ? `; see ${logFile}` : ''}`)));
  });
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('code-server did not start within 60s')), 60_000).unref());
  try {
    const actual = await Promise.race([listening, timeout]);
    return { port: actual, url: `http://127.0.0.1:${actual}/`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
