import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isAcceptableRedirectUri, planRedirect, RedirectCandidates, RedirectStrategy, survivesOpenExternal } from '../../src/auth/redirect';

// What the three hosts hand back (code-server values as seen in the host recipe).
const CODE_SERVER_HANDLER =
  'http://127.0.0.1:8080/stable-abc/callback?vscode-reqid=1&vscode-scheme=code-oss&vscode-authority=vendaze.vendaze-vscode&vscode-path=%2Fauth-callback';
const CODE_SERVER_LOOPBACK = 'http://127.0.0.1:8080/proxy/53682/callback';
const DESKTOP_HANDLER = 'vscode://vendaze.vendaze-vscode/auth-callback';
const CODESPACES_LOOPBACK = 'https://fuzzy-53682.app.github.dev/callback';
const RAW_LOOPBACK = 'http://127.0.0.1:53682/callback';
const BOUNCE = 'https://dev.example.com/vendaze-bounce';
const CLEAN_HANDLER = 'https://vscode.example.dev/auth/vendaze';

const desktop: RedirectCandidates = { uriHandlerExternal: DESKTOP_HANDLER, loopbackPort: 53682, loopbackExternal: RAW_LOOPBACK };
const codeServer: RedirectCandidates = { uriHandlerExternal: CODE_SERVER_HANDLER, loopbackPort: 53682, loopbackExternal: CODE_SERVER_LOOPBACK };
const codespaces: RedirectCandidates = { uriHandlerExternal: CLEAN_HANDLER, loopbackPort: 53682, loopbackExternal: CODESPACES_LOOPBACK };

interface Row {
  name: string;
  strategy: RedirectStrategy;
  candidates: RedirectCandidates;
  registered: string[];
  expect: { kind: string; redirectUri: string } | { reason: string; redirectUri?: string };
}

const table: Row[] = [
  { name: 'desktop auto -> loopback when registered', strategy: 'auto', candidates: desktop, registered: [RAW_LOOPBACK], expect: { kind: 'loopback', redirectUri: RAW_LOOPBACK } },
  { name: 'desktop auto, nothing registered -> register the loopback URL', strategy: 'auto', candidates: desktop, registered: ['https://mysaas.example/cb'], expect: { reason: 'not_registered', redirectUri: RAW_LOOPBACK } },
  { name: 'desktop never offers vscode:// even if "registered"', strategy: 'auto', candidates: desktop, registered: [DESKTOP_HANDLER], expect: { reason: 'not_registered', redirectUri: RAW_LOOPBACK } },
  { name: 'code-server auto skips the handler URL that openExternal would re-encode', strategy: 'auto', candidates: codeServer, registered: [CODE_SERVER_HANDLER, CODE_SERVER_LOOPBACK], expect: { kind: 'loopback', redirectUri: CODE_SERVER_LOOPBACK } },
  { name: 'code-server auto suggests the proxied loopback URL', strategy: 'auto', candidates: codeServer, registered: [], expect: { reason: 'not_registered', redirectUri: CODE_SERVER_LOOPBACK } },
  { name: 'code-server explicit uriHandler is honoured', strategy: 'uriHandler', candidates: codeServer, registered: [CODE_SERVER_HANDLER], expect: { kind: 'uriHandler', redirectUri: CODE_SERVER_HANDLER } },
  { name: 'a clean handler URL is preferred over loopback', strategy: 'auto', candidates: codespaces, registered: [CODESPACES_LOOPBACK, CLEAN_HANDLER], expect: { kind: 'uriHandler', redirectUri: CLEAN_HANDLER } },
  { name: 'codespaces loopback when only it is registered', strategy: 'auto', candidates: codespaces, registered: [CODESPACES_LOOPBACK], expect: { kind: 'loopback', redirectUri: CODESPACES_LOOPBACK } },
  { name: 'bounce page first in auto when configured and registered', strategy: 'auto', candidates: { ...desktop, bounceUrl: BOUNCE }, registered: [RAW_LOOPBACK, BOUNCE], expect: { kind: 'bounce', redirectUri: BOUNCE } },
  { name: 'bounce configured but unregistered -> suggest the bounce page', strategy: 'auto', candidates: { ...desktop, bounceUrl: BOUNCE }, registered: [], expect: { reason: 'not_registered', redirectUri: BOUNCE } },
  { name: 'bounce strategy without a bounce URL is unusable', strategy: 'bounce', candidates: desktop, registered: [BOUNCE], expect: { reason: 'unusable' } },
  { name: 'plain-http bounce page off loopback is unusable', strategy: 'bounce', candidates: { ...desktop, bounceUrl: 'http://dev.example.com/b' }, registered: ['http://dev.example.com/b'], expect: { reason: 'unusable' } },
  { name: 'explicit loopback without asExternalUri uses the raw URL', strategy: 'loopback', candidates: { loopbackPort: 6000 }, registered: ['http://127.0.0.1:6000/callback'], expect: { kind: 'loopback', redirectUri: 'http://127.0.0.1:6000/callback' } },
  { name: 'LAN-forwarded http loopback is not acceptable to Vendaze', strategy: 'loopback', candidates: { loopbackPort: 53682, loopbackExternal: 'http://192.168.1.4:8080/proxy/53682/callback' }, registered: [], expect: { reason: 'unusable' } },
  { name: 'desktop explicit uriHandler (vscode://) is unusable', strategy: 'uriHandler', candidates: desktop, registered: [DESKTOP_HANDLER], expect: { reason: 'unusable' } },
];

