/**
 * Run as a child process by net-proxy.test.ts, so the environment decides everything, as for the CLI:
 * HTTPS_PROXY / NO_PROXY pick the route and NODE_EXTRA_CA_CERTS (read by Node at start-up only, hence the child)
 * the trusted CAs. Prints the probe result as one JSON line.
 */
import { probeApi } from '../../../src/api/probe';
import { nodeHttp } from '../../../src/net/nodeHttp';

const url = process.argv[2];
if (!url) throw new Error('usage: netProbeChild <api base url>');
const http = nodeHttp();
void probeApi(url, 10_000, undefined, http).then(async (result) => {
  process.stdout.write(`${JSON.stringify(result)}\n`);
  await http.dispatcher.close();
});
