import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throw-away certificate authority and a server certificate it signed, made with the `openssl` CLI at test
 * time (nothing secret is checked in): what a company's TLS-inspecting proxy or internal CA looks like to a client.
 */

export interface TestPki {
  dir: string;
  /** PEM of the CA certificate (what NODE_EXTRA_CA_CERTS or an OS store would hold). */
  caCert: string;
  caCertFile: string;
  serverKey: string;
  /** The server certificate followed by the CA certificate (the chain the server sends). */
  serverChain: string;
  dispose(): void;
}

export function createTestPki(hostNames: readonly string[]): TestPki {
  const base = join(tmpdir(), 'd-network');
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, 'pki-'));
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Vendaze Test Company CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', `/CN=${hostNames[0]}`);
  const san = [...hostNames.map((h) => `DNS:${h}`), 'IP:127.0.0.1'].join(',');
  writeFileSync(file('server.ext'), `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n`);
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'server.ext');
  const caCert = readFileSync(file('ca.pem'), 'utf8');
  return {
    dir,
    caCert,
    caCertFile: file('ca.pem'),
    serverKey: readFileSync(file('server.key'), 'utf8'),
    serverChain: readFileSync(file('server.pem'), 'utf8') + caCert,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