describe('planRedirect', () => {
  for (const row of table) {
    test(row.name, () => {
      const result = planRedirect(row.strategy, row.candidates, row.registered);
      if ('kind' in row.expect) {
        assert.equal(result.ok, true, result.ok ? '' : result.message);
        if (!result.ok) return;
        assert.equal(result.plan.kind, row.expect.kind);
        assert.equal(result.plan.redirectUri, row.expect.redirectUri);
        assert.equal(result.plan.via, row.expect.kind === 'loopback' ? 'loopback' : 'uriHandler');
        if (row.expect.kind === 'loopback') assert.deepEqual(result.plan.listen, { host: '127.0.0.1', port: row.candidates.loopbackPort, path: '/callback' });
      } else {
        assert.equal(result.ok, false);
        if (result.ok) return;
        assert.equal(result.reason, row.expect.reason);
        assert.equal(result.redirectUri, row.expect.redirectUri);
        if (row.expect.redirectUri) assert.match(result.message, new RegExp(`Register exactly ${row.expect.redirectUri.replace(/[.?*+^$()[\]{}|\\/]/g, '\\$&')}`));
      }
    });
  }

  test('the explicit handler choice carries a re-encoding warning', () => {
    const result = planRedirect('uriHandler', codeServer, [CODE_SERVER_HANDLER]);
    assert.ok(result.ok && result.warning && /re-encode/.test(result.warning));
  });

  test('a registered URI differing only by a trailing slash is pointed out', () => {
    const result = planRedirect('auto', desktop, [`${RAW_LOOPBACK}/`]);
    assert.ok(!result.ok && /matches redirect URIs exactly/.test(result.message));
  });

  test('alternatives list every usable candidate, best first', () => {
    const result = planRedirect('auto', { ...codespaces, bounceUrl: BOUNCE }, []);
    assert.ok(!result.ok);
    assert.deepEqual(result.alternatives, [BOUNCE, CLEAN_HANDLER, CODESPACES_LOOPBACK]);
  });
});

describe('redirect URI rules', () => {
  for (const [uri, ok] of [
    ['https://a.example/cb', true],
    ['http://localhost:3000/cb', true],
    ['http://127.0.0.1/cb', true],
    ['http://127.0.0.2/cb', false],
    ['http://[::1]/cb', false],
    ['http://a.example/cb', false],
    ['vscode://x/y', false],
    ['https://a.example/cb#frag', false],
    ['not a url', false],
    // Edge cases where sign-in used to be looser than registration: matching is exact, so these never match.
    ['HTTPS://a.example/cb', false],
    ['https://a.example/cb#', false],
  ] as const) {
    test(`${uri} -> ${ok}`, () => assert.equal(isAcceptableRedirectUri(uri), ok));
  }
  test('survivesOpenExternal flags ?, & and %', () => {
    assert.equal(survivesOpenExternal(CODE_SERVER_LOOPBACK), true);
    assert.equal(survivesOpenExternal(CODE_SERVER_HANDLER), false);
    assert.equal(survivesOpenExternal('https://a.example/cb%20x'), false);
  });
});
