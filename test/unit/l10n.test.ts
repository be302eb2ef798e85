/**
 * Localization (docs/localization.md): the manifest's %key% strings and the code's l10n.t messages exist in English
 * and Brazilian Portuguese with the same placeholders, and no user-facing literal in src/ bypasses l10n.t. Failures
 * name the file, line and text, so whoever added the string can fix it in one step.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanFile, scanSources, type Escape } from './support/l10nScan';
import { formatMessage, installTranslator, l10n } from '../../src/common/l10n';

// This file runs as out/test/unit/l10n.test.js.
const root = join(__dirname, '..', '..', '..');
const readJson = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, unknown>;
const nlsEn = readJson('package.nls.json') as Record<string, string>;
const nlsPt = readJson('package.nls.pt-br.json') as Record<string, string>;
const bundlePt = readJson('l10n/bundle.l10n.pt-br.json') as Record<string, string>;
const pkgText = readFileSync(join(root, 'package.json'), 'utf8');
const pkg = JSON.parse(pkgText) as { l10n?: string; contributes: Record<string, unknown> };

/** `{0}`, `{name}` in a message, sorted: both languages must use the same set. */
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
/** `(command:vendaze.x)` links and `code spans` a translation must keep as they are. */
const commandLinks = (text: string) => [...text.matchAll(/\(command:[^)\s]+\)/g)].map((m) => m[0]).sort();

/**
 * Deliberate exceptions to "every user-facing literal goes through l10n.t", as `file: text`. Keep it short and say why.
 */
const ALLOWED: Record<string, string> = {
  // An example address in an input box: a URL reads the same in every language.
  'src/auth/commands/signInFallback.ts: http://127.0.0.1:53682/callback?code=…&state=…': 'example URL',
};

describe('manifest localization (package.nls.json, package.nls.pt-br.json)', () => {
  test('every key has an English and a Brazilian Portuguese text, with the same placeholders and command links', () => {
    const missingPt = Object.keys(nlsEn).filter((k) => !nlsPt[k]?.trim());
    const extraPt = Object.keys(nlsPt).filter((k) => !(k in nlsEn));
    assert.deepEqual(missingPt, [], `package.nls.pt-br.json lacks: ${missingPt.join(', ')}`);
    assert.deepEqual(extraPt, [], `package.nls.pt-br.json has keys package.nls.json does not: ${extraPt.join(', ')}`);
    for (const [key, en] of Object.entries(nlsEn)) {
      assert.deepEqual(placeholders(nlsPt[key]!), placeholders(en), `${key}: placeholders differ between languages`);
      assert.deepEqual(commandLinks(nlsPt[key]!), commandLinks(en), `${key}: command links differ between languages`);
    }
  });

  test('every %key% in package.json exists, and every key is used', () => {
    const used = [...pkgText.matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]!);
    const unknown = used.filter((k) => !(k in nlsEn));
    assert.deepEqual(unknown, [], `package.json uses keys missing from package.nls.json: ${unknown.join(', ')}`);
    const unused = Object.keys(nlsEn).filter((k) => !used.includes(k));
    assert.deepEqual(unused, [], `package.nls.json keys no longer used in package.json: ${unused.join(', ')}`);
  });

  test('every user-facing manifest string is a %key% (product names excepted)', () => {
    const plain: string[] = [];
    const check = (path: string, value: unknown) => {
      if (typeof value === 'string' && value !== 'Vendaze' && !/^%[\w.-]+%$/.test(value)) plain.push(`package.json ${path}: "${value.slice(0, 60)}"`);
    };
    const c = pkg.contributes as {
      commands?: Array<{ command: string; title?: string; shortTitle?: string }>;
      views?: Record<string, Array<{ id: string; name?: string; contextualTitle?: string }>>;
      viewsWelcome?: Array<{ view: string; contents: string }>;
      configuration?: { title?: string; properties: Record<string, Record<string, unknown>> };
      walkthroughs?: Array<{ id: string; title: string; description: string; steps: Array<{ id: string; title: string; description: string; media: { altText?: string } }> }>;
      viewsContainers?: Record<string, Array<{ id: string; title: string }>>;
    };
    for (const cmd of c.commands ?? []) { check(`command ${cmd.command} title`, cmd.title); check(`command ${cmd.command} shortTitle`, cmd.shortTitle); }
    for (const views of Object.values(c.views ?? {})) for (const v of views) { check(`view ${v.id} name`, v.name); check(`view ${v.id} contextualTitle`, v.contextualTitle); }
    for (const w of c.viewsWelcome ?? []) check(`viewsWelcome ${w.view}`, w.contents);
    for (const containers of Object.values(c.viewsContainers ?? {})) for (const v of containers) check(`viewsContainer ${v.id} title`, v.title);
    check('configuration title', c.configuration?.title);
    for (const [name, prop] of Object.entries(c.configuration?.properties ?? {})) {
      for (const f of ['description', 'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage']) check(`${name} ${f}`, prop[f]);
      for (const f of ['enumDescriptions', 'markdownEnumDescriptions']) ((prop[f] as unknown[] | undefined) ?? []).forEach((d, i) => check(`${name} ${f}[${i}]`, d));
    }
    for (const w of c.walkthroughs ?? []) {
      check(`walkthrough ${w.id} title`, w.title);
      check(`walkthrough ${w.id} description`, w.description);
      for (const s of w.steps) { check(`step ${s.id} title`, s.title); check(`step ${s.id} description`, s.description); check(`step ${s.id} altText`, s.media.altText); }
    }
    assert.deepEqual(plain, [], `not localized (add a %key% to package.json and the text to package.nls.json and package.nls.pt-br.json):\n${plain.join('\n')}`);
  });
});

