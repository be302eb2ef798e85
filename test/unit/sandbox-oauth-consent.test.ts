import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { SCOPE_DESCRIPTIONS } from '../../src/schemas';
import { authorizeParams, authorizePath, call, claims, pkce, REDIRECT, register, ROOMY_OAUTH_LIMITS, type TestApp } from './support/sandboxHttp';

describe('sandbox: consent page', () => {
  let sb: RunningSandbox;
  let app: TestApp;
  before(async () => {
    sb = await startSandbox({ autoApprove: false, faults: { rateLimits: ROOMY_OAUTH_LIMITS }, workspaces: ['acme-corp', { slug: 'globex', name: 'Globex <Intl>' }] });
    app = await register(sb, ['people:read', 'people:write']);
  });
  after(() => sb.close());

  async function openConsent(): Promise<{ requestId: string; html: string; verifier: string }> {
    const { verifier, challenge } = pkce();
    const reply = await call(sb, 'GET', authorizePath(authorizeParams(app, challenge)));
    assert.equal(reply.status, 302);
    const location = new URL(reply.headers.location!);
    assert.equal(`${location.origin}${location.pathname}`, `${sb.baseUrl}/oauth/consent`);
    const page = await call(sb, 'GET', `${location.pathname}${location.search}`);
    assert.equal(page.status, 200);
    assert.match(page.headers['content-type'] ?? '', /^text\/html/);
    return { requestId: location.searchParams.get('request')!, html: page.text, verifier };
  }

  test('renders the app, ONE-workspace radio choice, each scope with its description, Authorize and Deny', async () => {
    const { html } = await openConsent();
    assert.match(html, new RegExp(`<span id="app-name">${app.body.app_name}</span>`));
    assert.equal((html.match(/type="radio" name="workspace"/g) ?? []).length, 2);
    assert.match(html, /Globex &lt;Intl&gt;/, 'names are HTML-escaped');
    for (const scope of app.body.scopes) {
      assert.match(html, new RegExp(`type="checkbox" name="scope" value="${scope}" checked`));
      assert.ok(html.includes(SCOPE_DESCRIPTIONS[scope as keyof typeof SCOPE_DESCRIPTIONS]));
    }
    assert.match(html, /id="authorize"/);
    assert.match(html, /id="deny"/);
    assert.ok(!html.includes('<script>'), 'no auto-submit script unless autoApprove is "browser"');
  });

  test('approve with a chosen workspace and one of two scopes -> code + state; token has that workspace and scope', async () => {
    const { requestId, verifier } = await openConsent();
    const reply = await call(sb, 'POST', '/oauth/consent', { body: `request=${requestId}&workspace=globex&scope=people%3Aread&action=approve`, contentType: 'application/x-www-form-urlencoded' });
    assert.equal(reply.status, 302);
    const location = new URL(reply.headers.location!);
    assert.equal(`${location.origin}${location.pathname}`, REDIRECT);
    assert.equal(location.searchParams.get('state'), 'state-123');
    const token = await call(sb, 'POST', '/oauth/token', {
      form: { grant_type: 'authorization_code', client_id: app.client_id, client_secret: app.client_secret, code: location.searchParams.get('code')!, redirect_uri: REDIRECT, code_verifier: verifier },
    });
    assert.equal(token.status, 200, token.text);
    assert.equal(token.json.workspace_slug, 'globex');
    assert.deepEqual(claims(token.json.access_token).vendaze_scopes, ['people:read']);
    // The consent request is single use.
    const again = await call(sb, 'GET', `/oauth/consent?request=${requestId}`);
    assert.equal(again.status, 400);
    assert.match(again.text, /does not exist or was already answered/);
  });

  test('deny -> error=access_denied + state, no code', async () => {
    const { requestId } = await openConsent();
    const reply = await call(sb, 'POST', '/oauth/consent', { body: `request=${requestId}&workspace=acme-corp&action=deny`, contentType: 'application/x-www-form-urlencoded' });
    assert.equal(reply.status, 302);
    const location = new URL(reply.headers.location!);
    assert.equal(location.searchParams.get('error'), 'access_denied');
    assert.equal(location.searchParams.get('state'), 'state-123');
    assert.equal(location.searchParams.get('code'), null);
  });

  test('approve with no scope ticked or an unknown workspace re-renders the page with the reason', async () => {
    const { requestId } = await openConsent();
    const none = await call(sb, 'POST', '/oauth/consent', { body: `request=${requestId}&workspace=acme-corp&action=approve`, contentType: 'application/x-www-form-urlencoded' });
    assert.equal(none.status, 400);
    assert.match(none.text, /role="alert">Keep at least one permission ticked/);
    const ws = await call(sb, 'POST', '/oauth/consent', { body: `request=${requestId}&workspace=initech&scope=people%3Aread&action=approve`, contentType: 'application/x-www-form-urlencoded' });
    assert.equal(ws.status, 400);
    assert.match(ws.text, /Choose one workspace/);
  });

  test('an expired consent request is refused', async () => {
    const { requestId } = await openConsent();
    sb.advanceClock(sb.faults().consentTtlSeconds + 1);
    const reply = await call(sb, 'POST', '/oauth/consent', { body: `request=${requestId}&workspace=acme-corp&scope=people%3Aread&action=approve`, contentType: 'application/x-www-form-urlencoded' });
    assert.equal(reply.status, 400);
    assert.match(reply.text, /expired/);
  });

  test('autoApprove "browser" serves the page with a script that presses Authorize', async () => {
    sb.setAutoApprove('browser');
    try {
      const { html } = await openConsent();
      assert.match(html, /<script>.*getElementById\('authorize'\)\.click\(\)/);
    } finally {
      sb.setAutoApprove(false);
    }
  });
});
