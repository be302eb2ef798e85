/** The bounce redirect strategy: a page of the user's forwards the redirect to the URI handler (set-up: authSupport.ts). */
import assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import * as vscode from 'vscode';
import { cmd } from './support';
import { addApp, authConfig, authSuiteHooks, env, type SignInResult, type SignOutResult } from './authSupport';

suite('auth: the bounce redirect strategy against the sandbox', function () {
  this.timeout(90_000);
  authSuiteHooks({ app: false });

  test('bounce strategy: a bounce page forwards to the URI handler, which completes the sign-in', async () => {
    // The user's bounce page, played by a tiny server on 127.0.0.1: it forwards the query to the address this host
    // gives the URI handler (code-server: its /callback route, which hands it to registerUriHandler).
    const handler = (await vscode.env.asExternalUri(vscode.Uri.parse(`${vscode.env.uriScheme}://vendaze.vendaze-vscode/auth-callback`))).toString(true);
    const hits: string[] = [];
    const bounce = createHttpServer((req, res) => {
      const query = new URL(req.url ?? '/', 'http://x').search.slice(1);
      hits.push(req.url ?? '');
      res.writeHead(302, { location: `${handler}${handler.includes('?') ? '&' : '?'}${query}` }).end();
    });
    await new Promise<void>((resolve) => bounce.listen(0, '127.0.0.1', resolve));
    const bounceUrl = `http://127.0.0.1:${(bounce.address() as { port: number }).port}/vendaze-bounce`;
    try {
      const bounceApp = await addApp(env, [bounceUrl]);
      await authConfig().update('redirectStrategy', 'bounce', vscode.ConfigurationTarget.Global);
      await authConfig().update('redirectBounceUrl', bounceUrl, vscode.ConfigurationTarget.Global);
      const result = await cmd<SignInResult>('vendaze.signIn', bounceApp.clientId, { timeoutSeconds: 15 });
      assert.equal(result.ok, true, result.message);
      assert.equal(result.redirectUri, bounceUrl);
      assert.equal(result.workspace, 'acme-corp');
      assert.equal(hits.length, 1, 'the browser went through the bounce page');
      assert.equal(env.sandbox.activeTokens(bounceApp.clientId).grants, 1);
      const out = await cmd<SignOutResult>('vendaze.signOut', result.sessionId);
      assert.equal(out.revoked, true);
    } finally {
      await authConfig().update('redirectStrategy', undefined, vscode.ConfigurationTarget.Global);
      await authConfig().update('redirectBounceUrl', undefined, vscode.ConfigurationTarget.Global);
      await new Promise((resolve) => bounce.close(resolve));
    }
  });
});
