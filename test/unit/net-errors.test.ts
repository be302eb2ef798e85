import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeNetworkFailure } from '../../src/api/networkErrors';

/**
 * The messages for failures the socket tests (net-proxy.test.ts) cannot stage cheaply: an expired certificate, a
 * certificate for another name, a proxy that refuses a destination, and the VS Code wording of each. The errors
 * are shaped as fetch throws them: a TypeError whose cause carries the code.
 */

const fetchFailed = (cause: object) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('x'), cause) });
const host = 'api.vendaze.com';

describe('network failure messages', () => {
  const cases: Array<[string, unknown, 'vscode' | 'env', string | undefined, RegExp, RegExp]> = [
    ['expired certificate', fetchFailed({ code: 'CERT_HAS_EXPIRED' }), 'env', undefined, /expired or not yet valid \(CERT_HAS_EXPIRED\)/, /date and time.*NODE_EXTRA_CA_CERTS/],
    ['leaf not verifiable, in VS Code', fetchFailed({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }), 'vscode', undefined, /not trusted \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)/, /http\.systemCertificates/],
    ['certificate for another name', fetchFailed({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' }), 'vscode', undefined, /for another host name/, /vendaze\.apiBaseUrl/],
    ['proxy 407 in VS Code', fetchFailed({ message: 'Proxy response (407) !== 200 when HTTP Tunneling', code: 'UND_ERR_ABORTED' }), 'vscode', 'http://proxy:3128', /the proxy http:\/\/proxy:3128 requires authentication \(HTTP 407\)/, /http\.proxy \(http:\/\/user:password@proxy:port\)/],
    ['proxy refuses the destination', fetchFailed({ message: 'Proxy response (403) !== 200 when HTTP Tunneling' }), 'env', 'http://proxy:3128', /refused to connect to api\.vendaze\.com \(HTTP 403\)/, /allow api\.vendaze\.com/],
    ['proxy down in VS Code', fetchFailed({ code: 'ECONNREFUSED' }), 'vscode', 'http://proxy:3128', /the proxy http:\/\/proxy:3128 is not reachable \(ECONNREFUSED\)/, /http\.proxy setting/],
    ['proxy name unknown', fetchFailed({ code: 'ENOTFOUND' }), 'env', 'http://proxy.corp:3128', /proxy http:\/\/proxy\.corp:3128 is not reachable \(ENOTFOUND\)/, /HTTPS_PROXY/],
    ['DNS without a proxy, in VS Code', fetchFailed({ code: 'EAI_AGAIN' }), 'vscode', undefined, /could not be resolved \(EAI_AGAIN\)/, /set http\.proxy/],
  ];
  for (const [name, error, settings, proxy, detail, advice] of cases) {
    test(name, () => {
      const failure = describeNetworkFailure(error, { host, proxy, settings });
      assert.ok(failure, 'classified');
      assert.match(failure.detail, detail);
      assert.match(failure.advice, advice);
      assert.equal(failure.notSent, true);
    });
  }

  test('an unknown failure is left to the generic message', () => {
    assert.equal(describeNetworkFailure(fetchFailed({ code: 'ECONNRESET' }), { host, settings: 'env' }), undefined);
    assert.equal(describeNetworkFailure(new Error('boom'), { host, settings: 'env' }), undefined);
  });
});