describe('code localization (vscode.l10n, l10n/bundle.l10n.pt-br.json)', () => {
  const { calls, escapes } = scanSources(root);

  test('package.json points VS Code at the l10n folder', () => {
    assert.equal(pkg.l10n, './l10n');
  });

  test('every l10n.t message in src has a Brazilian Portuguese text with the same placeholders', () => {
    assert.ok(calls.length > 20, `only ${calls.length} l10n.t calls found: is the scanner broken?`);
    const missing = calls.filter((c) => !bundlePt[c.message]?.trim()).map((c) => `${c.file}:${c.line}: ${JSON.stringify(c.message)}`);
    assert.deepEqual(missing, [], `missing from l10n/bundle.l10n.pt-br.json (add "English": "Português"):\n${missing.join('\n')}`);
    const differ = calls.filter((c) => JSON.stringify(placeholders(bundlePt[c.message]!)) !== JSON.stringify(placeholders(c.message)));
    assert.deepEqual(differ.map((c) => `${c.file}:${c.line}: ${c.message}`), [], 'placeholders differ between the English message and its pt-br text');
  });

  test('the pt-br bundle holds no stale entries (every key is still a message in src)', () => {
    const messages = new Set(calls.map((c) => c.message));
    const stale = Object.keys(bundlePt).filter((k) => !messages.has(k));
    assert.deepEqual(stale, [], `l10n/bundle.l10n.pt-br.json entries no l10n.t call uses any more (remove or update them):\n${stale.join('\n')}`);
  });

  test('no user-facing string literal in src escapes l10n.t', () => {
    const key = (e: Escape) => `${e.file}: ${e.text}`;
    const unlocalized = escapes.filter((e) => !(key(e) in ALLOWED));
    const report = unlocalized.map((e) => `${e.file}:${e.line} [${e.where}] ${JSON.stringify(e.text)}`);
    assert.deepEqual(report, [], `wrap these in vscode.l10n.t (or l10n.t from src/common/l10n.ts without vscode) and add pt-br texts:\n${report.join('\n')}`);
    const unused = Object.keys(ALLOWED).filter((k) => !escapes.some((e) => key(e) === k));
    assert.deepEqual(unused, [], 'ALLOWED entries that no longer match anything: remove them');
  });

  test('the scanner sees what it must: show*Message arguments, options, tree items, diagnostics, validateInput', () => {
    const source = [
      "import * as vscode from 'vscode';",
      "void vscode.window.showErrorMessage(`Failed: ${'x'}`, 'Retry');",
      "void vscode.window.showQuickPick([{ label: 'One' }], { placeHolder: 'Pick one' });",
      "void vscode.window.showInputBox({ prompt: 'Name', validateInput: (v) => (v ? undefined : 'Required') });",
      "const item = new vscode.TreeItem('Label'); item.tooltip = 'Tip'; item.description = '$(check)';",
      "new vscode.Diagnostic(range, 'Leaked ' + name);",
      "void vscode.window.showInformationMessage(vscode.l10n.t('Done {0}', 1), vscode.l10n.t('OK'));",
    ].join('\n');
    const { calls: found, escapes: flagged } = scanFile(join(root, 'src', 'x.ts'), source, root);
    assert.deepEqual(flagged.map((e) => e.text), ['Failed: ${}', 'Retry', 'One', 'Pick one', 'Name', 'Required', 'Label', 'Tip', 'Leaked ']);
    assert.deepEqual(found.map((c) => c.message), ['Done {0}', 'OK']);
  });
});

describe('translation at run time', () => {
  test('without VS Code (CLI, tests) l10n.t formats the English text', () => {
    assert.equal(l10n.t('{0} of {1} files', 2, 3), '2 of 3 files');
    assert.equal(l10n.t('Hello {name}', { name: 'Ana' }), 'Hello Ana');
    assert.equal(formatMessage('{0} and {9}', ['a']), 'a and {9}');
  });

  test('the pt-br bundle loads and translates through an installed translator, as vscode.l10n does', () => {
    // vscode.l10n.t's own lookup: the bundle's value for the English message, else the message; then the arguments.
    installTranslator((message, ...args) => formatMessage(bundlePt[message] ?? message, args));
    try {
      const sample = Object.keys(bundlePt).find((k) => placeholders(k).includes('0'))!;
      assert.ok(sample, 'the bundle has a message with {0}');
      assert.equal(l10n.t(sample, 'X'), formatMessage(bundlePt[sample]!, ['X']));
      assert.notEqual(l10n.t(sample, 'X'), formatMessage(sample, ['X']));
    } finally {
      installTranslator(undefined);
    }
  });
});
