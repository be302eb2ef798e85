/**
 * Localization in the real host (docs/localization.md). The same checks run in both languages: the main run is
 * English; `VENDAZE_HOST_LOCALE=pt-br node test/host/run.mjs` starts code-server with `--locale pt-br` (no VS Code
 * language pack: the extension's own bundles do not need one). Expected texts come from the shipped files, so the
 * test proves the host loaded them: package.nls*.json for the manifest, l10n/bundle.l10n.pt-br.json for messages, both
 * through vscode.l10n in the extension's own code and through the translator it installs for modules without vscode.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { answerConsent, authSuiteHooks, env, get, loopbackPort, pendingConsent, app, type SignInResult } from './authSupport';
import { cmd } from './support';

type PasteResult = { ok: boolean; kind: string; message?: string };

suite('localization', () => {
  const extension = vscode.extensions.getExtension('vendaze.vendaze-vscode')!;
  const root = extension.extensionPath;
  const portuguese = vscode.env.language.toLowerCase().startsWith('pt');
  const read = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, string>;
  const nls = read(portuguese ? 'package.nls.pt-br.json' : 'package.nls.json');
  const bundle: Record<string, string> = portuguese ? read('l10n/bundle.l10n.pt-br.json') : {};
  const text = (english: string) => bundle[english] ?? english;

  suiteSetup(async () => {
    await extension.activate();
    console.log(`    vscode.env.language = ${vscode.env.language}, l10n bundle ${vscode.l10n.bundle ? `loaded (${Object.keys(vscode.l10n.bundle).length} messages)` : 'none'}`);
  });

  test('the host language is the one the harness asked for', () => {
    const asked = process.env.VENDAZE_TEST_LOCALE;
    if (asked) assert.equal(vscode.env.language.toLowerCase(), asked.toLowerCase());
  });

  test('command titles come from the manifest bundle of the language', () => {
    type Title = string | { value: string; original: string };
    const commands = (extension.packageJSON as { contributes: { commands: Array<{ command: string; title: Title }> } }).contributes.commands;
    const { title } = commands.find((c) => c.command === 'vendaze.signIn')!;
    // A translated title arrives as { value, original } (the palette also matches the English original).
    const shown = typeof title === 'string' ? title : title.value;
    assert.equal(shown, nls['command.signIn.title']);
    if (portuguese) assert.deepEqual(title, { value: 'Entrar', original: 'Sign In' });
  });

  test('messages of the extension come from its l10n bundle (vscode.l10n and the translator for pure modules)', async () => {
    // vscode.l10n.t in src/auth/commands/signInFallback.ts: no sign-in is waiting.
    const copy = await cmd<{ copied: boolean; message?: string }>('vendaze.copySignInLink');
    assert.equal(copy.copied, false);
    assert.equal(copy.message, text('No Vendaze sign-in is waiting for the browser. Run Vendaze: Sign In first.'));
    // l10n.t of src/common/l10n.ts in src/auth/pastedCallback.ts (no vscode import), through the installed translator.
    const pasted = await cmd<PasteResult>('vendaze.pasteSignInUrl', 'http://127.0.0.1/callback?state=x');
    assert.equal(pasted.ok, false);
    assert.equal(pasted.message, text('That address has a "state" but no "code": paste the address after you pressed Authorize.'));
    if (portuguese) assert.match(pasted.message ?? '', /cole o endereço/);
  });

  test('sign-in failures come from the bundle (SignInError and the refused callback of a pure module)', async () => {
    // src/auth/commands/signIn.ts: an app VS Code does not know, worded by signInError through the installed translator.
    const unknown = await cmd<{ ok: boolean; kind: string; message: string }>('vendaze.signIn', 'vz_unknown_l10n_app');
    assert.equal(unknown.kind, 'unknown_app');
    assert.equal(unknown.message, text('No Vendaze app with client_id {0} in VS Code. Add it first.').replace('{0}', 'vz_unknown_l10n_app'));
    // src/auth/attempts.ts: a well-formed callback for a sign-in this window never started.
    const stray = await cmd<PasteResult>('vendaze.pasteSignInUrl', 'http://127.0.0.1/callback?code=c&state=not-ours');
    assert.equal(stray.kind, 'unknown_state');
    assert.equal(stray.message, text('This sign-in callback does not belong to a sign-in started in this VS Code window (unknown state), so it was ignored.'));
    if (portuguese) assert.match(stray.message ?? '', /não pertence a uma entrada/);
  });

  suite('the loopback sign-in page', () => {
    authSuiteHooks();
    /** The page as a browser shows it: lang, title, paragraphs (entities decoded). */
    const read = (html: string) => ({
      lang: /<html lang="([^"]*)">/.exec(html)?.[1],
      title: /<title>([^<]*)<\/title>/.exec(html)?.[1],
      paragraphs: [...html.matchAll(/<p>([^<]*)<\/p>/g)].map((m) => m[1]!.replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c)))),
    });

    test('a stray callback and a denial are answered in the display language (through the installed translator)', async () => {
      env.sandbox.setAutoApprove(false);
      try {
        const signIn = cmd<SignInResult>('vendaze.signIn', app.clientId, { timeoutSeconds: 60 });
        const consent = await pendingConsent(env);
        const stray = await get(`http://127.0.0.1:${loopbackPort}/callback?code=c&state=not-ours`);
        assert.equal(stray.status, 400);
        assert.deepEqual(read(stray.text), {
          lang: portuguese ? 'pt-BR' : 'en',
          title: text('Sign-in not completed'),
          paragraphs: [text('This sign-in callback does not belong to a sign-in started in this VS Code window (unknown state), so it was ignored.')],
        });
        const denied = await get(await answerConsent(env, consent.id, 'deny'));
        assert.equal(denied.status, 200);
        assert.deepEqual(read(denied.text), {
          lang: portuguese ? 'pt-BR' : 'en',
          title: text('Sign-in denied'),
          paragraphs: [text('Authorization was denied, so VS Code received no tokens.'), text('You can close this tab.')],
        });
        if (portuguese) assert.equal(read(denied.text).title, 'Entrada negada');
        const result = await signIn;
        assert.equal(result.kind, 'access_denied');
      } finally {
        env.sandbox.setAutoApprove('browser');
      }
    });
  });
});
