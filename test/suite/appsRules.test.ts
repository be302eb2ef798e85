/** The local payload rules: a diagnostic on the offending value, nothing sent; least-privilege advice (shared set-up and helpers: appsSupport.ts). */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { appsSuiteHooks, authRequests, existingApp, openRotatePayload, REDIRECT, replaceText, setValue, submit, textAt, vendazeErrors } from './appsSupport';

suite('apps tree and payloads: payload rules', () => {
  appsSuiteHooks();

  test('invalid payloads: each documented rule is a diagnostic on the offending value, and nothing is sent', async () => {
    const { clientId } = await existingApp();
    const document = await openRotatePayload(clientId);
    const valid = JSON.parse(document.getText());
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['name over 100 characters', { app_name: 'n'.repeat(101) }, JSON.stringify('n'.repeat(101))],
      ['description over 500 characters', { description: 'd'.repeat(501) }, JSON.stringify('d'.repeat(501))],
      ['http redirect URI off loopback', { redirect_uris: ['http://yourapp.test/cb'] }, '"http://yourapp.test/cb"'],
      ['wildcard redirect URI', { redirect_uris: ['https://*.yourapp.test/cb'] }, '"https://*.yourapp.test/cb"'],
      ['duplicate redirect URI', { redirect_uris: [REDIRECT, REDIRECT] }, JSON.stringify(REDIRECT)],
      ['no redirect URI', { redirect_uris: [] }, '[]'],
      ['unknown scope', { scopes: ['people:read', 'people:admin'] }, '"people:admin"'],
      ['no scope', { scopes: [] }, '[]'],
      ['avatar that is not WebP', { avatar_url: 'https://yourapp.test/logo.png' }, '"https://yourapp.test/logo.png"'],
      ['client_id that is not a UUID', { client_id: 'abc' }, '"abc"'],
      ['unknown field', { client_secret: 'never put it here' }, '"client_secret"'],
    ];
    const before = authRequests().length;
    for (const [name, overrides, offending] of cases) {
      await replaceText(document, JSON.stringify({ ...valid, ...overrides }, null, 2));
      const result = await submit(document);
      assert.equal(result?.status, 'invalid', name);
      const errors = vendazeErrors(document);
      assert.equal(errors.length, 1, `${name}: ${errors.map((e) => e.message).join(' | ')}`);
      const range = errors[0].range;
      // The duplicate is flagged on the SECOND occurrence.
      const expectedOffset = name.startsWith('duplicate') ? document.getText().lastIndexOf(offending) : document.getText().indexOf(offending);
      assert.equal(textAt(document, range), offending, name);
      assert.equal(document.offsetAt(range.start), expectedOffset, name);
    }
    assert.equal(authRequests().length, before, 'no invalid payload reached the sandbox');
  });

  test('invalid JSON: the syntax error is marked once, nothing is sent', async () => {
    const { clientId } = await existingApp();
    const document = await openRotatePayload(clientId);
    await replaceText(document, document.getText().replace('"scopes"', '"scopes" "oops"'));
    const before = authRequests().length;
    const result = await submit(document);
    assert.equal(result?.status, 'invalid');
    assert.ok(result?.status === 'invalid' && /Not valid JSON/.test(result.problems[0].message));
    // The JSON language service marks syntax errors itself (as errors); ours would be a second entry.
    const expectedSource = vscode.extensions.getExtension('vscode.json-language-features') ? (d: vscode.Diagnostic) => d.source !== 'Vendaze' : (d: vscode.Diagnostic) => d.source === 'Vendaze';
    let errors: vscode.Diagnostic[] = [];
    for (let i = 0; i < 100 && errors.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      errors = vscode.languages.getDiagnostics(document.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    }
    assert.ok(errors.length > 0 && errors.every(expectedSource), errors.map((e) => `${e.source}: ${e.message}`).join(' | '));
    assert.equal(authRequests().length, before);
  });

  test('least-privilege advice: a write scope without its read twin gets an information hint on that scope', async () => {
    const { clientId } = await existingApp();
    const document = await openRotatePayload(clientId);
    await setValue(document, ['scopes'], ['people:write']);
    let hints: vscode.Diagnostic[] = [];
    for (let i = 0; i < 50 && hints.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      // Only this kind: whether the fixtures' code calls /v1 paths (the "unused"/"missing" hints) is not this test's business.
      hints = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Vendaze' && d.code === 'least-privilege/read-would-do');
    }
    assert.equal(hints.length, 1);
    assert.equal(hints[0].severity, vscode.DiagnosticSeverity.Information);
    assert.equal(textAt(document, hints[0].range), '"people:write"');
    assert.match(hints[0].message, /people:read is enough/);
  });
});
